// List rows: what they keep of an entity, and the state at any moment they give, which must be the
// core's to the last bit (the list and the detail view show the same numbers and levels).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, callStatsOf, summaryOf } from '@/core/index.js';
import type { EntityListItem } from '@/utils/api/api-types.js';
import { storedDecayConfig } from '@/utils/db/decay-settings.js';
import { decayConfigOf, settingsFrom } from '@/utils/db/settings.js';
import { isLowTrustAt, rowOf, rowsOf, summariesAt, summaryAt, summaryBucketOf } from '@/utils/db/summary-rows.js';

const T0 = Date.UTC(2026, 0, 1);
const score = fc.double({ min: 0, max: 1, noNaN: true });
const six = fc.tuple(score, score, score, score, score, score);
const SCORES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;

/** An entity as a store may hold it: any scores, any scores at last activity, active or never, swept or not. */
const storedEntity = fc.record({
  scores: six,
  anchors: fc.option(six, { nil: undefined }),
  lastActivity: fc.option(fc.integer({ min: T0 - 2000 * MS_PER_DAY, max: T0 }), { nil: null }),
  sweptAfterDays: fc.option(fc.double({ min: 0, max: 500, noNaN: true }), { nil: undefined }),
}).map(({ scores, anchors, lastActivity, sweptAfterDays }) => {
  const at = lastActivity === null ? null : new Date(lastActivity).toISOString();
  const entity = EntityTrust.fromJSON({
    entity_id: 'mcp:x', created_at: at, last_action: at, last_activity: at,
    ...Object.fromEntries(SCORES.map((name, i) => [name, scores[i]])),
    ...(anchors && { t3_at_last_activity: anchors.slice(0, 3), v3_at_last_activity: anchors.slice(3) }),
  });
  if (sweptAfterDays !== undefined && lastActivity !== null) entity.decayTo(lastActivity + sweptAfterDays * MS_PER_DAY, DEFAULT_DECAY);
  return entity;
});
const decay = fc.record({ ratePerDay: score, graceDays: fc.double({ min: 0, max: 60, noNaN: true }) });
const moment = fc.integer({ min: T0 - 10 * MS_PER_DAY, max: T0 + 3000 * MS_PER_DAY });

describe('summaryAt', () => {
  it('gives exactly the averages and level of EntityTrust.stateAt, at any moment, with any decay settings', () => {
    fc.assert(fc.property(storedEntity, moment, decay, (entity, now, config) => {
      const expected = summaryOf(entity.stateAt(now, config));
      expect(summaryAt(rowOf(entity), now, config)).toEqual(expected);
      // As read back from its text, the entity gives the same row.
      expect(rowOf(EntityTrust.fromJSON(JSON.parse(JSON.stringify(entity.toJSON()))))).toEqual(rowOf(entity));
      expect(isLowTrustAt(rowOf(entity), now, config)).toBe(expected.trust_level === 'low' || expected.trust_level === 'minimal');
    }), { numRuns: 500 });
  });

  it('keeps the scores at last activity, not the scores a sweep wrote', () => {
    const entity = EntityTrust.create('mcp:a', T0);
    entity.updateFromOutcome(true, 1, T0);
    const anchors = [entity.talent, entity.training, entity.temperament, entity.valuation, entity.veracity, entity.validity];
    entity.decayTo(T0 + 200 * MS_PER_DAY, DEFAULT_DECAY);
    expect(entity.training).toBeLessThan(anchors[1]!);
    expect(rowOf(entity)).toEqual({
      entity_id: 'mcp:a', entity_type: 'mcp', last_activity: T0, scores: anchors, call_failures: 0, recent_failure_rate: null,
    });
    // Never active: the scores as they are, which never decay.
    const never = EntityTrust.fromJSON({ ...EntityTrust.create('ref:n', T0).toJSON(), training: 0.9, created_at: null });
    expect(rowOf(never).scores).toEqual([0.5, 0.9, 0.5, 0.5, 0.5, 0.5]);
    expect(summaryAt(rowOf(never), T0 + 5000 * MS_PER_DAY, DEFAULT_DECAY).t3_average).toBeCloseTo(1.9 / 3, 15);
  });
});

describe('a stored bucket of rows', () => {
  it('keeps every row exactly, column by column, and lists them at any moment as summaryAt does', () => {
    fc.assert(fc.property(fc.array(storedEntity, { maxLength: 12 }), moment, decay, (entities, now, config) => {
      const rows = entities.map((entity, i) => ({ ...rowOf(entity), entity_id: `x:${i}`, entity_type: 'x' }));
      const record = structuredClone(summaryBucketOf(7, rows, ['x:0']));
      expect(record).toMatchObject({ bucket: 7, ids: rows.map((row) => row.entity_id), low_trust: ['x:0'] });
      expect(rowsOf(record)).toEqual(rows);
      const listed: EntityListItem[] = [];
      summariesAt(record, now, config, listed);
      expect(listed).toEqual(rows.map((row) => ({
        ...summaryAt(row, now, config), call_failures: row.call_failures, recent_failure_rate: row.recent_failure_rate,
      })));
    }), { numRuns: 200 });
  });
});

describe('the call figures of a row', () => {
  /** An entity with `outcomes` calls of one tool, `1` a success and `0` a failure, oldest first. */
  function called(outcomes: string): EntityTrust {
    const entity = EntityTrust.create('mcp:calls', T0);
    [...outcomes].forEach((o, i) => entity.recordCall({ tool: 'read', success: o === '1', failureKind: 'timeout' }, T0 + i));
    return entity;
  }

  it('are the core\'s failed calls and recent failure rate, and survive the stored columns', () => {
    fc.assert(fc.property(fc.stringMatching(/^[01]{0,150}$/), (outcomes) => {
      const entity = called(outcomes);
      const { call_failures, recent_failure_rate } = callStatsOf(entity.callEvidence);
      const row = rowOf(entity);
      expect(row).toMatchObject({ call_failures, recent_failure_rate });
      expect(row.call_failures).toBe(outcomes.replaceAll('1', '').length);
      expect(rowsOf(structuredClone(summaryBucketOf(1, [row], [])))).toEqual([row]);
      const listed: EntityListItem[] = [];
      summariesAt(summaryBucketOf(1, [row], []), T0, DEFAULT_DECAY, listed);
      expect(listed[0]).toMatchObject({ call_failures, recent_failure_rate });
    }), { numRuns: 100 });
  });

  it('are none for an entity never called: no failures and no rate, which is not a rate of 0', () => {
    expect(rowOf(called(''))).toMatchObject({ call_failures: 0, recent_failure_rate: null });
    expect(rowOf(called('111'))).toMatchObject({ call_failures: 0, recent_failure_rate: 0 });
    // The rate is over the last 100 calls; the count over all of them.
    expect(rowOf(called(`${'0'.repeat(50)}${'1'.repeat(100)}`))).toMatchObject({ call_failures: 50, recent_failure_rate: 0 });
  });
});

describe('storedDecayConfig', () => {
  it('reads every stored value as the settings do: a missing or invalid field is its default', () => {
    const values = [0, 0.5, 1, 3650, 3650.5, -0, -1, 1.01, Number.NaN, Infinity, '0.1', null, undefined, true];
    const records: unknown[] = [undefined, null, 'settings', 7, [], {}];
    for (const rate of values) for (const grace of values) records.push({ decayRatePerDay: rate, graceDays: grace });
    for (const stored of records) expect(storedDecayConfig(stored), JSON.stringify(stored)).toEqual(decayConfigOf(settingsFrom(stored)));
  });
});
