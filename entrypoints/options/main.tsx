import { i18n } from '#i18n';
import { render } from 'preact';
import '@/components/theme.css';
import './options.css';
import { OptionsPage } from './options-page.js';

document.title = i18n.t('options.documentTitle');
render(<OptionsPage />, document.getElementById('app')!);
