import { readCallEvidence, type CallEvidence } from './call-evidence.js';
import { DIMENSIONS, TALENT, TEMPERAMENT, TRAINING, VALIDITY, VALUATION, VERACITY } from './dimensions.js';
import { entityIdProblem, entityNameOf, entityTypeOf } from './entity-id.js';
import { AT_LAST_ACTIVITY, COUNTS, NO_IDS, SCORES, type EntityState } from './entity-state.js';
import { TrustFormatError, at, describeValue } from './errors.js';
import { formatTimestamp, parseTimestamp, type EpochMs } from './time.js';

type Triple = [number, number, number];

/** One entity at rest: upstream's snake_case fields, our decay fields, and any unknown fields. */
export interface EntityJson {
  entity_id: string;
  entity_type: string;
  entity_name: string;
  talent: number;
  training: number;
  temperament: number;
  t3_observation_counts: Triple;
  valuation: number;
  veracity: number;
  validity: number;
  v3_observation_counts: Triple;
  witnessed_by: string[];
  has_witnessed: string[];
  action_count: number;
  success_count: number;
  witness_count: number;
  last_action: string | null;
  created_at: string | null;
  /** Latest outcome or witness involving the entity; decay periods start here. */
  last_activity: string | null;
  /**
   * T3 scores right after the last activity, from which decay is computed; written only when they
   * differ from the current scores (after a sweep), read as the current scores when absent.
   */
  t3_at_last_activity?: Triple;
  /** V3 scores right after the last activity; written only when they differ from the current ones. */
  v3_at_last_activity?: Triple;
  /** What the hooks saw of the entity's calls (ours; upstream drops it). */
  call_evidence?: CallEvidence;
  [unknownField: string]: unknown;
}

const T3_NAMES = ['talent', 'training', 'temperament'] as const;
const V3_NAMES = ['valuation', 'veracity', 'validity'] as const;
// The 6-D legacy format of the web4 Python plugin and web4-trust-core 0.1.
const LEGACY_T3 = ['competence', 'reliability', 'consistency', 'lineage', 'witnesses', 'alignment'] as const;
const LEGACY_V3 = ['energy', 'contribution', 'reputation', 'stewardship', 'network', 'temporal'] as const;

const KNOWN_FIELDS = new Set<string>([
  'entity_id', 'entity_type', 'entity_name', ...DIMENSIONS, ...LEGACY_T3, ...LEGACY_V3,
  't3_observation_counts', 'v3_observation_counts', 'witnessed_by', 'has_witnessed',
  'action_count', 'success_count', 'witness_count', 'last_action', 'created_at',
  'last_activity', 't3_at_last_activity', 'v3_at_last_activity', 'call_evidence',
]);

export interface ParseOptions {
  /**
   * When the JSON was last written (a file's modification time). JSON without `last_activity` was
   * written by a tool that does not know our decay fields (upstream drops them when it rewrites a
   * file, and may have decayed the scores it wrote): its decay period then starts no earlier than
   * this, so that no period is decayed twice.
   */
  writtenAt?: EpochMs | undefined;
}

