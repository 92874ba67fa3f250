import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, DEFAULT_SWEEP_RULE, EntityTrust, MS_PER_DAY, assertSweepConfig, assertSweepRule, scoresAt,
  sweepEntity, sweepKeepsUntil, type DecayConfig, type SweepRule,
} from '../../core/index.js';

const T0 = Date.UTC(2026, 10, 24);
const rule: SweepRule = { minChange: 0.001, sessionRetentionDays: 90 };

describe('assertSweepRule and assertSweepConfig', () => {
  it('accept the defaults, the bounds and keeping sessions forever', () => {
    expect(DEFAULT_SWEEP_RULE).toEqual({ minChange: 0.001, sessionRetentionDays: 90 });
    expect(Object.isFrozen(DEFAULT_SWEEP_RULE)).toBe(true);
    for (const ok of [{ minChange: 0, sessionRetentionDays: 0 }, { minChange: 1, sessionRetentionDays: Infinity }]) {
      expect(() => assertSweepRule(ok)).not.toThrow();
      expect(() => assertSweepConfig(DEFAULT_DECAY, ok)).not.toThrow();
    }
  });

  it.each([-0.001, 1.5, Number.NaN])('refuse a minimum change of %s, naming it', (minChange) => {
    expect(() => assertSweepRule({ minChange, sessionRetentionDays: 90 }))
      .toThrow(new RangeError(`the sweep's minimum change must be a number in [0,1], got ${minChange}`));
  });

  it.each([-1, Number.NaN])('refuse a session retention of %s days, naming it', (days) => {
    expect(() => assertSweepConfig(DEFAULT_DECAY, { minChange: 0, sessionRetentionDays: days }))
      .toThrow(new RangeError(`session retention must be a number of days ≥ 0, got ${days}`));
  });

  it('assertSweepConfig checks the decay too', () => {
    expect(() => assertSweepConfig({ ratePerDay: 2, graceDays: 1 }, rule)).toThrow(RangeError);
  });
});

describe('sweepEntity', () => {
  const session = (lastActivity: number | null) => {
    const entity = EntityTrust.create('session:s', T0);
    if (lastActivity !== null) entity.giveWitness('mcp:x', true, 1, lastActivity);
    return entity;
  };

  it('removes a session idle for longer than the retention, not one idle exactly that long', () => {
    expect(sweepEntity(session(T0), T0 + 90 * MS_PER_DAY, DEFAULT_DECAY, rule)).not.toBe('remove');
    expect(sweepEntity(session(T0), T0 + 90 * MS_PER_DAY + 1, DEFAULT_DECAY, rule)).toBe('remove');
  });

  it('counts a never active session from its creation; other types are never removed', () => {
    expect(sweepEntity(session(null), T0 + 91 * MS_PER_DAY, DEFAULT_DECAY, rule)).toBe('remove');
    expect(sweepEntity(session(T0 + 50 * MS_PER_DAY), T0 + 91 * MS_PER_DAY, DEFAULT_DECAY, rule)).not.toBe('remove');
    const server = EntityTrust.create('mcp:idle', T0);
    server.updateFromOutcome(true, 1, T0);
    expect(sweepEntity(server, T0 + 900 * MS_PER_DAY, DEFAULT_DECAY, rule)).toBe('write');
    expect(sweepEntity(server, T0 + 900 * MS_PER_DAY, DEFAULT_DECAY, rule)).toBe('keep');
    const unknown = EntityTrust.fromJSON({ entity_id: 'session:old', talent: 0.5, training: 0.5, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5 });
    expect(sweepEntity(unknown, T0, DEFAULT_DECAY, rule)).toBe('keep');
  });
});

describe('scoresAt', () => {
  it('gives the anchors themselves for an entity never active, and the decayed scores otherwise', () => {
    const anchors = [0, 0.9, 0.8, 0.7, 0.6, 0.9, 0.5];
    const out = [0, 0, 0, 0, 0, 0];
    scoresAt(anchors, 1, null, T0 + 400 * MS_PER_DAY, DEFAULT_DECAY, out);
    expect(out).toEqual(anchors.slice(1));
    scoresAt(anchors, 1, T0, T0 + 31 * MS_PER_DAY, DEFAULT_DECAY, out);
    expect(out[0]).toBe(0.9);
    expect(out[1]).toBeCloseTo(0.6698501866941401, 14);
  });
});

