import { describe, expect, it } from 'vitest';
import { EntityTrust, type EntityJson } from '../../core/index.js';

// Golden tables: every branch of every formula, with the numbers worked out by hand from the
// README's table (not by running the engine), compared as whole entities.

const T0 = Date.UTC(2026, 10, 24); // 2026-11-24T00:00:00.000Z
const T0_TEXT = '2026-11-24T00:00:00.000Z';
const T1 = T0 + 5_000;
const T1_TEXT = '2026-11-24T00:00:05.000Z';

type Six = [talent: number, training: number, temperament: number, valuation: number, veracity: number, validity: number];
const NEUTRAL: Six = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
// Away from 0.5, so that x and 1 − x differ, and with valuation and validity near 1 to show the clamp.
const S: Six = [0.2, 0.8, 0.6, 0.995, 0.3, 0.995];
// Temperament and talent near 0 with training 1: a failure clamps them to 0, a success cannot raise training.
const Z: Six = [0.01, 1, 0.01, 0, 0.5, 0.5];

/** An entity with these scores and no evidence, last active at T0. */
function entityWith(scores: Six): EntityTrust {
  const [talent, training, temperament, valuation, veracity, validity] = scores;
  return EntityTrust.fromJSON({
    entity_id: 'mcp:fs', talent, training, temperament, valuation, veracity, validity,
    created_at: T0_TEXT, last_activity: T0_TEXT,
  });
}

/** Non-integers become "close to, to 14 digits" (a few ulps of float rounding); the rest must be equal. */
function approx(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : expect.closeTo(value, 14);
  if (Array.isArray(value)) return value.map(approx);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, approx(v)]));
  }
  return value;
}

/** The whole JSON of an entity `mcp:fs` created and last active at T0 that then had one event at T1. */
function after(scores: Six, fields: Partial<EntityJson>): EntityJson {
  const [talent, training, temperament, valuation, veracity, validity] = scores;
  return {
    entity_id: 'mcp:fs', entity_type: 'mcp', entity_name: 'fs',
    talent, training, temperament, t3_observation_counts: [0, 0, 0],
    valuation, veracity, validity, v3_observation_counts: [0, 0, 0],
    witnessed_by: [], has_witnessed: [], action_count: 0, success_count: 0, witness_count: 0,
    // Right after an activity the scores at last activity are the scores: not written out.
    last_action: null, created_at: T0_TEXT, last_activity: T1_TEXT,
    ...fields,
  };
}