/** Reads one entity (canonical 3-D or legacy 6-D); throws `TrustFormatError` naming the JSON path. */
export function parseEntityState(value: unknown, path: string, { writtenAt }: ParseOptions = {}): EntityState {
  if (!isRecord(value)) fail(path, `expected an entity object, got ${describeValue(value)}`);
  const id = value.entity_id;
  const idProblem = entityIdProblem(id);
  if (idProblem !== undefined) fail(at(path, 'entity_id'), id === undefined ? 'missing' : idProblem);

  // In each block of six numbers, T3 comes first (talent is index 0) and V3 from VALUATION on.
  const numbers = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  readTensor(value, path, numbers, SCORES, T3_NAMES, LEGACY_T3, t3FromLegacy);
  readTensor(value, path, numbers, SCORES + VALUATION, V3_NAMES, LEGACY_V3, v3FromLegacy);
  readTriple(value, path, 't3_observation_counts', numbers, COUNTS, readCount);
  readTriple(value, path, 'v3_observation_counts', numbers, COUNTS + VALUATION, readCount);
  // Missing scores at last activity (upstream files) are the current ones.
  // Stryker disable next-line EqualityOperator: i <= 6 also writes a 19th number, which nothing reads.
  for (let i = 0; i < 6; i++) numbers[AT_LAST_ACTIVITY + i] = numbers[SCORES + i]!;
  readTriple(value, path, 't3_at_last_activity', numbers, AT_LAST_ACTIVITY, readScore);
  readTriple(value, path, 'v3_at_last_activity', numbers, AT_LAST_ACTIVITY + VALUATION, readScore);

  const createdAt = readTimestamp(value, path, 'created_at');
  const lastAction = readTimestamp(value, path, 'last_action');
  // Upstream files have no decay fields: their period starts at the last action, else at creation,
  // or when the file was written if that is later.
  const activityField = value.last_activity !== undefined ? 'last_activity' : lastAction !== null ? 'last_action' : 'created_at';
  let lastActivity = readTimestamp(value, path, activityField);
  let lastActivityText = textOf(value[activityField]);
  if (activityField !== 'last_activity' && writtenAt !== undefined && writtenAt > (lastActivity ?? -Infinity)) {
    lastActivity = writtenAt;
    lastActivityText = undefined;
  }

  return {
    id: id as string,
    typeAndName: undefined,
    numbers,
    witnessedBy: readIdList(value, path, 'witnessed_by'),
    hasWitnessed: readIdList(value, path, 'has_witnessed'),
    actionCount: readCounter(value, path, 'action_count'),
    successCount: readCounter(value, path, 'success_count'),
    witnessCount: readCounter(value, path, 'witness_count'),
    createdAt,
    createdAtText: textOf(value.created_at),
    lastAction,
    lastActionText: textOf(value.last_action),
    lastActivity,
    lastActivityText,
    callEvidence: value.call_evidence === undefined ? undefined : readCallEvidence(value.call_evidence, at(path, 'call_evidence')),
    extra: readUnknownFields(value, path),
    sharers: 1,
  };
}

export function stateToJson(s: EntityState): EntityJson {
  const n = s.numbers;
  const [type, name] = typeAndNameOf(s);
  const json: EntityJson = {
    entity_id: s.id,
    entity_type: type,
    entity_name: name,
    // The scores are the first six numbers (SCORES is 0).
    talent: n[TALENT]!,
    training: n[TRAINING]!,
    temperament: n[TEMPERAMENT]!,
    t3_observation_counts: triple(n, COUNTS),
    valuation: n[VALUATION]!,
    veracity: n[VERACITY]!,
    validity: n[VALIDITY]!,
    v3_observation_counts: triple(n, COUNTS + VALUATION),
    witnessed_by: s.witnessedBy.slice(),
    has_witnessed: s.hasWitnessed.slice(),
    action_count: s.actionCount,
    success_count: s.successCount,
    witness_count: s.witnessCount,
    last_action: s.lastAction === null ? null : (s.lastActionText ??= formatTimestamp(s.lastAction)),
    created_at: s.createdAt === null ? null : (s.createdAtText ??= formatTimestamp(s.createdAt)),
    last_activity:
      s.lastActivity === null ? null : (s.lastActivityText ??= formatTimestamp(s.lastActivity)),
  };
  // The anchor equals the scores except after a sweep: written only then, to keep files short.
  if (!sameSix(n, SCORES, AT_LAST_ACTIVITY)) {
    json.t3_at_last_activity = triple(n, AT_LAST_ACTIVITY);
    json.v3_at_last_activity = triple(n, AT_LAST_ACTIVITY + VALUATION);
  }
  // A copy: the caller may change what toJSON returns, and the state's evidence is frozen.
  if (s.callEvidence) json.call_evidence = JSON.parse(JSON.stringify(s.callEvidence)) as CallEvidence;
  if (s.extra) {
    const extra = copyOfJson(JSON.stringify(s.extra));
    for (const key of Object.keys(extra)) setOwn(json, key, extra[key]);
  }
  return json;
}

