import { describe, expect, it } from 'vitest';
import {
  DECAY_FLOOR, DEFAULT_DECAY, EntityTrust, MS_PER_DAY, assertDecayConfig, type DecayConfig,
} from '../../core/index.js';

// decayTo: the state at `now` is the state right after the last activity, decayed once by
// max(0, days since − graceDays) at ratePerDay. Expected numbers worked out from the formula by hand.

const T0 = Date.UTC(2026, 10, 24);
const T0_TEXT = '2026-11-24T00:00:00.000Z';
const DAY = MS_PER_DAY;

type Six = [number, number, number, number, number, number];
const NAMES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;
const scoresOf = (e: EntityTrust): number[] => NAMES.map((name) => e[name]);
const close = (list: number[]) => list.map((x) => expect.closeTo(x, 14));

/** An entity last active at T0 with these scores (also its scores at last activity). */
function entityWith([talent, training, temperament, valuation, veracity, validity]: Six): EntityTrust {
  return EntityTrust.fromJSON({
    entity_id: 'mcp:fs', talent, training, temperament, valuation, veracity, validity,
    created_at: T0_TEXT, last_activity: T0_TEXT,
  });
}

const START: Six = [0.9, 0.8, 0.7, 0.6, 0.9, 0.5];

it('the defaults and the floor', () => {
  expect(DEFAULT_DECAY).toStrictEqual({ ratePerDay: 0.01, graceDays: 1 });
  expect(Object.isFrozen(DEFAULT_DECAY)).toBe(true);
  expect(DECAY_FLOOR).toBe(0.3);
  expect(MS_PER_DAY).toBe(86_400_000);
});

describe('decayTo', () => {
  it.each<[string, number, DecayConfig, Six]>([
    ['within the grace day', T0 + DAY, DEFAULT_DECAY, START],
    ['half an hour after the grace day', T0 + DAY + DAY / 48, DEFAULT_DECAY,
      [0.9, 0.7998953199609662, 0.6919179308493975, 0.596937820056814, 0.9, 0.4999581279843865]],
    ['1 day after the grace day', T0 + 2 * DAY, DEFAULT_DECAY, [0.9, 0.795, 0.68808, 0.59403, 0.9, 0.498]],
    ['1.5 days after', T0 + 2.5 * DAY, DEFAULT_DECAY,
      [0.9, 0.7925187813677769, 0.686134724592337, 0.5925561561324595, 0.9, 0.49700751254711073]],
    ['30 days after', T0 + 31 * DAY, DEFAULT_DECAY,
      [0.9, 0.6698501866941401, 0.5899625463682058, 0.5196910108963192, 0.9, 0.44794007467765606]],
    ['no grace, 3 days at 0.5', T0 + 3 * DAY, { ratePerDay: 0.5, graceDays: 0 }, [0.9, 0.3625, 0.349, 0.337125, 0.9, 0.325]],
    ['no rate: only the factors k', T0 + 10 * DAY, { ratePerDay: 0, graceDays: 0 }, [0.9, 0.8, 0.692, 0.597, 0.9, 0.5]],
    ['before the last activity', T0 - 5 * DAY, { ratePerDay: 0.5, graceDays: 0 }, START],
  ])('%s', (_, now, config, expected) => {
    const e = entityWith(START);
    expect(e.decayTo(now, config)).toBe(JSON.stringify(expected) !== JSON.stringify(START));
    expect(scoresOf(e)).toEqual(close(expected));
    // Decay is neither evidence nor activity: counts, the last activity and the scores at it stay,
    // and those are written out once they differ from the scores.
    const anchor = expected === START ? {} : { t3_at_last_activity: START.slice(0, 3), v3_at_last_activity: START.slice(3) };
    expect(e.toJSON()).toStrictEqual({
      ...entityWith(START).toJSON(), ...anchor, ...Object.fromEntries(NAMES.map((n, i) => [n, expect.closeTo(expected[i]!, 14)])),
    });
  });

  it('computes from the scores at the last activity, so it can be undone and never compounds', () => {
    const e = entityWith(START);
    e.decayTo(T0 + 31 * DAY, DEFAULT_DECAY);
    expect(e.decayTo(T0 + 2 * DAY, DEFAULT_DECAY)).toBe(true);
    expect(scoresOf(e)).toEqual(close([0.9, 0.795, 0.68808, 0.59403, 0.9, 0.498]));
    expect(e.decayTo(T0 + 2 * DAY, DEFAULT_DECAY)).toBe(false);
    expect(e.decayTo(T0, DEFAULT_DECAY)).toBe(true);
    expect(scoresOf(e)).toEqual(START);
  });

  it.each<[string, Six]>([
    ['training', [0.5, 0.8, 0.3, 0.3, 0.5, 0.3]],
    ['temperament', [0.5, 0.3, 0.8, 0.3, 0.5, 0.3]],
    ['valuation', [0.5, 0.3, 0.3, 0.8, 0.5, 0.3]],
    ['validity', [0.5, 0.3, 0.3, 0.3, 0.5, 0.8]],
  ])('reports a change when only %s moves', (moving, scores) => {
    const e = entityWith(scores);
    expect(e.decayTo(T0 + 11 * DAY, DEFAULT_DECAY)).toBe(true);
    const moved = NAMES.filter((name, i) => e[name] !== scores[i]);
    expect(moved).toEqual([moving]);
  });

  it('reports no change when every decaying score is at or below the floor', () => {
    const e = entityWith([0.9, 0.3, 0.2, 0.1, 0.9, 0]);
    expect(e.decayTo(T0 + 100 * DAY, { ratePerDay: 1, graceDays: 0 })).toBe(false);
    expect(scoresOf(e)).toEqual([0.9, 0.3, 0.2, 0.1, 0.9, 0]);
  });

  it('decays a file read without decay fields from its scores, starting at its last action', () => {
    const e = EntityTrust.fromJSON({
      entity_id: 'mcp:up', talent: 0.9, training: 0.8, temperament: 0.7, valuation: 0.6, veracity: 0.9, validity: 0.5,
      t3_observation_counts: [2, 3, 4], v3_observation_counts: [5, 6, 7],
      created_at: '2026-11-01T00:00:00Z', last_action: T0_TEXT,
    });
    expect(e.decayTo(T0 + 2 * DAY, DEFAULT_DECAY)).toBe(true);
    expect(e.toJSON()).toStrictEqual({
      entity_id: 'mcp:up', entity_type: 'mcp', entity_name: 'up',
      talent: 0.9, training: expect.closeTo(0.795, 14), temperament: expect.closeTo(0.68808, 14), t3_observation_counts: [2, 3, 4],
      valuation: expect.closeTo(0.59403, 14), veracity: 0.9, validity: expect.closeTo(0.498, 14), v3_observation_counts: [5, 6, 7],
      witnessed_by: [], has_witnessed: [], action_count: 0, success_count: 0, witness_count: 0,
      last_action: T0_TEXT, created_at: '2026-11-01T00:00:00Z', last_activity: T0_TEXT,
      t3_at_last_activity: [0.9, 0.8, 0.7], v3_at_last_activity: [0.6, 0.9, 0.5],
    });
  });

  it('after new activity, decays from the scores right after it', () => {
    const e = entityWith(START);
    e.decayTo(T0 + 31 * DAY, DEFAULT_DECAY);
    e.receiveWitness('session:w', true, 0, T0 + 31 * DAY); // temperament, veracity unchanged; validity + 0.01
    const after = [0.9, 0.6698501866941401, 0.5899625463682058, 0.5196910108963192, 0.9, 0.4579400746776561];
    expect(scoresOf(e)).toEqual(close(after));
    expect(e.decayTo(T0 + 32 * DAY, DEFAULT_DECAY)).toBe(false);
    e.decayTo(T0 + 33 * DAY, DEFAULT_DECAY);
    // One day at 0.01 from there: 0.3 + (x − 0.3)·0.99·k.
    expect(scoresOf(e)).toEqual(close([
      0.9, 0.3 + (after[1]! - 0.3) * 0.99, 0.3 + (after[2]! - 0.3) * 0.99 * 0.98, 0.3 + (after[3]! - 0.3) * 0.99 * 0.99,
      0.9, 0.3 + (after[5]! - 0.3) * 0.99,
    ]));
  });

  it('refuses an invalid configuration before changing anything', () => {
    const e = entityWith(START);
    for (const config of [{ ratePerDay: 1.01, graceDays: 0 }, { ratePerDay: 0.1, graceDays: -1 }]) {
      expect(() => e.decayTo(T0 + 100 * DAY, config)).toThrow(RangeError);
    }
    expect(scoresOf(e)).toEqual(START);
  });
});

