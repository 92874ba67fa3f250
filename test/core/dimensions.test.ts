import { describe, expect, it } from 'vitest';
import { DIMENSIONS, EntityTrust, TRUST_LEVELS, confidenceOf, isLowTrust, trustLevelOf } from '../../core/index.js';

it('names the six dimensions in upstream order, T3 then V3, and the five levels from the top', () => {
  expect(DIMENSIONS).toEqual(['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity']);
  expect(TRUST_LEVELS).toEqual(['high', 'medium-high', 'medium', 'low', 'minimal']);
});

describe('trustLevelOf', () => {
  it.each<[number, string]>([
    [1, 'high'], [0.8, 'high'], [0.7999999999999999, 'medium-high'],
    [0.6, 'medium-high'], [0.5999999999999999, 'medium'],
    [0.4, 'medium'], [0.39999999999999997, 'low'],
    [0.2, 'low'], [0.19999999999999998, 'minimal'], [0, 'minimal'],
  ])('%s is %s', (t3Average, level) => {
    expect(trustLevelOf(t3Average)).toBe(level);
  });

  it('is what an entity reports for its T3 average', () => {
    const level = (talent: number, training: number, temperament: number) =>
      EntityTrust.fromJSON({ entity_id: 'mcp:a', talent, training, temperament, valuation: 0, veracity: 0, validity: 0 });
    // (0 + 0.8 + 1) / 3 is exactly 0.6; no three scores average to exactly 0.8, 0.4 or 0.2 in floating point.
    expect(level(0, 0.8, 1).t3Average).toBe(0.6);
    expect(level(0, 0.8, 1).trustLevel).toBe('medium-high');
    expect(level(0.8, 0.8, 0.8).t3Average).toBe(0.8000000000000002);
    expect(level(0.8, 0.8, 0.8).trustLevel).toBe('high');
    expect(level(0.4, 1, 1).t3Average).toBe(0.7999999999999999);
    expect(level(0.4, 1, 1).trustLevel).toBe('medium-high');
    expect(level(0, 0.2, 1).trustLevel).toBe('low');
    expect(level(0, 0, 0.6).trustLevel).toBe('minimal');
  });
});

it('isLowTrust: low and minimal only', () => {
  expect(TRUST_LEVELS.map(isLowTrust)).toEqual([false, false, false, true, true]);
});

it('confidenceOf: min(1, ln(1 + n) / ln 10), that is log10(1 + n) capped at 1', () => {
  expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(confidenceOf)).toEqual([
    0, 0.3010299956639812, 0.47712125471966244, 0.6020599913279624, 0.6989700043360189,
    0.7781512503836436, 0.8450980400142568, 0.9030899869919435, 0.9542425094393249,
  ].map((x) => expect.closeTo(x, 15)));
  expect([9, 10, 99, Number.MAX_SAFE_INTEGER].map(confidenceOf)).toEqual([1, 1, 1, 1]);
});

it('an entity reports each dimension by name: score, observations and confidence', () => {
  const e = EntityTrust.fromJSON({
    entity_id: 'mcp:a', talent: 0.1, training: 0.2, temperament: 0.3, valuation: 0.4, veracity: 0.6, validity: 0.7,
    t3_observation_counts: [0, 1, 3], v3_observation_counts: [9, 99, 4],
  });
  expect(DIMENSIONS.map((d) => e.score(d))).toEqual([0.1, 0.2, 0.3, 0.4, 0.6, 0.7]);
  expect([e.talent, e.training, e.temperament, e.valuation, e.veracity, e.validity]).toEqual([0.1, 0.2, 0.3, 0.4, 0.6, 0.7]);
  expect(DIMENSIONS.map((d) => e.observations(d))).toEqual([0, 1, 3, 9, 99, 4]);
  expect(DIMENSIONS.map((d) => e.confidence(d))).toEqual([0, 0.3010299956639812, 0.6020599913279624, 1, 1, 0.6989700043360189].map((x) => expect.closeTo(x, 15)));
  expect(e.t3Average).toBeCloseTo(0.2, 15);
  expect(e.v3Average).toBeCloseTo(0.5666666666666667, 15);
});