function sameSix(n: number[], a: number, b: number): boolean {
  for (let i = 0; i < 6; i++) if (n[a + i] !== n[b + i]) return false;
  return true;
}

/** The three numbers of one tensor from `offset`: T3 at the start of a block of six, V3 from VALUATION on. */
function triple(n: number[], offset: number): Triple {
  return [n[offset]!, n[offset + 1]!, n[offset + 2]!];
}

// The documented mapping from the 6-D legacy dimensions, in the order of LEGACY_T3 and LEGACY_V3.
const t3FromLegacy = (l: number[]): Triple => [l[0]!, (l[1]! + l[2]! + l[3]!) / 3, (l[4]! + l[5]!) / 2];
const v3FromLegacy = (l: number[]): Triple => [(l[0]! + l[1]!) / 2, l[2]!, (l[3]! + l[4]! + l[5]!) / 3];

export function typeAndNameOf(s: EntityState): readonly [type: string, name: string] {
  return (s.typeAndName ??= [entityTypeOf(s.id), entityNameOf(s.id)]);
}

function readTensor(
  o: Record<string, unknown>,
  path: string,
  scores: number[],
  offset: number,
  names: readonly [string, string, string],
  legacyNames: readonly string[],
  fromLegacy: (legacy: number[]) => Triple,
): void {
  const [a, b, c] = names;
  if (o[a] !== undefined && o[b] !== undefined && o[c] !== undefined) {
    scores[offset] = readScore(o[a], path, a);
    scores[offset + 1] = readScore(o[b], path, b);
    scores[offset + 2] = readScore(o[c], path, c);
    return;
  }
  if (legacyNames.every((name) => o[name] !== undefined)) {
    const legacy = legacyNames.map((name) => readFinite(o[name], at(path, name)));
    // Legacy dimensions may hold values that only make sense once averaged: clamp after mapping.
    fromLegacy(legacy).forEach((x, i) => (scores[offset + i] = Math.min(1, Math.max(0, x))));
    return;
  }
  const missing = names.find((name) => o[name] === undefined)!;
  fail(
    at(path, missing),
    `missing; an entity needs ${names.join(', ')} (or the legacy 6-D ${legacyNames.join(', ')})`,
  );
}

function readTriple(
  o: Record<string, unknown>,
  path: string,
  field: string,
  into: number[],
  offset: number,
  read: (value: unknown, path: string, field: string | number) => number,
): void {
  const value = o[field];
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== 3) {
    fail(at(path, field), `expected an array of 3 numbers, got ${describeLength(value)}`);
  }
  for (let i = 0; i < 3; i++) into[offset + i] = read(value[i], at(path, field), i);
}

// Readers take the path and the field apart so that the path string is only built for an error.

function readScore(value: unknown, path: string, field: string | number): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  fail(at(path, field), `expected a number in [0,1], got ${describeValue(value)}`);
}

function readFinite(value: unknown, path: string): number {
  if (isFiniteNumber(value)) return value;
  fail(path, `expected a finite number, got ${describeValue(value)}`);
}

/**
 * The one bound for every counter and observation count, on read and on write (where counting
 * stops there): 2^53 − 1, the largest whole number a JSON reader keeps exactly.
 */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

function readCount(value: unknown, path: string, field: string | number): number {
  if (isWholeNumber(value) && value >= 0 && value <= MAX_COUNT) return value;
  fail(at(path, field), `expected a whole number from 0 to ${MAX_COUNT}, got ${describeValue(value)}`);
}

function readCounter(o: Record<string, unknown>, path: string, field: string): number {
  const value = o[field];
  return value === undefined ? 0 : readCount(value, path, field);
}

/** The most ids a witness list may hold; more is no trust data a person could have produced. */
export const MAX_WITNESS_IDS = 100_000;

