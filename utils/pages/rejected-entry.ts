// A rejected import entry in words: "entity 1 (mcp:x): training must be a number between 0 and 1,
// got "high"", numbered from 1 as people count, instead of the core's JSON path from 0.
import { i18n } from '#i18n';
import type { RejectedEntity } from '@/core/index.js';

/** The core's message is `<path>: <problem>`, the path starting with `entities[i]` or `[i]` (or empty for one entity). */
const PATH = /^(?:entities)?(?:\[\d+\])?\.?([^:]*?): (.*)$/s;

export function describeRejected({ index, entity_id: id, message }: RejectedEntity): string {
  const which = id === undefined ? i18n.t('rejected.entity', [String(index + 1)]) : i18n.t('rejected.entityWithId', [String(index + 1), id]);
  const match = PATH.exec(message);
  const field = match?.[1] ?? '';
  const problem = match?.[2] ?? message;
  return `${which}: ${problemInWords(field, problem)}`;
}

function problemInWords(field: string, problem: string): string {
  const subject = field || i18n.t('rejected.theEntry');
  let m: RegExpExecArray | null;
  if ((m = /^expected a number in \[0,1\], got (.*)$/s.exec(problem))) return i18n.t('rejected.score', [subject, m[1]!]);
  if ((m = /^expected a whole number from 0 to (\d+), got (.*)$/s.exec(problem))) return i18n.t('rejected.count', [subject, m[1]!, m[2]!]);
  if ((m = /^expected an RFC 3339 timestamp or null, got (.*)$/s.exec(problem))) return i18n.t('rejected.time', [subject, m[1]!]);
  if ((m = /^expected an array of 3 numbers, got (.*)$/s.exec(problem))) return i18n.t('rejected.triple', [subject, m[1]!]);
  if ((m = /^expected an entity object, got (.*)$/s.exec(problem))) return i18n.t('rejected.notEntity', [m[1]!]);
  if ((m = /^duplicate of entity (\d+), (.*)$/s.exec(problem))) return i18n.t('rejected.duplicate', [String(Number(m[1]) + 1)]);
  if (problem.startsWith('missing; an entity needs')) return i18n.t('rejected.missingScore', [subject]);
  if (problem === 'missing') return i18n.t('rejected.missing', [subject]);
  return field ? `${field}: ${problem}` : problem;
}
