import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, EntityTrust, MS_PER_DAY, createBundle, planImport, scoresAt, type DecayConfig,
} from '../../core/index.js';

const T0 = Date.UTC(2026, 10, 24);
const SCORES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;

const score = fc.double({ min: 0, max: 1, noNaN: true });
const magnitude = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 10 }), score);
const id = fc.constantFrom('mcp:a', 'mcp:b', 'session:s', 'role:r');

/** An outcome, a received witness, or a given witness. */
const event = fc.record({
  kind: fc.constantFrom('outcome', 'receive', 'give'),
  success: fc.boolean(),
  magnitude,
  other: id,
  afterMs: fc.integer({ min: 0, max: 20 * MS_PER_DAY }),
});
type Event = typeof event extends fc.Arbitrary<infer T> ? T : never;

const entityWithScores = fc.tuple(score, score, score, score, score, score).map((s) =>
  EntityTrust.fromJSON({
    entity_id: 'mcp:x', last_activity: new Date(T0).toISOString(), created_at: new Date(T0).toISOString(),
    ...Object.fromEntries(SCORES.map((name, i) => [name, s[i]])),
  }),
);

function play(entity: EntityTrust, events: Event[], decay?: DecayConfig): number {
  let now = T0;
  for (const e of events) {
    now += e.afterMs;
    if (decay) entity.decayTo(now, decay);
    if (e.kind === 'outcome') entity.updateFromOutcome(e.success, e.magnitude, now);
    else if (e.kind === 'receive') entity.receiveWitness(e.other, e.success, e.magnitude, now);
    else entity.giveWitness(e.other, e.success, e.magnitude, now);
  }
  return now;
}