/** A list of entity ids; a repeated id is kept once (upstream never writes one twice). */
function readIdList(o: Record<string, unknown>, path: string, field: string): readonly string[] {
  const value = o[field];
  if (value === undefined) return NO_IDS;
  if (!Array.isArray(value)) fail(at(path, field), `expected an array of entity ids, got ${describeValue(value)}`);
  // Most entities have none: they share one empty list (and build no path).
  // Stryker disable next-line ConditionalExpression: read the general way, an empty list is an equal, unshared [].
  if (value.length === 0) return NO_IDS;
  const where = at(path, field);
  if (value.length > MAX_WITNESS_IDS) fail(where, `at most ${MAX_WITNESS_IDS} ids, got ${value.length}`);
  for (let i = 0; i < value.length; i++) {
    const problem = entityIdProblem(value[i]);
    if (problem !== undefined) fail(`${where}[${i}]`, problem);
  }
  const ids = value as string[];
  // Stryker disable next-line ConditionalExpression: one id needs no Set; the general way gives the same list.
  return ids.length === 1 ? ids.slice() : [...new Set(ids)];
}

function readTimestamp(o: Record<string, unknown>, path: string, field: string): EpochMs | null {
  const value = o[field];
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? parseTimestamp(value) : undefined;
  if (ms === undefined) {
    fail(at(path, field), `expected an RFC 3339 timestamp or null, got ${describeValue(value)}`);
  }
  return ms;
}

/** The text a valid timestamp was read from, kept for a lossless round trip. */
function textOf(value: unknown): string | undefined {
  // Stryker disable next-line ConditionalExpression: only a string, null or nothing gets here, and the text of a null time is never read.
  return typeof value === 'string' ? value : undefined;
}

/** How deep an unknown field's value may nest, and how long its JSON may be, per entity. */
export const MAX_UNKNOWN_DEPTH = 32;
export const MAX_UNKNOWN_JSON_LENGTH = 65_536;

/**
 * Fields this version does not know (a newer version's), kept as a private JSON copy so that
 * neither the caller's object nor a returned one can change the entity. Bounded: one value nested
 * 20,000 deep would otherwise break every later serialisation of the store.
 */
function readUnknownFields(o: Record<string, unknown>, path: string): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key in o) {
    if (KNOWN_FIELDS.has(key) || !Object.hasOwn(o, key)) continue;
    if (nestsTooDeep(o[key])) fail(at(path, key), `nested more than ${MAX_UNKNOWN_DEPTH} levels deep, which this version does not keep`);
    setOwn((extra ??= {}), key, o[key]);
  }
  if (extra === undefined) return undefined;
  const text = JSON.stringify(extra);
  if (text.length > MAX_UNKNOWN_JSON_LENGTH) {
    fail(path, `unknown fields (${Object.keys(extra).join(', ')}) take ${text.length} characters of JSON; at most ${MAX_UNKNOWN_JSON_LENGTH} are kept`);
  }
  return copyOfJson(text);
}

/** A private copy of unknown fields, for `toJSON` to hand out. */
function copyOfJson(text: string): Record<string, unknown> {
  return JSON.parse(text) as Record<string, unknown>;
}

/** Whether `value` nests arrays and objects more than `MAX_UNKNOWN_DEPTH` deep; without recursion. */
function nestsTooDeep(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > MAX_UNKNOWN_DEPTH) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Assigns an own property even for the key `__proto__`, which plain assignment would not. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// Number.isFinite and Number.isInteger are false for anything that is not a number: no typeof needed.
const isFiniteNumber = Number.isFinite as (value: unknown) => value is number;
export const isWholeNumber = Number.isInteger as (value: unknown) => value is number;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeLength(value: unknown): string {
  return Array.isArray(value) ? `an array of ${value.length}` : describeValue(value);
}

function fail(path: string, problem: string): never {
  throw new TrustFormatError(path, problem);
}
