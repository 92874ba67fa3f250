import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, EntityTrust, MAX_KEPT_WITNESS_IDS, MS_PER_DAY, entityNameOf, entityTypeOf, planImport,
} from '../../core/index.js';

const T0 = Date.UTC(2026, 10, 24);
const fresh = (id = 'mcp:fs') => EntityTrust.create(id, T0);

describe('a new entity', () => {
  it('is neutral, with no evidence', () => {
    const e = fresh();
    for (const score of [e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity]) {
      expect(score).toBe(0.5);
    }
    expect(e.confidence('training')).toBe(0);
    expect([e.actionCount, e.successCount, e.witnessCount]).toEqual([0, 0, 0]);
    expect(e.witnessedBy).toEqual([]);
    expect(e.lastAction).toBeNull();
    expect(e.createdAt).toBe(T0);
    expect(e.successRate).toBe(0.5);
    expect(e.trustLevel).toBe('medium');
  });

  it('splits its id into type and name at the first colon, keeping the id as given', () => {
    expect([entityTypeOf('mcp:a:b'), entityNameOf('mcp:a:b')]).toEqual(['mcp', 'a:b']);
    expect([entityTypeOf('plain'), entityNameOf('plain')]).toEqual(['', 'plain']);
    expect(fresh(' Mcp:X ').entityId).toBe(' Mcp:X ');
  });

  it('refuses empty, over-long and control-character ids', () => {
    expect(() => fresh('')).toThrow(/empty/);
    expect(() => fresh('a'.repeat(1025))).toThrow(/1024/);
    expect(() => fresh('mcp:\nx')).toThrow(/control/);
    expect(fresh('a'.repeat(1024)).entityId).toHaveLength(1024);
  });
});

describe('updateFromOutcome', () => {
  it('matches the worked example', () => {
    const e = fresh();
    e.updateFromOutcome(true, 0.1, T0 + 5);
    expect(e.training).toBeCloseTo(0.5025, 15);
    expect(e.temperament).toBeCloseTo(0.50125, 15);
    expect(e.talent).toBeCloseTo(0.50075, 15);
    expect(e.valuation).toBeCloseTo(0.51, 15);
    expect(e.t3Average).toBeCloseTo(0.5015, 15);
    expect(e.trustLevel).toBe('medium');
    expect(e.lastAction).toBe(T0 + 5);
    expect([e.actionCount, e.successCount]).toEqual([1, 1]);
  });

  it('on failure subtracts m·0.10·training, in the same proportions', () => {
    const e = fresh();
    e.updateFromOutcome(false, 1, T0);
    expect(e.training).toBeCloseTo(0.45, 15);
    expect(e.temperament).toBeCloseTo(0.475, 15);
    expect(e.talent).toBeCloseTo(0.485, 15);
    expect(e.valuation).toBeCloseTo(0.51, 15);
    expect([e.actionCount, e.successCount, e.successRate]).toEqual([1, 0, 0]);
  });

  it('clamps the magnitude to [0,1] and refuses a non-finite one without changing anything', () => {
    const a = fresh(), b = fresh();
    a.updateFromOutcome(true, 7, T0);
    b.updateFromOutcome(true, 1, T0);
    expect(a.toJSON()).toEqual(b.toJSON());
    const before = JSON.stringify(a);
    for (const m of [Number.NaN, Infinity, -Infinity]) expect(() => a.updateFromOutcome(true, m)).toThrow(RangeError);
    expect(JSON.stringify(a)).toBe(before);
  });

  it('counts an observation even when the clamped change is 0', () => {
    const e = EntityTrust.fromJSON({ ...fresh().toJSON(), valuation: 1 });
    e.updateFromOutcome(true, 0, T0);
    expect(e.valuation).toBe(1);
    expect(e.observations('valuation')).toBe(1);
    expect(e.observations('training')).toBe(1);
  });

  it('gains confidence with evidence: ln(1 + n) / ln 10, capped at 1', () => {
    const e = fresh();
    for (let i = 0; i < 4; i++) e.updateFromOutcome(true, 0.5, T0);
    expect(e.confidence('training')).toBeCloseTo(Math.log(5) / Math.log(10), 15);
    for (let i = 0; i < 20; i++) e.updateFromOutcome(true, 0.5, T0);
    expect(e.confidence('training')).toBe(1);
    expect(e.confidence('veracity')).toBe(0);
  });
});

