import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EntityTrust, TrustFormatError, type EntityJson } from '../../core/index.js';

const FIXTURES = path.resolve('test/fixtures/upstream');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
const expected = readJson('expected-canonical.json') as Record<string, Record<string, unknown>>;

/** The upstream value a key of expected-canonical.json names: `file.json` or `file.json#index`. */
function upstreamValue(key: string): unknown {
  const [file, index] = key.split('#');
  const value = readJson(file!);
  return index === undefined ? value : (value as unknown[])[Number(index)];
}

const SCORES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;
const EXACT = ['entity_id', 'entity_type', 'entity_name', 't3_observation_counts', 'v3_observation_counts',
  'witnessed_by', 'has_witnessed', 'action_count', 'success_count', 'witness_count'] as const;

describe('real upstream files', () => {
  it.each(Object.keys(expected))('%s loads as its canonical entity', (key) => {
    const json = EntityTrust.fromJSON(upstreamValue(key)).toJSON();
    const want = expected[key]!;
    for (const field of SCORES) expect(Math.abs(json[field] - (want[field] as number))).toBeLessThanOrEqual(1e-12);
    for (const field of EXACT) expect(json[field]).toEqual(want[field]);
  });

  it('covers every fixture file', () => {
    const keys = Object.keys(expected).map((k) => k.split('#')[0]);
    expect(new Set(keys)).toEqual(new Set([
      ...readdir('python-6d').map((f) => `python-6d/${f}`),
      ...readdir('rust-3d').map((f) => `rust-3d/${f}`),
      'rust-0.1-6d-entities.json',
    ]));
  });

  it('keeps upstream timestamps exactly, nanoseconds included', () => {
    const json = EntityTrust.fromJSON(upstreamValue('rust-3d/807abfaefec20c6f.json')).toJSON();
    expect(json.last_action).toBe('2026-11-24T15:01:21.154810672Z');
    expect(json.created_at).toBe('2026-11-24T15:01:21.154217920Z');
    // Upstream has no decay fields: the period starts at the last action.
    expect(json.last_activity).toBe(json.last_action);
  });

  it('starts the decay period at created_at when there was no action, and nowhere when neither is known', () => {
    const lct = EntityTrust.fromJSON(upstreamValue('python-6d/ee692e3b7b3299f2.json'));
    expect(lct.lastActivity).toBe(Date.parse('2026-11-24T14:55:19.203Z'));
    const none = EntityTrust.fromJSON(upstreamValue('python-6d/c884fca7958e9477.json'));
    expect([none.createdAt, none.lastActivity]).toEqual([null, null]);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.json') && f !== 'INDEX.json');
}

const T0 = Date.UTC(2026, 10, 24);
const canonical = (): EntityJson => EntityTrust.create('mcp:fs', T0).toJSON();
const errorOf = (value: unknown, path?: string): string => {
  try {
    EntityTrust.fromJSON(value, path);
  } catch (error) {
    expect(error).toBeInstanceOf(TrustFormatError);
    return (error as Error).message;
  }
  throw new Error('expected fromJSON to refuse');
};

describe('tolerance of what upstream files contain', () => {
  it('reads timestamps without a zone as UTC, with an offset, or with nanoseconds', () => {
    const at = (created_at: string) => EntityTrust.fromJSON({ ...canonical(), created_at }).createdAt;
    const ms = Date.UTC(2026, 10, 24, 14, 55, 19, 119);
    expect(at('2026-11-24T14:55:19.119448')).toBe(ms);
    expect(at('2026-11-24T14:55:19.119448+00:00')).toBe(ms);
    expect(at('2026-11-24T16:55:19.119448+02:00')).toBe(ms);
    expect(at('2026-11-24T14:55:19.119448123Z')).toBe(ms);
  });

  it('reads created_at null or missing, integer scores, and missing lists, counters, type and name', () => {
    const e = EntityTrust.fromJSON({ entity_id: 'ref:x', talent: 1, training: 0, temperament: 1, valuation: 0, veracity: 1, validity: 0 });
    expect(e.toJSON()).toMatchObject({
      entity_type: 'ref', entity_name: 'x', talent: 1, training: 0, witnessed_by: [], has_witnessed: [],
      action_count: 0, t3_observation_counts: [0, 0, 0], created_at: null, last_action: null,
    });
    expect(EntityTrust.fromJSON({ ...canonical(), created_at: null }).createdAt).toBeNull();
  });

  it('maps the legacy 6-D format, clamping after averaging', () => {
    const legacy = {
      entity_id: 'mcp:old', competence: 0.2, reliability: 1.6, consistency: 0.9, lineage: 0.8, witnesses: 0.4,
      alignment: 0.6, energy: 0.1, contribution: 0.3, reputation: 0.7, stewardship: -0.9, network: 0.3, temporal: 0.3,
    };
    const e = EntityTrust.fromJSON(legacy).toJSON();
    expect(e.talent).toBe(0.2);
    expect(e.training).toBe(1); // (1.6 + 0.9 + 0.8) / 3 = 1.1, clamped
    expect(e.temperament).toBe(0.5);
    expect(e.valuation).toBeCloseTo(0.2, 15);
    expect(e.veracity).toBe(0.7);
    expect(e.validity).toBe(0); // (−0.9 + 0.3 + 0.3) / 3 < 0, clamped
    expect(Object.keys(e)).not.toContain('competence');
  });

  it('prefers the canonical names of a tensor when all three are present', () => {
    const e = EntityTrust.fromJSON({ ...canonical(), competence: 0.9, reliability: 0.9, consistency: 0.9, lineage: 0.9, witnesses: 0.9, alignment: 0.9 });
    expect(e.talent).toBe(0.5);
  });
});

describe('refusals name the JSON path and the problem', () => {
  it.each([
    ['a non-object', 'high', 'expected an entity object, got "high"'],
    ['an array', [], 'expected an entity object, got an array'],
    ['a missing id', { training: 0.5 }, 'entity_id: missing'],
    ['an empty id', { entity_id: '' }, 'entity_id: an entity id must not be empty'],
    ['a number id', { entity_id: 7 }, 'entity_id: expected an entity id string, got 7'],
    ['a word score', { ...canonical(), training: 'high' }, 'training: expected a number in [0,1], got "high"'],
    ['an out-of-range score', { ...canonical(), veracity: 1.5 }, 'veracity: expected a number in [0,1], got 1.5'],
    ['a null score', { ...canonical(), talent: null }, 'talent: expected a number in [0,1], got null'],
    ['a non-finite legacy score', { entity_id: 'a', competence: 'x', reliability: 0, consistency: 0, lineage: 0, witnesses: 0, alignment: 0 }, 'competence: expected a finite number, got "x"'],
    ['an incomplete tensor', { ...canonical(), temperament: undefined }, 'temperament: missing; an entity needs talent, training, temperament'],
    ['a negative counter', { ...canonical(), action_count: -1 }, 'action_count: expected a whole number from 0 to 9007199254740991, got -1'],
    ['a fractional counter', { ...canonical(), witness_count: 1.5 }, 'witness_count: expected a whole number from 0 to 9007199254740991, got 1.5'],
    ['a short count array', { ...canonical(), t3_observation_counts: [1, 2] }, 't3_observation_counts: expected an array of 3 numbers, got an array of 2'],
    ['a bad count', { ...canonical(), v3_observation_counts: [1, -2, 3] }, 'v3_observation_counts[1]: expected a whole number from 0 to 9007199254740991, got -2'],
    ['a witness list that is not an array', { ...canonical(), witnessed_by: 'session:a' }, 'witnessed_by: expected an array of entity ids, got "session:a"'],
    ['an invalid witness id', { ...canonical(), has_witnessed: ['ok', ''] }, 'has_witnessed[1]: an entity id must not be empty'],
    ['a bad timestamp', { ...canonical(), last_action: 'yesterday' }, 'last_action: expected an RFC 3339 timestamp or null, got "yesterday"'],
    ['an impossible date', { ...canonical(), created_at: '2026-02-30T00:00:00Z' }, 'created_at: expected an RFC 3339 timestamp or null'],
  ])('%s', (_, value, message) => {
    expect(errorOf(value)).toContain(message);
  });

  it('prefixes the path given by the caller', () => {
    expect(errorOf({ ...canonical(), training: 'high' }, 'entities[12]')).toBe(
      'entities[12].training: expected a number in [0,1], got "high"',
    );
  });
});

describe('round trips lose nothing', () => {
  it('keeps unknown fields, even awkward ones', () => {
    const input = JSON.parse(`{"entity_id":"mcp:a","talent":0.5,"training":0.5,"temperament":0.5,"valuation":0.5,"veracity":0.5,"validity":0.5,"future":{"x":[1,2]},"__proto__":{"polluted":true}}`);
    const json = EntityTrust.fromJSON(input).toJSON();
    expect(json.future).toEqual({ x: [1, 2] });
    expect(Object.getOwnPropertyDescriptor(json, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(EntityTrust.fromJSON(JSON.parse(JSON.stringify(json)))))).toEqual(JSON.parse(JSON.stringify(json)));
  });

  it('keeps numbers bit-exact', () => {
    const json = { ...canonical(), talent: 0.1 + 0.2, training: 5e-324, temperament: 1 - Number.EPSILON };
    const back = EntityTrust.fromJSON(JSON.parse(JSON.stringify(json))).toJSON();
    expect([back.talent, back.training, back.temperament]).toEqual([0.1 + 0.2, 5e-324, 1 - Number.EPSILON]);
  });
});

describe('timestamps', () => {
  it('reads our own format and the general RFC 3339 forms to the same instant, and refuses near misses', async () => {
    const { parseTimestamp } = await import('../../core/index.js');
    const ms = Date.UTC(2024, 1, 29, 23, 59, 59, 999);
    expect(parseTimestamp('2024-02-29T23:59:59.999Z')).toBe(ms);
    expect(parseTimestamp('2024-02-29T23:59:59.999+00:00')).toBe(ms);
    expect(parseTimestamp('2024-02-29T23:59:59.9991')).toBe(ms);
    for (const bad of ['2023-02-29T00:00:00.000Z', '2024-13-01T00:00:00.000Z', '2024-01-01T24:00:00.000Z', '2024-01-0xT00:00:00.000Z', '2024-01-01']) {
      expect(parseTimestamp(bad), bad).toBeUndefined();
    }
  });
});

describe('what goes in and out is a copy', () => {
  it('changing the input lists after reading, or the output lists after writing, changes nothing', () => {
    const one = ['session:a'], many = ['mcp:x', 'mcp:y'];
    const e = EntityTrust.fromJSON({ ...canonical(), witnessed_by: one, has_witnessed: many });
    one.push('session:b');
    many.push('mcp:z');
    const json = e.toJSON();
    json.witnessed_by.push('session:c');
    json.has_witnessed.push('mcp:w');
    expect([e.witnessedBy, e.hasWitnessed]).toEqual([['session:a'], ['mcp:x', 'mcp:y']]);
    expect(e.toJSON()).toMatchObject({ witnessed_by: ['session:a'], has_witnessed: ['mcp:x', 'mcp:y'] });
  });

  it('unknown fields come out as ordinary properties: writable, deletable, and null inside them is fine', () => {
    const json = EntityTrust.fromJSON({ ...canonical(), future: { a: null, b: [null] } }).toJSON();
    expect(json.future).toEqual({ a: null, b: [null] });
    json.future = 1;
    expect(json.future).toBe(1);
    delete json.future;
    expect('future' in json).toBe(false);
  });
});

describe('every known field is read as such', () => {
  // All fields this version knows, canonical and legacy: none of them counts towards the unknown fields' limit.
  const everything = {
    ...canonical(), entity_type: 'mcp', entity_name: 'fs', witnessed_by: ['session:a'], has_witnessed: ['mcp:x'],
    action_count: 1, success_count: 1, witness_count: 1, last_action: '2026-11-24T00:00:00Z', created_at: '2026-11-24T00:00:00Z',
    last_activity: '2026-11-24T00:00:00Z', t3_at_last_activity: [0.5, 0.5, 0.5], v3_at_last_activity: [0.5, 0.5, 0.5],
    t3_observation_counts: [1, 1, 1], v3_observation_counts: [1, 1, 1],
    competence: 0.1, reliability: 0.1, consistency: 0.1, lineage: 0.1, witnesses: 0.1, alignment: 0.1,
    energy: 0.1, contribution: 0.1, reputation: 0.1, stewardship: 0.1, network: 0.1, temporal: 0.1,
  };

  it('so unknown fields of exactly 64 KiB of JSON fit beside them, and one character more does not', () => {
    // {"blob":"…"} is 11 characters plus the string.
    expect(Object.keys(EntityTrust.fromJSON({ ...everything, blob: 'x'.repeat(65_525) }).toJSON())).toEqual([
      ...Object.keys(EntityTrust.create('mcp:fs', T0).toJSON()), 'blob',
    ]);
    expect(errorOf({ ...everything, blob: 'x'.repeat(65_526) })).toBe('unknown fields (blob) take 65537 characters of JSON; at most 65536 are kept');
    expect(errorOf({ ...everything, a: 'x'.repeat(65_530), b: 1 })).toBe('unknown fields (a, b) take 65544 characters of JSON; at most 65536 are kept');
  });
});

describe('tensors: all three canonical names, else all six legacy ones', () => {
  const legacyT3 = { competence: 0.9, reliability: 0.6, consistency: 0.3, lineage: 0.9, witnesses: 0.2, alignment: 0.4 };
  const v3 = { valuation: 0.5, veracity: 0.5, validity: 0.5 };

  it.each(['talent', 'training', 'temperament'])('with %s missing, the legacy names are read', (missing) => {
    const e = EntityTrust.fromJSON({ entity_id: 'mcp:a', talent: 0.1, training: 0.1, temperament: 0.1, [missing]: undefined, ...legacyT3, ...v3 });
    expect([e.talent, e.training, e.temperament]).toEqual([0.9, expect.closeTo(0.6, 15), expect.closeTo(0.3, 15)]);
  });

  it('with neither set complete, the first missing canonical name is reported', () => {
    expect(errorOf({ entity_id: 'mcp:a', talent: 0.1, competence: 0.2, ...v3 })).toBe(
      'training: missing; an entity needs talent, training, temperament (or the legacy 6-D competence, reliability, consistency, lineage, witnesses, alignment)',
    );
    expect(errorOf({ entity_id: 'mcp:a', talent: 0.1, training: 0.1, temperament: 0.1, valuation: 0.5, energy: 1 })).toBe(
      'veracity: missing; an entity needs valuation, veracity, validity (or the legacy 6-D energy, contribution, reputation, stewardship, network, temporal)',
    );
  });
});

describe('more refusals', () => {
  it.each([
    ['a string where a count array belongs', { ...canonical(), t3_observation_counts: 'abc' }, 't3_observation_counts: expected an array of 3 numbers, got "abc"'],
    ['a count array of 4', { ...canonical(), v3_observation_counts: [1, 2, 3, 4] }, 'v3_observation_counts: expected an array of 3 numbers, got an array of 4'],
    ['a score given as text', { ...canonical(), validity: '0.5' }, 'validity: expected a number in [0,1], got "0.5"'],
    ['a score at last activity out of range', { ...canonical(), v3_at_last_activity: [0.5, 1.5, 0.5] }, 'v3_at_last_activity[1]: expected a number in [0,1], got 1.5'],
    ['a count given as text', { ...canonical(), action_count: '3' }, 'action_count: expected a whole number from 0 to 9007199254740991, got "3"'],
    ['a legacy score given as text', { entity_id: 'a', competence: 0.5, reliability: '0.5', consistency: 0, lineage: 0, witnesses: 0, alignment: 0, valuation: 0.5, veracity: 0.5, validity: 0.5 }, 'reliability: expected a finite number, got "0.5"'],
    ['a legacy score that is infinite', { entity_id: 'a', competence: 0.5, reliability: Infinity, consistency: 0, lineage: 0, witnesses: 0, alignment: 0, valuation: 0.5, veracity: 0.5, validity: 0.5 }, 'reliability: expected a finite number, got Infinity'],
    ['an empty witness list given as text', { ...canonical(), witnessed_by: '' }, 'witnessed_by: expected an array of entity ids, got ""'],
    ['a timestamp as a list of characters', { ...canonical(), created_at: [...'2026-11-24T00:00:00Z'] }, 'created_at: expected an RFC 3339 timestamp or null, got an array'],
    ['a timestamp as a number', { ...canonical(), last_activity: 1_700_000_000_000 }, 'last_activity: expected an RFC 3339 timestamp or null, got 1700000000000'],
  ])('%s', (_, value, message) => {
    expect(errorOf(value)).toBe(message);
  });

  it('a score of exactly 0 or 1 is fine, and so is a witness list of exactly 100,000 ids', () => {
    const e = EntityTrust.fromJSON({ ...canonical(), talent: 0, training: 1, t3_at_last_activity: [0, 1, 0.5] });
    expect([e.talent, e.training]).toEqual([0, 1]);
    const ids = Array.from({ length: 100_000 }, (_, i) => `session:${i}`);
    expect(EntityTrust.fromJSON({ ...canonical(), witnessed_by: ids }).witnessedBy).toHaveLength(100_000);
  });
});

it('an explicit null last_activity means no decay period, even with a last action', () => {
  const e = EntityTrust.fromJSON({ ...canonical(), last_action: '2026-11-24T00:00:00Z', last_activity: null });
  expect([e.lastAction, e.lastActivity]).toEqual([T0, null]);
  expect(e.toJSON()).toMatchObject({ last_action: '2026-11-24T00:00:00Z', last_activity: null });
});

it('reads the scores at last activity, and decays from them rather than from the current scores', () => {
  const json = {
    ...canonical(), talent: 0.9, training: 0.5, temperament: 0.4, valuation: 0.35, veracity: 0.9, validity: 0.3,
    last_activity: '2026-11-24T00:00:00.000Z', t3_at_last_activity: [0.9, 0.8, 0.7], v3_at_last_activity: [0.6, 0.9, 0.5],
  };
  const e = EntityTrust.fromJSON(json);
  expect(e.toJSON()).toStrictEqual(json);
  // One day past the grace day: 0.3 + (x − 0.3)·0.99·k from the scores at last activity.
  e.decayTo(T0 + 2 * 86_400_000, { ratePerDay: 0.01, graceDays: 1 });
  expect([e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity]).toEqual(
    [0.9, 0.795, 0.68808, 0.59403, 0.9, 0.498].map((x) => expect.closeTo(x, 14)),
  );
});

describe('JSON written by a tool without our decay fields (writtenAt)', () => {
  const T = Date.UTC(2026, 10, 24);
  const base = { entity_id: 'mcp:up', talent: 0.5, training: 0.7, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5 };
  const at = (ms: number) => new Date(ms).toISOString();

  it('starts the decay period when it was written, if that is after its last action', () => {
    expect(EntityTrust.fromJSON({ ...base, last_action: at(T) }, '', { writtenAt: T + 5 }).lastActivity).toBe(T + 5);
    expect(EntityTrust.fromJSON({ ...base, last_action: at(T) }, '', { writtenAt: T }).lastActivity).toBe(T);
    expect(EntityTrust.fromJSON({ ...base, last_action: at(T) }, '', { writtenAt: T - 5 }).lastActivity).toBe(T);
    expect(EntityTrust.fromJSON({ ...base, created_at: null }, '', { writtenAt: T }).lastActivity).toBe(T);
    // Written in the same millisecond as the last action: the action's own text (nanoseconds) stays.
    const nanos = '2026-11-24T00:00:00.000848856Z';
    expect(EntityTrust.fromJSON({ ...base, last_action: nanos }, '', { writtenAt: T }).toJSON().last_activity).toBe(nanos);
    // Its text is then the written moment's, not the last action's.
    expect(EntityTrust.fromJSON({ ...base, last_action: at(T) }, '', { writtenAt: T + 5 }).toJSON().last_activity).toBe(at(T + 5));
  });

  it('ignores it for JSON with our last_activity, even null', () => {
    expect(EntityTrust.fromJSON({ ...base, last_action: at(T), last_activity: at(T) }, '', { writtenAt: T + 5 }).lastActivity).toBe(T);
    expect(EntityTrust.fromJSON({ ...base, last_activity: null }, '', { writtenAt: T + 5 }).lastActivity).toBeNull();
  });
});
