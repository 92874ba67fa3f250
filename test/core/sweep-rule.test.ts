import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, DEFAULT_SWEEP_RULE, EntityTrust, MS_PER_DAY, assertSweepConfig, assertSweepRule, scoresAt,
  sweepEntity, type SweepRule,
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
