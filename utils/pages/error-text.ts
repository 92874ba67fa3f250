// A background error in the user's language: the pages never show the background's English message
// as the sentence (it stays available as the technical detail).
import { i18n } from '#i18n';
import type { ApiError, ApiIssue, Settings } from '../api/api-types.js';
import { formatCount } from './format.js';

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
    case 'invalid-request':
      return error.issues?.length
        ? i18n.t('error.invalidFields', [error.issues.map(issueText).join('; ')])
        : i18n.t('error.invalidRequest');
    case 'forbidden': return i18n.t('error.forbidden');
    case 'not-found': return i18n.t('error.notFound');
    case 'bad-input': return i18n.t('error.badInput');
    case 'storage': return i18n.t('error.storage');
    case 'interrupted': return i18n.t('error.interrupted');
    case 'internal': return i18n.t('error.internal');
  }
}

/** The settings' labels, as the options page shows them. */
const SETTING_LABELS: Record<keyof Settings, () => string> = {
  decayRatePerDay: () => i18n.t('settings.decayRate'),
  graceDays: () => i18n.t('settings.graceDays'),
  sweepPeriodMinutes: () => i18n.t('settings.sweepPeriod'),
  eventLogCap: () => i18n.t('settings.eventLogCap'),
  sweepMinChange: () => i18n.t('settings.sweepMinChange'),
  sessionRetentionDays: () => i18n.t('settings.sessionRetention'),
};

/** A field of a request as people know it: its label on the page, else its name. */
function fieldName(field: string): string {
  if (Object.hasOwn(SETTING_LABELS, field)) return SETTING_LABELS[field as keyof Settings]();
  if (field === 'id' || field === 'witnessId' || field === 'targetId') return i18n.t('issue.entityId');
  if (field === 'magnitude') return i18n.t('issue.magnitude');
  // Other fields are set by the pages' own code, never typed: a failure there is a bug to report.
  return field || i18n.t('issue.theRequest');
}

/** One problem with a field of a request, in the user's language: "Grace period must be at most 3,650". */
export function issueText({ field, problem, params = [] }: ApiIssue): string {
  const name = fieldName(field);
  const number = formatCount(Number(params[0]));
  switch (problem) {
    case 'missing': return i18n.t('issue.missing', [name]);
    case 'unknown-field': return i18n.t('issue.unknownField', [name]);
    case 'wrong-type': return i18n.t('issue.wrongType', [name]);
    case 'not-a-number': return i18n.t('issue.notANumber', [name]);
    case 'not-whole': return i18n.t('issue.notWhole', [name]);
    case 'too-small': return i18n.t('issue.tooSmall', [name, number]);
    case 'too-large': return i18n.t('issue.tooLarge', [name, number]);
    case 'not-one-of': return i18n.t('issue.notOneOf', [name, params.join(', ')]);
    case 'too-long': return i18n.t('issue.tooLong', [name, number]);
    case 'empty': return i18n.t('issue.empty', [name]);
    case 'bad-characters': return i18n.t('issue.badCharacters', [name]);
    case 'invalid': return i18n.t('issue.invalid', [name]);
  }
}
