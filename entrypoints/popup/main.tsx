import { i18n } from '#i18n';
import { render } from 'preact';
import '@/components/theme.css';
import { prefetchPage } from '@/utils/pages/entity-source.js';
import './popup.css';
import { Popup, listQuery } from './popup.js';
import { loadFilters } from './saved-filters.js';
import { INITIAL_SORT, pageRequest } from './use-entity-pages.js';

document.title = i18n.t('extName');
// The filters of the last opening, then the first rows read from IndexedDB before anything renders.
const filters = loadFilters(INITIAL_SORT);
prefetchPage(pageRequest(listQuery(filters), 0));
render(<Popup initialFilters={filters} />, document.getElementById('app')!);
