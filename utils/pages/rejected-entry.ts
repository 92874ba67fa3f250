// A rejected import entry in words: "entity 1 (mcp:x): training must be a number between 0 and 1,
// got "high"", numbered from 1 as people count, instead of the core's JSON path from 0.
import { i18n } from '#i18n';
import type { RejectedEntity } from '@/core/index.js';

/** The core's message is `<path>: <problem>`, the path starting with `entities[i]` or `[i]` (or empty for one entity). */
const PATH = /^(?:entities)?(?:\[\d+\])?\.?([^:]*?): (.*)$/s;

export function describeRejected({ index, entity_id: id, message }: RejectedEntity): string {
  const which = !id ? i18n.t('rejected.entity', [String(index + 1)]) : i18n.t('rejected.entityWithId', [String(index + 1), id]);
  const match = PATH.exec(message);
  const field = match?.[1] ?? '';
  const problem = match?.[2] ?? message;
  return `${which}: ${problemInWords(field, problem)}`;
}

/** The core's problems, by pattern, and how to say each in the user's language (undefined: said as is). */
const PROBLEMS: [RegExp, (subject: string, m: RegExpExecArray) => string][] = [
  [/^expected a number in \[0,1\], got (.*)$/s, (f, m) => i18n.t('rejected.score', [f, m[1]!])],
  [/^expected a finite number, got (.*)$/s, (f, m) => i18n.t('rejected.finite', [f, m[1]!])],
  [/^expected a whole number from 0 to (\d+), got (.*)$/s, (f, m) => i18n.t('rejected.count', [f, m[1]!, m[2]!])],
  [/^expected an RFC 3339 timestamp or null, got (.*)$/s, (f, m) => i18n.t('rejected.time', [f, m[1]!])],
  [/^expected an array of 3 numbers, got (.*)$/s, (f, m) => i18n.t('rejected.triple', [f, m[1]!])],
  [/^expected an array of entity ids, got (.*)$/s, (f, m) => i18n.t('rejected.idList', [f, m[1]!])],
  [/^at most (\d+) ids, got (\d+)$/s, (f, m) => i18n.t('rejected.tooManyIds', [f, m[1]!, m[2]!])],
  [/^expected an entity object, got (.*)$/s, (_, m) => i18n.t('rejected.notEntity', [m[1]!])],
  [/^duplicate of entity (\d+), (.*)$/s, (_, m) => i18n.t('rejected.duplicate', [String(Number(m[1]) + 1)])],
  [/^missing; an entity needs (.*?) \(or the legacy 6-D .*\)$/s, (f, m) => i18n.t('rejected.missingScore', [f, m[1]!])],
  [/^missing$/, (f) => i18n.t('rejected.missing', [f])],
  [/^expected an entity id string, got (.*)$/s, (f, m) => i18n.t('rejected.idNotString', [f, m[1]!])],
  [/^an entity id must not be empty$/, (f) => i18n.t('rejected.idEmpty', [f])],
  [/^an entity id must be at most (\d+) characters, got (\d+)$/, (f, m) => i18n.t('rejected.idTooLong', [f, m[1]!, m[2]!])],
  [/^an entity id must not contain (bidirectional )?control characters$/, (f) => i18n.t('rejected.idControl', [f])],
  [/lone surrogate/, (f) => i18n.t('rejected.idSurrogate', [f])],
  [/^nested more than (\d+) levels deep/, (f, m) => i18n.t('rejected.tooDeep', [f, m[1]!])],
  [/^unknown fields \((.*)\) take (\d+) characters of JSON; at most (\d+) are kept$/s, (_, m) => i18n.t('rejected.unknownTooBig', [m[1]!, m[3]!])],
];

function problemInWords(field: string, problem: string): string {
  const subject = field || i18n.t('rejected.theEntry');
  for (const [pattern, say] of PROBLEMS) {
    const m = pattern.exec(problem);
    if (m) return say(subject, m);
  }
  return field ? `${field}: ${problem}` : problem;
}
