// Valibot schemas for every API request. The background validates each message against these before
// touching the store, so that a bad request gets a message naming the field instead of a crash.
import * as v from 'valibot';
import { entityIdProblem, MAX_ENTITY_ID_LENGTH, TRUST_LEVELS } from '@/core/index.js';
import { MAX_GRACE_DAYS } from '../db/decay-settings.js';
import { KNOWN_TYPES, SORT_KEYS, type ApiIssue } from './api-types.js';

const entityId = v.pipe(
  v.string('expected an entity id string'),
  v.check((id) => entityIdProblem(id) === undefined, (issue) => entityIdProblem(issue.input) ?? 'invalid entity id'),
);
const finiteNumber = (what: string) =>
  v.pipe(v.number(`${what} must be a number`), v.finite(`${what} must be a finite number`));
const wholeNumber = (what: string, min: number, max: number) =>
  v.pipe(
    v.number(`${what} must be a number`),
    v.integer(`${what} must be a whole number`),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );

export const MAX_PAGE_SIZE = 1000;

export const listEntitiesRequest = v.strictObject({
  type: v.optional(v.picklist([...KNOWN_TYPES, 'other'], `type must be one of ${[...KNOWN_TYPES, 'other'].join(', ')}`)),
  query: v.optional(v.pipe(v.string('query must be a string'), v.maxLength(1024, 'query must be at most 1024 characters'))),
  level: v.optional(v.picklist(TRUST_LEVELS, `level must be one of ${TRUST_LEVELS.join(', ')}`)),
  sort: v.picklist(SORT_KEYS, `sort must be one of ${SORT_KEYS.join(', ')}`),
  offset: wholeNumber('offset', 0, Number.MAX_SAFE_INTEGER),
  limit: wholeNumber('limit', 1, MAX_PAGE_SIZE),
});

export const entityRequest = v.strictObject({
  id: entityId,
  /** How many recent events to include (default 50). */
  events: v.optional(wholeNumber('events', 0, 1000)),
  /** Witnessing chain depth (default 3). */
  depth: v.optional(wholeNumber('depth', 1, 10)),
});

export const entityIdRequest = v.strictObject({ id: entityId });

export const outcomeRequest = v.strictObject({
  id: entityId,
  success: v.boolean('success must be true or false'),
  magnitude: finiteNumber('magnitude'),
});

export const witnessRequest = v.strictObject({
  witnessId: entityId,
  targetId: entityId,
  success: v.boolean('success must be true or false'),
  magnitude: finiteNumber('magnitude'),
});

export const importRequest = v.pipe(
  v.strictObject({
    text: v.optional(v.string('text must be a string')),
    bundle: v.optional(v.unknown()),
    upload: v.optional(v.pipe(v.string('upload must be a string'), v.maxLength(100, 'upload must be at most 100 characters'))),
    mode: v.picklist(['merge', 'replace'], 'mode must be merge or replace'),
    dryRun: v.boolean('dryRun must be true or false'),
  }),
  v.check(
    (r) => [r.text, r.bundle, r.upload].filter((x) => x !== undefined).length === 1,
    'give exactly one of text, bundle or upload',
  ),
);

export const uploadChunkRequest = v.strictObject({
  upload: v.pipe(v.string('upload must be a string'), v.minLength(1, 'upload must not be empty'), v.maxLength(100, 'upload must be at most 100 characters')),
  index: wholeNumber('index', 0, 10_000),
  text: v.string('text must be a string'),
});

/**
 * The smallest sweep period, the same in every browser: Firefox runs alarms at most once a minute
 * (Chrome every 30 s), and one rule for both means a setting moves between them unchanged.
 */
export const MIN_SWEEP_PERIOD_MINUTES = 1;
export const MAX_SWEEP_PERIOD_MINUTES = 7 * 24 * 60;
export const MAX_EVENT_LOG_CAP = 1_000_000;
export { MAX_GRACE_DAYS };
export const MAX_SESSION_RETENTION_DAYS = 36_500;