describe('witnessing', () => {
  it('receiveWitness moves temperament, veracity and validity of the observed entity', () => {
    const e = fresh();
    e.receiveWitness('session:s', true, 0.5, T0);
    expect(e.temperament).toBeCloseTo(0.5 + 0.5 * 0.03 * 0.5, 15);
    expect(e.veracity).toBeCloseTo(0.5 + 0.5 * 0.8 * 0.5, 15);
    expect(e.validity).toBeCloseTo(0.51, 15);
    e.receiveWitness('session:s', false, 1, T0);
    expect(e.veracity).toBeCloseTo(0.7 - 0.5 * 0.7, 15);
    expect(e.witnessCount).toBe(2);
    expect(e.witnessedBy).toEqual(['session:s']);
  });

  it('giveWitness adds to the witness temperament whether or not the target succeeded', () => {
    const e = fresh();
    e.giveWitness('mcp:a', true, 1, T0);
    expect(e.temperament).toBeCloseTo(0.51, 15);
    e.giveWitness('mcp:b', false, 1, T0);
    expect(e.temperament).toBeCloseTo(0.51 + 0.01 * 0.49, 15);
    expect(e.valuation).toBeCloseTo(0.51, 15);
    expect(e.hasWitnessed).toEqual(['mcp:a', 'mcp:b']);
    expect(e.lastAction).toBeNull();
    expect(e.lastActivity).toBe(T0);
  });

  it('refuses an invalid witness id or magnitude without changing anything', () => {
    const e = fresh();
    const before = JSON.stringify(e);
    expect(() => e.receiveWitness('', true, 0.5)).toThrow();
    expect(() => e.giveWitness('mcp:x', true, Number.NaN)).toThrow(RangeError);
    expect(JSON.stringify(e)).toBe(before);
  });
});

describe('witness lists keep the most recent ids', () => {
  const sessions = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `session:${from + i}`);

  it(`keep the ${MAX_KEPT_WITNESS_IDS} most recent ids on both sides, while the count counts every witness`, () => {
    const server = fresh('mcp:github');
    const session = fresh('session:s');
    for (const id of sessions(MAX_KEPT_WITNESS_IDS + 44)) server.receiveWitness(id, true, 0.1, T0);
    for (const id of sessions(MAX_KEPT_WITNESS_IDS + 44).map((s) => s.replace('session', 'mcp'))) session.giveWitness(id, true, 0.1, T0);
    expect(server.witnessedBy).toEqual(sessions(MAX_KEPT_WITNESS_IDS, 44));
    expect(server.witnessCount).toBe(MAX_KEPT_WITNESS_IDS + 44);
    expect(session.hasWitnessed).toHaveLength(MAX_KEPT_WITNESS_IDS);
    expect(session.hasWitnessed.at(-1)).toBe(`mcp:${MAX_KEPT_WITNESS_IDS + 43}`);
    // A repeated witness keeps its place, as upstream does.
    server.receiveWitness('session:100', true, 0.1, T0);
    expect(server.witnessedBy).toEqual(sessions(MAX_KEPT_WITNESS_IDS, 44));
  });

  it('a longer list read from a file is kept whole until the entity is next witnessed', () => {
    const json = { ...fresh('mcp:github').toJSON(), witnessed_by: sessions(10_000) };
    const read = EntityTrust.fromJSON(json);
    expect(read.witnessedBy).toHaveLength(10_000);
    expect(read.toJSON().witnessed_by).toEqual(sessions(10_000));
    read.receiveWitness('session:new', true, 0.1, T0);
    expect(read.witnessedBy).toEqual([...sessions(MAX_KEPT_WITNESS_IDS - 1, 10_000 - MAX_KEPT_WITNESS_IDS + 1), 'session:new']);
  });

  it('a merge of two lists keeps the most recent ids of the union', () => {
    const stored = EntityTrust.fromJSON({ ...fresh('mcp:a').toJSON(), last_activity: new Date(T0 + 1).toISOString(), witnessed_by: sessions(200) });
    const incoming = { ...fresh('mcp:a').toJSON(), witnessed_by: sessions(200, 150) };
    const [merged] = planImport([stored], [incoming], { mode: 'merge' }).updated;
    expect(merged!.witnessedBy).toEqual(sessions(MAX_KEPT_WITNESS_IDS, 350 - MAX_KEPT_WITNESS_IDS));
  });
});