describe('stateAt', () => {
  it('is the decayed copy; the entity itself keeps its scores', () => {
    const e = entityWith(START);
    const now = e.stateAt(T0 + 2 * DAY, DEFAULT_DECAY);
    expect(scoresOf(now)).toEqual(close([0.9, 0.795, 0.68808, 0.59403, 0.9, 0.498]));
    expect(scoresOf(e)).toEqual(START);
  });
});

describe('argument checks', () => {
  it.each([
    [{ ratePerDay: -0.01, graceDays: 1 }, 'decay rate must be a number in [0,1], got -0.01'],
    [{ ratePerDay: 1.5, graceDays: 1 }, 'decay rate must be a number in [0,1], got 1.5'],
    [{ ratePerDay: Number.NaN, graceDays: 1 }, 'decay rate must be a number in [0,1], got NaN'],
    [{ ratePerDay: Infinity, graceDays: 1 }, 'decay rate must be a number in [0,1], got Infinity'],
    [{ ratePerDay: 0.01, graceDays: -0.5 }, 'decay grace days must be a finite number ≥ 0, got -0.5'],
    [{ ratePerDay: 0.01, graceDays: Infinity }, 'decay grace days must be a finite number ≥ 0, got Infinity'],
    [{ ratePerDay: 0.01, graceDays: Number.NaN }, 'decay grace days must be a finite number ≥ 0, got NaN'],
  ])('refuses %o', (config, message) => {
    expect(() => assertDecayConfig(config)).toThrow(new RangeError(message));
  });

  it('accepts the bounds: rate 0 and 1, grace 0', () => {
    for (const config of [{ ratePerDay: 0, graceDays: 0 }, { ratePerDay: 1, graceDays: 0 }]) {
      expect(() => assertDecayConfig(config)).not.toThrow();
    }
    const e = entityWith(START);
    expect(e.applyDecay(1, 0)).toBe(false);
    expect(e.applyDecay(1, 1)).toBe(true);
  });

  it.each([
    [Number.NaN, 0.1, 'decay days must be a finite number, got NaN'],
    [-Infinity, 0.1, 'decay days must be a finite number, got -Infinity'],
    [1, -0.5, 'decay rate must be a number in [0,1], got -0.5'],
    [1, 2, 'decay rate must be a number in [0,1], got 2'],
  ])('applyDecay refuses %s days at %s', (days, rate, message) => {
    expect(() => entityWith(START).applyDecay(days, rate)).toThrow(new RangeError(message));
  });
});
