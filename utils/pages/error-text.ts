// A background error in the user's language: the pages never show the background's English message
// as the sentence (it stays available as the technical detail).
import { i18n } from '#i18n';
import type { ApiError } from '../api/api-types.js';

export function errorText(error: ApiError): string {
  switch (error.reason) {
    case 'empty-file': return i18n.t('error.emptyFile');
    case 'not-json': return i18n.t('error.notJson');
    case 'not-a-store': return i18n.t('error.notAStore');
    case 'wrong-format': return i18n.t('error.wrongFormat');
    case 'newer-version': return i18n.t('error.newerVersion', [error.params?.[0] ?? '?']);
    case 'bad-version': return i18n.t('error.badVersion');
    case 'upload-lost': return i18n.t('error.uploadLost');
    case 'quota': return i18n.t('error.quota');
    case undefined: break;
  }
  switch (error.code) {
    case 'invalid-request': return i18n.t('error.invalidRequest');
    case 'forbidden': return i18n.t('error.forbidden');
    case 'not-found': return i18n.t('error.notFound');
    case 'bad-input': return i18n.t('error.badInput');
    case 'storage': return i18n.t('error.storage');
    case 'interrupted': return i18n.t('error.interrupted');
    case 'internal': return i18n.t('error.internal');
  }
}