describe('scores at last activity in the JSON', () => {
  it('are written only when they differ from the scores (after decay), and read back either way', () => {
    const e = fresh();
    e.updateFromOutcome(true, 1, T0);
    expect(e.toJSON()).not.toHaveProperty('t3_at_last_activity');
    expect(e.toJSON()).not.toHaveProperty('v3_at_last_activity');
    e.decayTo(T0 + 30 * MS_PER_DAY, DEFAULT_DECAY);
    const json = e.toJSON();
    expect(json.t3_at_last_activity).toEqual([0.5075, 0.525, 0.5125]);
    expect(json.v3_at_last_activity).toEqual([0.51, 0.5, 0.5]);
    const back = EntityTrust.fromJSON(json);
    expect(back.toJSON()).toEqual(json);
    back.decayTo(T0 + 60 * MS_PER_DAY, DEFAULT_DECAY);
    const direct = fresh();
    direct.updateFromOutcome(true, 1, T0);
    direct.decayTo(T0 + 60 * MS_PER_DAY, DEFAULT_DECAY);
    expect(back.toJSON()).toEqual(direct.toJSON());
  });
});

describe('decayTo with a minimum change (what sweeps write back)', () => {
  it('writes a move of exactly the minimum', () => {
    const e = fresh();
    e.updateFromOutcome(true, 1, T0);
    const at = T0 + 10 * MS_PER_DAY;
    const probe = e.stateAt(at, DEFAULT_DECAY);
    const moved = Math.max(...(['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const)
      .map((name) => Math.abs(probe[name] - e[name])));
    expect(e.decayTo(at, DEFAULT_DECAY, moved)).toBe(true);
    expect(e.toJSON()).toEqual(probe.toJSON());
  });

  it('never moves an entity that was never active, whatever its JSON holds', () => {
    const json = { ...fresh().toJSON(), last_activity: null, training: 0.8, t3_at_last_activity: [0.5, 0.5, 0.5] };
    const e = EntityTrust.fromJSON(json);
    expect(e.decayTo(T0 + 100 * MS_PER_DAY, DEFAULT_DECAY)).toBe(false);
    expect(e.training).toBe(0.8);
  });

  it('leaves the scores alone until one of them would move by at least the minimum', () => {
    const e = fresh();
    e.updateFromOutcome(true, 1, T0);
    const start = T0 + DEFAULT_DECAY.graceDays * MS_PER_DAY;
    // Upstream's factors k move temperament and valuation at once when the grace period ends.
    expect(e.decayTo(start + 1, DEFAULT_DECAY, 0.001)).toBe(true);
    const written = e.training;
    // An hour later training has lost (0.525 − 0.3)·0.98… far less than 0.001: nothing moves.
    expect(e.decayTo(start + 3_600_000, DEFAULT_DECAY, 0.001)).toBe(false);
    expect(e.training).toBe(written);
    // A day later it has lost ~0.00225: written back, exactly as decay without a minimum.
    expect(e.decayTo(start + 0.3 * MS_PER_DAY, DEFAULT_DECAY, 0.001)).toBe(false);
    expect(e.decayTo(start + MS_PER_DAY, DEFAULT_DECAY, 0.001)).toBe(true);
    const exact = fresh();
    exact.updateFromOutcome(true, 1, T0);
    exact.decayTo(start + MS_PER_DAY, DEFAULT_DECAY);
    expect(e.toJSON()).toEqual(exact.toJSON());
  });
});

describe('applyDecay (upstream step)', () => {
  const decaying = () => EntityTrust.fromJSON({
    ...fresh().toJSON(), talent: 0.9, training: 0.8, temperament: 0.6605, valuation: 0.7, veracity: 0.9, validity: 0.2,
  });

  it('decays above the floor with per-dimension factors, leaving talent and veracity', () => {
    const e = decaying();
    expect(e.applyDecay(10, 0.01)).toBe(true);
    const f = 0.99 ** 10;
    expect(e.training).toBeCloseTo(0.3 + 0.5 * f, 15);
    expect(e.temperament).toBeCloseTo(0.3 + 0.3605 * f * 0.98, 15);
    expect(e.valuation).toBeCloseTo(0.3 + 0.4 * f * 0.99, 15);
    expect([e.talent, e.veracity]).toEqual([0.9, 0.9]);
    expect(e.validity).toBe(0.2); // below the floor: never raised
    expect(e.observations('training')).toBe(0); // decay is not evidence
  });

  it('compounds when called repeatedly, as upstream does', () => {
    const often = decaying(), once = decaying();
    for (let i = 0; i < 10; i++) often.applyDecay(10, 0.01);
    once.applyDecay(100, 0.01);
    expect(often.temperament).toBeCloseTo(0.4078, 4);
    expect(once.temperament).toBeCloseTo(0.4293, 4);
  });

  it('returns false for no time, and for a training change of at most 0.001', () => {
    const e = decaying();
    expect(e.applyDecay(0, 0.5)).toBe(false);
    expect(e.applyDecay(-3, 0.5)).toBe(false);
    expect(e.training).toBe(0.8);
    expect(e.applyDecay(0.001, 0.01)).toBe(false);
    expect(e.training).toBeLessThan(0.8);
  });

  it('refuses non-finite days and rates outside [0,1]', () => {
    const e = decaying();
    for (const [days, rate] of [[Number.NaN, 0.1], [Infinity, 0.1], [1, -0.1], [1, 1.5], [1, Number.NaN]] as const) {
      expect(() => e.applyDecay(days, rate)).toThrow(RangeError);
    }
  });
});

describe('decayTo (time-consistent decay)', () => {
  it('decays from the last activity, after the grace days', () => {
    const e = fresh();
    e.updateFromOutcome(true, 1, T0);
    const reference = e.clone();
    expect(e.decayTo(T0 + DEFAULT_DECAY.graceDays * MS_PER_DAY, DEFAULT_DECAY)).toBe(false);
    expect(e.decayTo(T0 + 11 * MS_PER_DAY, DEFAULT_DECAY)).toBe(true);
    reference.applyDecay(10, DEFAULT_DECAY.ratePerDay);
    expect(e.toJSON()).toEqual(reference.toJSON());
  });

  it('gives the same state however many times it runs', () => {
    const a = fresh(), b = fresh();
    for (const e of [a, b]) e.updateFromOutcome(true, 1, T0);
    for (let minute = 1; minute <= 30 * 24 * 60; minute++) a.decayTo(T0 + minute * 60_000, DEFAULT_DECAY);
    b.decayTo(T0 + 30 * MS_PER_DAY, DEFAULT_DECAY);
    expect(Math.abs(a.temperament - b.temperament)).toBeLessThan(1e-12);
    expect(a.toJSON()).toEqual(b.toJSON());
  });

  it('does nothing for an entity with no known activity', () => {
    const e = EntityTrust.fromJSON({ ...fresh().toJSON(), created_at: null, last_activity: null, training: 0.9 });
    expect(e.decayTo(T0 + 100 * MS_PER_DAY, DEFAULT_DECAY)).toBe(false);
    expect(e.training).toBe(0.9);
  });
});

describe('derived values', () => {
  it('maps t3Average to levels at 0.8, 0.6, 0.4 and 0.2', () => {
    const level = (t: number) => EntityTrust.fromJSON({ ...fresh().toJSON(), talent: t, training: t, temperament: t }).trustLevel;
    expect([0.8, 0.79, 0.6, 0.59, 0.4, 0.39, 0.2, 0.19, 0].map(level)).toEqual([
      'high', 'medium-high', 'medium-high', 'medium', 'medium', 'low', 'low', 'minimal', 'minimal',
    ]);
  });

  it('averages V3', () => {
    expect(EntityTrust.fromJSON({ ...fresh().toJSON(), valuation: 0.1, veracity: 0.2, validity: 0.6 }).v3Average).toBeCloseTo(0.3, 15);
  });
});

describe('clone', () => {
  it('is independent in both directions, whichever side changes first', () => {
    const original = fresh();
    original.receiveWitness('session:a', true, 1, T0);
    const copy = original.clone();
    const second = original.clone();
    copy.updateFromOutcome(false, 1, T0);
    copy.unionWitnessLists(['session:b'], []);
    expect(original.actionCount).toBe(0);
    expect(original.witnessedBy).toEqual(['session:a']);
    original.giveWitness('mcp:z', true, 1, T0);
    expect(copy.hasWitnessed).toEqual([]);
    expect(second.hasWitnessed).toEqual([]);
    second.decayTo(T0 + 100 * MS_PER_DAY, DEFAULT_DECAY);
    expect(original.temperament).toBeGreaterThan(second.temperament);
    expect(copy.actionCount).toBe(1);
  });
});

it('stateAt: a decayed copy at that moment, the entity itself unchanged', () => {
  const at = Date.UTC(2026, 0, 1);
  const entity = EntityTrust.create('mcp:a', at);
  for (let i = 0; i < 10; i++) entity.updateFromOutcome(true, 1, at);
  const stored = JSON.stringify(entity.toJSON());
  const later = at + 100 * MS_PER_DAY;
  const now = entity.stateAt(later, DEFAULT_DECAY);
  const expected = EntityTrust.fromJSON(JSON.parse(stored));
  expected.decayTo(later, DEFAULT_DECAY);
  expect(now.toJSON()).toEqual(expected.toJSON());
  expect(now.training).toBeLessThan(entity.training);
  expect(JSON.stringify(entity.toJSON())).toBe(stored);
});

describe('last activity and last action', () => {
  const read = '2026-11-24T15:01:21.154810672Z';
  const ms = Date.UTC(2026, 10, 24, 15, 1, 21, 154);
  const loaded = () => EntityTrust.fromJSON({ ...fresh().toJSON(), last_action: read, last_activity: read });

  it('last activity only moves forward, and keeps the text it was read from until it moves', () => {
    const e = loaded();
    e.giveWitness('mcp:t', true, 1, ms);
    e.receiveWitness('session:w', true, 1, ms - 1_000);
    expect([e.lastActivity, e.toJSON().last_activity]).toEqual([ms, read]);
    e.giveWitness('mcp:t', true, 1, ms + 1);
    expect([e.lastActivity, e.toJSON().last_activity]).toEqual([ms + 1, '2026-11-24T15:01:21.155Z']);
  });

  it('the first activity counts at any time, also at or before 1970', () => {
    for (const at of [0, -1_000, Date.UTC(1, 0, 1)]) {
      const e = EntityTrust.create('mcp:old', at);
      e.giveWitness('mcp:t', true, 1, at);
      expect(e.lastActivity).toBe(at);
    }
  });

  it('last action is the time of the latest call to updateFromOutcome, even an earlier time', () => {
    const e = loaded();
    e.receiveWitness('session:w', true, 1, ms + 60_000);
    expect(e.toJSON().last_action).toBe(read);
    e.updateFromOutcome(false, 1, ms - 5_000);
    expect(e.toJSON()).toMatchObject({ last_action: '2026-11-24T15:01:16.154Z', last_activity: '2026-11-24T15:02:21.154Z' });
    expect(e.lastAction).toBe(ms - 5_000);
  });
});

describe('identity and lists', () => {
  it('derives type and name from the id, whatever a file says', () => {
    const e = EntityTrust.fromJSON({ ...fresh('mcp:a:b').toJSON(), entity_type: 'role', entity_name: 'x' });
    expect([e.entityType, e.entityName, e.toJSON().entity_type, e.toJSON().entity_name]).toEqual(['mcp', 'a:b', 'mcp', 'a:b']);
    expect([fresh('plain').entityType, fresh('plain').entityName]).toEqual(['', 'plain']);
  });

  it('keeps each witness and target once, in order, and hands out copies of the lists', () => {
    const e = fresh();
    for (const id of ['session:b', 'session:a', 'session:b']) e.receiveWitness(id, true, 0.1, T0);
    for (const id of ['mcp:y', 'mcp:x', 'mcp:y']) e.giveWitness(id, false, 0.1, T0);
    expect([e.witnessedBy, e.hasWitnessed, e.witnessCount]).toEqual([['session:b', 'session:a'], ['mcp:y', 'mcp:x'], 3]);
    (e.witnessedBy as string[]).push('session:z');
    (e.hasWitnessed as string[]).push('mcp:z');
    expect([e.witnessedBy, e.hasWitnessed]).toEqual([['session:b', 'session:a'], ['mcp:y', 'mcp:x']]);
  });

  it('unionWitnessLists adds the missing ids of both lists, and says whether any was new', () => {
    const e = fresh();
    e.receiveWitness('session:a', true, 0.1, T0);
    expect(e.unionWitnessLists([], ['mcp:x', 'mcp:x'])).toBe(true);
    expect(e.unionWitnessLists(['session:a'], ['mcp:x'])).toBe(false);
    expect([e.witnessedBy, e.hasWitnessed]).toEqual([['session:a'], ['mcp:x']]);
  });

  it('sameState compares everything the JSON holds', () => {
    const a = fresh(), b = fresh();
    expect(EntityTrust.sameState(a, b)).toBe(true);
    b.unionWitnessLists(['session:a'], []);
    expect(EntityTrust.sameState(a, b)).toBe(false);
  });

  it('successRate: successes over actions, 0.5 before any', () => {
    const e = fresh();
    expect(e.successRate).toBe(0.5);
    e.updateFromOutcome(true, 0.1, T0);
    e.updateFromOutcome(false, 0.1, T0);
    e.updateFromOutcome(true, 0.1, T0);
    e.updateFromOutcome(true, 0.1, T0);
    expect([e.actionCount, e.successCount, e.successRate]).toEqual([4, 3, 0.75]);
  });

  it('refuses a non-string id with a TypeError and a non-finite magnitude with a RangeError naming it', () => {
    expect(() => EntityTrust.create(42 as unknown as string, T0)).toThrow(new TypeError('expected an entity id string, got 42'));
    expect(() => fresh().updateFromOutcome(true, Number.NaN, T0)).toThrow(new RangeError('magnitude must be a finite number, got NaN'));
    expect(() => fresh().receiveWitness('session:w', true, -Infinity, T0)).toThrow(new RangeError('magnitude must be a finite number, got -Infinity'));
    expect(() => fresh().giveWitness('', true, 1, T0)).toThrow(new RangeError('an entity id must not be empty'));
    expect(() => fresh().updateFromOutcome(true, '0.5' as unknown as number, T0)).toThrow(new RangeError('magnitude must be a finite number, got 0.5'));
  });
});

describe('copies share nothing that either side changes', () => {
  const changes: [string, (e: EntityTrust) => void][] = [
    ['updateFromOutcome', (e) => e.updateFromOutcome(true, 1, T0 + 1)],
    ['receiveWitness', (e) => e.receiveWitness('session:new', false, 1, T0 + 1)],
    ['giveWitness', (e) => e.giveWitness('mcp:new', true, 1, T0 + 1)],
    ['applyDecay', (e) => e.applyDecay(30, 0.1)],
    ['decayTo', (e) => e.decayTo(T0 + 30 * MS_PER_DAY, DEFAULT_DECAY)],
    ['unionWitnessLists', (e) => e.unionWitnessLists(['session:new'], ['mcp:new'])],
  ];
  const original = () => {
    const e = fresh();
    e.updateFromOutcome(true, 1, T0);
    e.receiveWitness('session:a', true, 1, T0);
    return e;
  };

  it.each(changes)('%s on the copy leaves the original, and on the original leaves the copy', (_, change) => {
    const a = original();
    const before = JSON.stringify(a);
    const copy = a.clone();
    change(copy);
    expect(JSON.stringify(copy)).not.toBe(before);
    expect(JSON.stringify(a)).toBe(before);
    const b = original(), second = b.clone(), third = b.clone();
    change(b);
    expect(JSON.stringify(second)).toBe(before);
    expect(JSON.stringify(third)).toBe(before);
    change(second);
    expect(JSON.stringify(second)).toBe(JSON.stringify(b));
    expect(JSON.stringify(third)).toBe(before);
  });
});