describe('updateFromOutcome: d = m·0.05·(1 − training) on success, −m·0.10·training on failure', () => {
  // training += d, temperament += d/2, talent += 0.3·d, valuation += 0.01, each clamped to [0,1].
  it.each<[string, Six, boolean, number, Six]>([
    ['neutral', NEUTRAL, true, 0.1, [0.50075, 0.5025, 0.50125, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 0.5, [0.50375, 0.5125, 0.50625, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 1, [0.5075, 0.525, 0.5125, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 7, [0.5075, 0.525, 0.5125, 0.51, 0.5, 0.5]], // clamped to 1
    ['neutral', NEUTRAL, true, -3, [0.5, 0.5, 0.5, 0.51, 0.5, 0.5]], // clamped to 0
    ['neutral', NEUTRAL, false, 0.1, [0.4985, 0.495, 0.4975, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 0.5, [0.4925, 0.475, 0.4875, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 1, [0.485, 0.45, 0.475, 0.51, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 7, [0.485, 0.45, 0.475, 0.51, 0.5, 0.5]],
    ['S', S, true, 0.1, [0.2003, 0.801, 0.6005, 1, 0.3, 0.995]],
    ['S', S, true, 0.5, [0.2015, 0.805, 0.6025, 1, 0.3, 0.995]],
    ['S', S, true, 1, [0.203, 0.81, 0.605, 1, 0.3, 0.995]],
    ['S', S, false, 0.1, [0.1976, 0.792, 0.596, 1, 0.3, 0.995]],
    ['S', S, false, 0.5, [0.188, 0.76, 0.58, 1, 0.3, 0.995]],
    ['S', S, false, 1, [0.176, 0.72, 0.56, 1, 0.3, 0.995]],
    ['Z', Z, false, 1, [0, 0.9, 0, 0.01, 0.5, 0.5]],
    ['Z', Z, true, 1, [0.01, 1, 0.01, 0.01, 0.5, 0.5]],
  ])('from %s, success %s, magnitude %s', (_, from, success, m, scores) => {
    const e = entityWith(from);
    e.updateFromOutcome(success, m, T1);
    expect(e.toJSON()).toStrictEqual(approx(after(scores, {
      t3_observation_counts: [1, 1, 1], v3_observation_counts: [1, 0, 0],
      action_count: 1, success_count: success ? 1 : 0, last_action: T1_TEXT,
    })));
  });
});

describe('receiveWitness: temperament ± (0.03 up, 0.05 down), veracity ± (0.8 up, 0.5 down), validity + 0.01', () => {
  // Up: x += m·k·(1 − x); down: x −= m·k·x.
  it.each<[string, Six, boolean, number, Six]>([
    ['neutral', NEUTRAL, true, 0.1, [0.5, 0.5, 0.5015, 0.5, 0.54, 0.51]],
    ['neutral', NEUTRAL, true, 0.5, [0.5, 0.5, 0.5075, 0.5, 0.7, 0.51]],
    ['neutral', NEUTRAL, true, 1, [0.5, 0.5, 0.515, 0.5, 0.9, 0.51]],
    ['neutral', NEUTRAL, true, 7, [0.5, 0.5, 0.515, 0.5, 0.9, 0.51]],
    ['neutral', NEUTRAL, false, -1, [0.5, 0.5, 0.5, 0.5, 0.5, 0.51]],
    ['neutral', NEUTRAL, false, 0.1, [0.5, 0.5, 0.4975, 0.5, 0.475, 0.51]],
    ['neutral', NEUTRAL, false, 0.5, [0.5, 0.5, 0.4875, 0.5, 0.375, 0.51]],
    ['neutral', NEUTRAL, false, 1, [0.5, 0.5, 0.475, 0.5, 0.25, 0.51]],
    ['S', S, true, 0.1, [0.2, 0.8, 0.6012, 0.995, 0.356, 1]],
    ['S', S, true, 0.5, [0.2, 0.8, 0.606, 0.995, 0.58, 1]],
    ['S', S, true, 1, [0.2, 0.8, 0.612, 0.995, 0.86, 1]],
    ['S', S, false, 0.1, [0.2, 0.8, 0.597, 0.995, 0.285, 1]],
    ['S', S, false, 0.5, [0.2, 0.8, 0.585, 0.995, 0.225, 1]],
    ['S', S, false, 1, [0.2, 0.8, 0.57, 0.995, 0.15, 1]],
  ])('from %s, success %s, magnitude %s', (_, from, success, m, scores) => {
    const e = entityWith(from);
    e.receiveWitness('session:w', success, m, T1);
    expect(e.toJSON()).toStrictEqual(approx(after(scores, {
      t3_observation_counts: [0, 0, 1], v3_observation_counts: [0, 1, 1],
      witnessed_by: ['session:w'], witness_count: 1,
    })));
  });

  it('lowers temperament on a failure, raises it on a success, from any score', () => {
    for (const t of [0.01, 0.3, 0.5, 0.99]) {
      const up = entityWith([0.5, 0.5, t, 0.5, 0.5, 0.5]), down = entityWith([0.5, 0.5, t, 0.5, 0.5, 0.5]);
      up.receiveWitness('session:w', true, 1, T1);
      down.receiveWitness('session:w', false, 1, T1);
      expect(up.temperament).toBeCloseTo(t + 0.03 * (1 - t), 15);
      expect(down.temperament).toBeCloseTo(t - 0.05 * t, 15);
    }
  });
});

describe('giveWitness: temperament += m·(0.02 on success, 0.01 on failure)·(1 − temperament), valuation + 0.005', () => {
  it.each<[string, Six, boolean, number, Six]>([
    ['neutral', NEUTRAL, true, 0.1, [0.5, 0.5, 0.501, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 0.5, [0.5, 0.5, 0.505, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 1, [0.5, 0.5, 0.51, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, 5, [0.5, 0.5, 0.51, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, true, -5, [0.5, 0.5, 0.5, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 0.1, [0.5, 0.5, 0.5005, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 0.5, [0.5, 0.5, 0.5025, 0.505, 0.5, 0.5]],
    ['neutral', NEUTRAL, false, 1, [0.5, 0.5, 0.505, 0.505, 0.5, 0.5]],
    ['S', S, true, 0.1, [0.2, 0.8, 0.6008, 1, 0.3, 0.995]],
    ['S', S, true, 0.5, [0.2, 0.8, 0.604, 1, 0.3, 0.995]],
    ['S', S, true, 1, [0.2, 0.8, 0.608, 1, 0.3, 0.995]],
    ['S', S, false, 0.1, [0.2, 0.8, 0.6004, 1, 0.3, 0.995]],
    ['S', S, false, 0.5, [0.2, 0.8, 0.602, 1, 0.3, 0.995]],
    ['S', S, false, 1, [0.2, 0.8, 0.604, 1, 0.3, 0.995]],
  ])('from %s, success %s, magnitude %s', (_, from, success, m, scores) => {
    const e = entityWith(from);
    e.giveWitness('mcp:target', success, m, T1);
    expect(e.toJSON()).toStrictEqual(approx(after(scores, {
      t3_observation_counts: [0, 0, 1], v3_observation_counts: [1, 0, 0], has_witnessed: ['mcp:target'],
    })));
  });
});

describe('a sequence of events', () => {
  it('adds up, counting each event once and each witness id once', () => {
    const e = EntityTrust.create('session:s', T0);
    e.updateFromOutcome(true, 1, T0 + 1_000); // training 0.525, temperament 0.5125, talent 0.5075, valuation 0.51
    e.updateFromOutcome(false, 1, T0 + 2_000); // d = −0.1·0.525 = −0.0525
    e.receiveWitness('session:a', true, 1, T0 + 3_000);
    e.receiveWitness('session:a', false, 0.5, T0 + 4_000);
    e.receiveWitness('session:b', true, 0, T0 + 5_000);
    e.giveWitness('mcp:x', true, 1, T0 + 6_000);
    e.giveWitness('mcp:x', false, 1, T0 + 7_000);
    // talent 0.5075 − 0.01575; training 0.525 − 0.0525; temperament: 0.5125 − 0.02625 = 0.48625, then
    // +0.03·0.51375, −0.025·t, +0, +0.02·(1 − t), +0.01·(1 − t); veracity 0.9, then 0.675, then 0.675;
    // valuation 0.52 + 0.01; validity 0.53.
    let t = 0.48625;
    t += 0.03 * (1 - t);
    t -= 0.5 * 0.05 * t;
    t += 0.02 * (1 - t);
    t += 0.01 * (1 - t);
    const scores: Six = [0.49175, 0.4725, t, 0.53, 0.675, 0.53];
    expect(e.toJSON()).toStrictEqual(approx({
      entity_id: 'session:s', entity_type: 'session', entity_name: 's',
      talent: scores[0], training: scores[1], temperament: scores[2], t3_observation_counts: [2, 2, 7],
      valuation: scores[3], veracity: scores[4], validity: scores[5], v3_observation_counts: [4, 3, 3],
      witnessed_by: ['session:a', 'session:b'], has_witnessed: ['mcp:x'],
      action_count: 2, success_count: 1, witness_count: 3,
      last_action: '2026-11-24T00:00:02.000Z', created_at: T0_TEXT, last_activity: '2026-11-24T00:00:07.000Z',
    }));
    expect(t).toBeCloseTo(0.5043451335625, 15);
    expect([e.successRate, e.t3Average, e.v3Average]).toEqual([0.5, expect.closeTo((0.49175 + 0.4725 + t) / 3, 15), expect.closeTo(0.578333333333333, 14)]);
  });
});

describe('applyDecay (upstream step): x → 0.3 + (x − 0.3)·(1 − rate)^days·k above 0.3', () => {
  // k = 1 for training and validity, 0.98 for temperament, 0.99 for valuation; talent and veracity stay.
  const start: Six = [0.9, 0.8, 0.7, 0.6, 0.9, 0.5];
  it.each<[number, number, [training: number, temperament: number, valuation: number, validity: number], boolean]>([
    [1, 0.01, [0.795, 0.68808, 0.59403, 0.498], true],
    [1.5, 0.01, [0.7925187813677769, 0.686134724592337, 0.5925561561324595, 0.49700751254711073], true],
    [0.5, 0.01, [0.79749371855331, 0.690035075345795, 0.5955112688206661, 0.498997487421324], true],
    [10, 0.01, [0.7521910375044022, 0.6545177734034513, 0.5686014762776148, 0.48087641500176087], true],
    [100, 0.01, [0.4830161706366146, 0.44348467777910583, 0.40871160535814904, 0.3732064682546458], true],
    [3, 0.5, [0.3625, 0.349, 0.337125, 0.325], true],
    [2, 1, [0.3, 0.3, 0.3, 0.3], true],
    // No rate: only the factors k move temperament and valuation; training does not move, so false.
    [5, 0, [0.8, 0.692, 0.597, 0.5], false],
  ])('%s days at %s', (days, rate, [training, temperament, valuation, validity], moved) => {
    const e = entityWith(start);
    expect(e.applyDecay(days, rate)).toBe(moved);
    expect([e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity]).toEqual(
      approx([0.9, training, temperament, valuation, 0.9, validity]),
    );
    // Decay is not evidence, and not activity.
    expect(e.toJSON()).toMatchObject({
      t3_observation_counts: [0, 0, 0], v3_observation_counts: [0, 0, 0], last_activity: T0_TEXT,
      t3_at_last_activity: [0.9, 0.8, 0.7], v3_at_last_activity: [0.6, 0.9, 0.5],
    });
  });

  it('changes nothing for zero or negative days, not even through the factors k', () => {
    for (const days of [0, -2]) {
      const e = entityWith(start);
      expect(e.applyDecay(days, 0.5)).toBe(false);
      expect(e.toJSON()).toStrictEqual(entityWith(start).toJSON());
    }
  });

  it('leaves scores at or below the floor, and never takes one below it', () => {
    const e = entityWith([0.1, 0.3, 0.30000000000000004, 0.2, 0.1, 0]);
    expect(e.applyDecay(1000, 1)).toBe(false);
    expect([e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity]).toEqual([0.1, 0.3, 0.3, 0.2, 0.1, 0]);
  });

  it('reports whether training moved by more than 0.001', () => {
    // (0.8 − 0.3)·(1 − 0.99^days): 0.0010040 for 0.2 days, 0.0009990 for 0.199 days.
    expect(entityWith(start).applyDecay(0.2, 0.01)).toBe(true);
    expect(entityWith(start).applyDecay(0.199, 0.01)).toBe(false);
  });
});