describe('sweepKeepsUntil', () => {
  const score = fc.double({ min: 0, max: 1, noNaN: true });
  const triple = fc.tuple(score, score, score);
  /** An entity as a file may hold it: any stored scores, any scores at its last activity. */
  const storedEntity = fc.record({
    type: fc.constantFrom('mcp', 'session'),
    t3: triple, v3: triple, t3At: triple, v3At: triple,
    lastActivityDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  }).map(({ type, t3, v3, t3At, v3At, lastActivityDays }) => EntityTrust.fromJSON({
    entity_id: `${type}:x`, created_at: new Date(T0).toISOString(),
    talent: t3[0], training: t3[1], temperament: t3[2], valuation: v3[0], veracity: v3[1], validity: v3[2],
    last_activity: lastActivityDays === null ? null : new Date(T0 + lastActivityDays * MS_PER_DAY).toISOString(),
    t3_at_last_activity: t3At, v3_at_last_activity: v3At,
  }));
  const decay = fc.record({
    ratePerDay: fc.constantFrom(0, 0.001, 0.01, 0.05, 0.5, 1), graceDays: fc.constantFrom(0, 1, 7),
  });
  const sweepRule = fc.record({
    minChange: fc.constantFrom(0, 0.001, 0.01, 0.2), sessionRetentionDays: fc.constantFrom(0, 90, Infinity),
  });

  /** What a sweep at `at` would do to a copy of `entity`. */
  const sweepAt = (entity: EntityTrust, at: number, d: DecayConfig, r: SweepRule) => sweepEntity(entity.clone(), at, d, r);

  it('no sweep before it does anything but keep the entity (whatever the stored scores)', () => {
    fc.assert(fc.property(
      storedEntity, decay, sweepRule, fc.integer({ min: 0, max: 800 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
      (entity, d, r, nowDays, fractions) => {
        const now = T0 + nowDays * MS_PER_DAY;
        // What the store does first: a sweep at now, which writes or keeps the entity.
        if (sweepEntity(entity, now, d, r) === 'remove') return;
        const until = sweepKeepsUntil(entity, now, d, r);
        expect(until).toBeGreaterThanOrEqual(now);
        const horizon = Number.isFinite(until) ? until : now + 3000 * MS_PER_DAY;
        for (const fraction of [0, ...fractions]) {
          expect(sweepAt(entity, now + Math.floor(fraction * (horizon - now)), d, r)).toBe('keep');
        }
      },
    ), { numRuns: 2000 });
  });

  it('an entity a sweep just wrote is kept until one score has fallen by the minimum change', () => {
    const entity = EntityTrust.create('mcp:x', T0);
    entity.updateFromOutcome(true, 1, T0);
    sweepEntity(entity, T0 + 30 * MS_PER_DAY, DEFAULT_DECAY, rule);
    const until = sweepKeepsUntil(entity, T0 + 30 * MS_PER_DAY, DEFAULT_DECAY, rule);
    // Training 0.525 decays as 0.3 + 0.225·0.99^days: it moves by 0.001 about 0.6 days later.
    expect((until - T0) / MS_PER_DAY).toBeGreaterThan(30.3);
    expect((until - T0) / MS_PER_DAY).toBeLessThan(31);
    // Not much too early either: a minute past it, the sweep writes.
    expect(sweepEntity(entity.clone(), until + 61_000, DEFAULT_DECAY, rule)).toBe('write');
    expect(sweepEntity(entity.clone(), until, DEFAULT_DECAY, rule)).toBe('keep');
  });

  it('never for an entity that is never active and no session; at retention for a session', () => {
    expect(sweepKeepsUntil(EntityTrust.create('mcp:x', T0), T0, DEFAULT_DECAY, rule)).toBe(Infinity);
    expect(sweepKeepsUntil(EntityTrust.create('session:x', T0), T0, DEFAULT_DECAY, rule)).toBe(T0 + 90 * MS_PER_DAY - 60_000);
    expect(sweepKeepsUntil(EntityTrust.create('session:x', T0), T0, DEFAULT_DECAY, { ...rule, sessionRetentionDays: Infinity })).toBe(Infinity);
  });
});
