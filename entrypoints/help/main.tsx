import { i18n } from '#i18n';
import { render } from 'preact';
import '@/components/theme.css';
import './help.css';
import { HelpPage } from './help-page.js';

document.title = i18n.t('help.documentTitle');
render(<HelpPage />, document.getElementById('app')!);