export const settingsFields = {
  decayRatePerDay: v.pipe(finiteNumber('decay rate per day'), v.minValue(0, 'decay rate per day must be at least 0'), v.maxValue(1, 'decay rate per day must be at most 1')),
  graceDays: v.pipe(
    finiteNumber('grace days'), v.minValue(0, 'grace days must be at least 0'),
    v.maxValue(MAX_GRACE_DAYS, `grace days must be at most ${MAX_GRACE_DAYS}`),
  ),
  sweepPeriodMinutes: v.pipe(
    finiteNumber('sweep period'),
    v.minValue(MIN_SWEEP_PERIOD_MINUTES, `sweep period must be at least ${MIN_SWEEP_PERIOD_MINUTES} minute (browsers run alarms at most once a minute)`),
    v.maxValue(MAX_SWEEP_PERIOD_MINUTES, `sweep period must be at most ${MAX_SWEEP_PERIOD_MINUTES} minutes (a week)`),
  ),
  eventLogCap: wholeNumber('event-log cap', 0, MAX_EVENT_LOG_CAP),
  sweepMinChange: v.pipe(
    finiteNumber('minimum sweep change'), v.minValue(0, 'minimum sweep change must be at least 0'),
    v.maxValue(1, 'minimum sweep change must be at most 1'),
  ),
  /** null: sessions are kept forever. */
  sessionRetentionDays: v.nullable(v.pipe(
    finiteNumber('session retention'), v.minValue(0, 'session retention must be at least 0 days'),
    v.maxValue(MAX_SESSION_RETENTION_DAYS, `session retention must be at most ${MAX_SESSION_RETENTION_DAYS} days (or null: forever)`),
  )),
};

export const settingsSchema = v.strictObject(settingsFields);
/** `setSettings` takes any subset of the settings; the rest stay as they are. */
export const settingsPatch = v.strictObject({
  decayRatePerDay: v.optional(settingsFields.decayRatePerDay),
  graceDays: v.optional(settingsFields.graceDays),
  sweepPeriodMinutes: v.optional(settingsFields.sweepPeriodMinutes),
  eventLogCap: v.optional(settingsFields.eventLogCap),
  sweepMinChange: v.optional(settingsFields.sweepMinChange),
  sessionRetentionDays: v.optional(settingsFields.sessionRetentionDays),
});

export const noRequest = v.optional(v.union([v.undefined(), v.null(), v.strictObject({})], 'this call takes no data'));

export type EntityRequest = v.InferOutput<typeof entityRequest>;
export type EntityIdRequest = v.InferOutput<typeof entityIdRequest>;
export type OutcomeRequest = v.InferOutput<typeof outcomeRequest>;
export type WitnessRequest = v.InferOutput<typeof witnessRequest>;
export type SettingsPatch = v.InferOutput<typeof settingsPatch>;
export type UploadChunkRequest = v.InferOutput<typeof uploadChunkRequest>;

/**
 * Validates `input`, returning the parsed value, or a message naming each bad field (English, for
 * logs and details) and the same as `issues` the pages say in the user's language.
 */
export function validateRequest<S extends v.GenericSchema>(
  schema: S, input: unknown,
): { ok: true; value: v.InferOutput<S> } | { ok: false; message: string; issues: ApiIssue[] } {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const message = result.issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      // Valibot's own wording for object keys ("Invalid key: Expected …") is not for people.
      let text = issue.message;
      if (text.startsWith('Invalid key')) text = issue.received === 'undefined' ? 'missing' : 'unknown field';
      return path ? `${path}: ${text}` : text;
    })
    .join('; ');
  // One problem per field, the first found (Infinity is "not a number", not also "too large").
  const issues = new Map<string, ApiIssue>();
  for (const issue of result.issues.map(issueOf)) if (!issues.has(issue.field)) issues.set(issue.field, issue);
  return { ok: false, message, issues: [...issues.values()] };
}

/** One of valibot's issues as a problem code, from the check that failed (never from its English). */
function issueOf(issue: v.BaseIssue<unknown>): ApiIssue {
  const field = v.getDotPath(issue) ?? '';
  const bound = (): string[] => {
    const { requirement } = issue as { requirement?: unknown };
    return typeof requirement === 'number' ? [String(requirement)] : [];
  };
  const at = (problem: ApiIssue['problem'], params: string[] = []): ApiIssue => ({ field, problem, ...(params.length && { params }) });
  switch (issue.type) {
    case 'strict_object':
      if (!field) return at('wrong-type');
      return issue.received === 'undefined' ? at('missing') : at('unknown-field');
    case 'number': case 'finite': return at('not-a-number');
    case 'integer': return at('not-whole');
    case 'min_value': return at('too-small', bound());
    case 'max_value': return at('too-large', bound());
    case 'max_length': return at('too-long', bound());
    case 'min_length': return at('empty');
    // Valibot says the options as `("a" | "b")`.
    case 'picklist': return at('not-one-of', (issue.expected ?? '').replace(/^\(|\)$/g, '').split(' | ').map((o) => o.replace(/^"|"$/g, '')));
    case 'string': case 'boolean': case 'union': case 'object': return at('wrong-type');
    case 'check': {
      // The only checks on one field are the entity id's.
      if (!field || entityIdProblem(issue.input) === undefined) return at('invalid');
      const id = issue.input as string;
      if (id === '') return at('empty');
      if (id.length > MAX_ENTITY_ID_LENGTH) return at('too-long', [String(MAX_ENTITY_ID_LENGTH)]);
      return at('bad-characters');
    }
    default: return at('invalid');
  }
}