describe('properties', () => {
  it('scores stay in [0,1] through any outcomes, witnesses and decay', () => {
    fc.assert(fc.property(entityWithScores, fc.array(event, { maxLength: 60 }), (entity, events) => {
      play(entity, events, DEFAULT_DECAY);
      entity.applyDecay(1000, 0.5);
      for (const name of SCORES) {
        expect(entity[name]).toBeGreaterThanOrEqual(0);
        expect(entity[name]).toBeLessThanOrEqual(1);
      }
    }));
  });

  it('from the same state, failure moves training more than success (same magnitude)', () => {
    fc.assert(fc.property(entityWithScores, fc.double({ min: 0.01, max: 1, noNaN: true }), (entity, m) => {
      // Success moves training by m·0.05·(1 − t) and failure by m·0.10·t: failure moves it more exactly
      // when t > 1/3, which holds from the neutral 0.5 until failures have pushed training down.
      fc.pre(entity.training > 1 / 3 + 1e-9);
      const success = entity.clone(), failure = entity.clone();
      success.updateFromOutcome(true, m, T0);
      failure.updateFromOutcome(false, m, T0);
      expect(Math.abs(failure.training - entity.training)).toBeGreaterThan(Math.abs(success.training - entity.training));
    }));
  });

  it('decay is time-consistent: any sweep schedule ends where one sweep does', () => {
    const config = fc.record({ ratePerDay: fc.double({ min: 0, max: 0.5, noNaN: true }), graceDays: fc.double({ min: 0, max: 5, noNaN: true }) });
    const sweepTimes = fc.array(fc.integer({ min: 0, max: 60 * MS_PER_DAY }), { maxLength: 40 });
    fc.assert(fc.property(fc.array(event, { maxLength: 10 }), config, sweepTimes, (events, decay, sweeps) => {
      const swept = EntityTrust.create('mcp:x', T0), once = EntityTrust.create('mcp:x', T0);
      const last = play(swept, events, decay);
      play(once, events, decay);
      const end = last + 60 * MS_PER_DAY;
      for (const t of [...sweeps].sort((a, b) => a - b)) swept.decayTo(last + t, decay);
      swept.decayTo(end, decay);
      once.decayTo(end, decay);
      for (const name of SCORES) expect(Math.abs(swept[name] - once[name])).toBeLessThan(1e-12);
    }));
  });

  it('JSON round-trips to the same entity', () => {
    fc.assert(fc.property(entityWithScores, fc.array(event, { maxLength: 20 }), (entity, events) => {
      play(entity, events);
      const text = JSON.stringify(entity);
      expect(JSON.stringify(EntityTrust.fromJSON(JSON.parse(text)))).toBe(text);
    }));
  });

  it('planImport never throws, whatever JSON it is given', () => {
    const stored = [EntityTrust.create('mcp:a', T0)];
    const entityish = fc.record({
      entity_id: fc.oneof(id, fc.string(), fc.integer()),
      talent: fc.oneof(score, fc.jsonValue()),
      training: score,
      temperament: fc.oneof(score, fc.constant(undefined)),
      valuation: score, veracity: score, validity: score,
      witnessed_by: fc.oneof(fc.array(id), fc.jsonValue()),
      created_at: fc.oneof(fc.constant('2026-11-24T00:00:00Z'), fc.jsonValue()),
    }, { requiredKeys: [] });
    const input = fc.oneof(
      fc.jsonValue(),
      fc.array(entityish),
      fc.record({ format: fc.constantFrom('web4-trust-store', 'x'), version: fc.jsonValue(), entities: fc.oneof(fc.array(entityish), fc.jsonValue()) }),
    );
    fc.assert(fc.property(input, fc.constantFrom('merge', 'replace') as fc.Arbitrary<'merge' | 'replace'>, (value, mode) => {
      const plan = planImport(stored, value, { mode });
      const accounted = plan.added.length + plan.updated.length + plan.unchanged.length + plan.rejected.length;
      if (plan.error === undefined && Array.isArray(value)) expect(accounted).toBe(value.length);
    }), { numRuns: 500 });
  });

  it('last activity is the latest event time, whatever the order; last action the time of the last outcome', () => {
    const timed = fc.record({ kind: fc.constantFrom('outcome', 'receive', 'give'), success: fc.boolean(), magnitude, other: id, at: fc.integer({ min: -5 * MS_PER_DAY, max: 5 * MS_PER_DAY }) });
    fc.assert(fc.property(fc.array(timed, { minLength: 1, maxLength: 20 }), (events) => {
      const entity = EntityTrust.create('mcp:x', T0);
      for (const e of events) {
        if (e.kind === 'outcome') entity.updateFromOutcome(e.success, e.magnitude, T0 + e.at);
        else if (e.kind === 'receive') entity.receiveWitness(e.other, e.success, e.magnitude, T0 + e.at);
        else entity.giveWitness(e.other, e.success, e.magnitude, T0 + e.at);
      }
      const json = entity.toJSON();
      expect(entity.lastActivity).toBe(T0 + Math.max(...events.map((e) => e.at)));
      expect(json.last_activity).toBe(new Date(T0 + Math.max(...events.map((e) => e.at))).toISOString());
      const outcomes = events.filter((e) => e.kind === 'outcome');
      expect(entity.lastAction).toBe(outcomes.length ? T0 + outcomes.at(-1)!.at : null);
      // Whatever the order of events, the scores at last activity are those right after the last call
      // (so they equal the scores, and are not written out).
      expect(json).not.toHaveProperty('t3_at_last_activity');
      expect(json).not.toHaveProperty('v3_at_last_activity');
      expect(json.action_count).toBe(outcomes.length);
      expect(json.witness_count).toBe(events.filter((e) => e.kind === 'receive').length);
    }));
  });

  /** Entities with ids from a small set, each with some history, as a list with distinct ids. */
  const entities = fc.uniqueArray(fc.record({ id, events: fc.array(event, { maxLength: 4 }) }), { selector: (r) => r.id, maxLength: 4 })
    .map((rows) => rows.map(({ id: entityId, events }) => {
      const entity = EntityTrust.create(entityId, T0);
      play(entity, events);
      return entity;
    }));

  it('after a replace, exporting the store gives exactly the input', () => {
    fc.assert(fc.property(entities, entities, (stored, incoming) => {
      const input = JSON.parse(JSON.stringify(createBundle(incoming, T0))) as ReturnType<typeof createBundle>;
      const plan = planImport(stored, input, { mode: 'replace' });
      expect(plan.rejected).toEqual([]);
      const store = new Map(stored.map((e) => [e.entityId, e]));
      for (const removed of plan.removed) store.delete(removed);
      for (const e of [...plan.added, ...plan.updated]) store.set(e.entityId, e);
      expect(JSON.parse(JSON.stringify(createBundle(store.values(), T0)))).toStrictEqual(input);
    }));
  });

  it('merging the same data twice changes nothing the second time', () => {
    fc.assert(fc.property(entities, entities, (stored, incoming) => {
      const input = createBundle(incoming, T0);
      const first = planImport(stored, input, { mode: 'merge' });
      const store = new Map(stored.map((e) => [e.entityId, e]));
      for (const e of [...first.added, ...first.updated]) store.set(e.entityId, e);
      const second = planImport(store.values(), input, { mode: 'merge' });
      expect([second.added, second.updated, second.removed, second.rejected]).toEqual([[], [], [], []]);
      expect(second.unchanged.sort()).toEqual(incoming.map((e) => e.entityId).sort());
    }));
  });

  it('decay never raises a score (beyond float rounding), never lowers one below the floor, and leaves talent and veracity', () => {
    const config = fc.record({ ratePerDay: fc.double({ min: 0, max: 1, noNaN: true }), graceDays: fc.double({ min: 0, max: 5, noNaN: true }) });
    fc.assert(fc.property(entityWithScores, config, fc.integer({ min: -MS_PER_DAY, max: 400 * MS_PER_DAY }), (entity, decay, after) => {
      const before = SCORES.map((name) => entity[name]);
      entity.decayTo(T0 + after, decay);
      SCORES.forEach((name, i) => {
        const b = before[i]!, a = entity[name];
        if (name === 'talent' || name === 'veracity' || b <= 0.3) expect(a).toBe(b);
        else {
          // 0.3 + (x − 0.3)·f with f within an ulp of 1 can round to x plus an ulp.
          expect(a).toBeLessThanOrEqual(b + 2 ** -52);
          expect(a).toBeGreaterThanOrEqual(0.3);
        }
      });
    }));
  });

  it('decayTo gives bit for bit what scoresAt (lists) gives, and upstream\'s formula with ** to within 2 ulps', () => {
    const triple = fc.tuple(score, score, score);
    const config = fc.record({ ratePerDay: fc.double({ min: 0, max: 1, noNaN: true }), graceDays: fc.double({ min: 0, max: 5, noNaN: true }) });
    const stored = fc.record({ t3: triple, v3: triple, t3At: triple, v3At: triple });
    fc.assert(fc.property(stored, config, fc.double({ min: -10, max: 2000, noNaN: true }), ({ t3, v3, t3At, v3At }, decay, days) => {
      const entity = EntityTrust.fromJSON({
        entity_id: 'mcp:x', last_activity: new Date(T0).toISOString(),
        talent: t3[0], training: t3[1], temperament: t3[2], valuation: v3[0], veracity: v3[1], validity: v3[2],
        t3_at_last_activity: t3At, v3_at_last_activity: v3At,
      });
      const now = T0 + Math.round(days * MS_PER_DAY);
      entity.decayTo(now, decay);
      const anchors = [...t3At, ...v3At];
      const listed = [0, 0, 0, 0, 0, 0];
      scoresAt(anchors, 0, T0, now, decay, listed);
      const f = (1 - decay.ratePerDay) ** ((now - T0) / MS_PER_DAY - decay.graceDays);
      const inactive = (now - T0) / MS_PER_DAY > decay.graceDays;
      SCORES.forEach((name, i) => {
        expect(entity[name]).toBe(listed[i]);
        const x = anchors[i]!, k = [0, 1, 0.98, 0.99, 0, 1][i]!;
        const upstream = !inactive || k === 0 || x <= 0.3 ? x : Math.max(0.3, 0.3 + (x - 0.3) * f * k);
        expect(ulpsApart(entity[name], upstream)).toBeLessThanOrEqual(2);
      });
    }), { numRuns: 2000 });
  });
});

/** How many doubles apart `a` and `b` are (0: the same double), for numbers ≥ 0. */
function ulpsApart(a: number, b: number): number {
  const bits = new BigInt64Array(new Float64Array([a, b]).buffer);
  const apart = bits[0]! - bits[1]!;
  return Number(apart < 0n ? -apart : apart);
}
