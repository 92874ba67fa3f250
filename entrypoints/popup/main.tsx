import { render } from 'preact';
import '@/components/theme.css';
import { prefetchPage } from '@/utils/pages/entity-source.js';
import './popup.css';
import { Popup } from './popup.js';
import { INITIAL_SORT, pageRequest } from './use-entity-pages.js';

// Start reading the first rows from IndexedDB before anything renders.
prefetchPage(pageRequest({ sort: INITIAL_SORT }, 0));
render(<Popup />, document.getElementById('app')!);
