import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, trustLevelOf, type DecayConfig, type EntityJson } from '@/core/index.js';
import type { ListEntitiesRequest } from '@/utils/api/api-types.js';
import { countLowTrust, listEntities } from '@/utils/db/entity-queries.js';
import { writeSettings } from '@/utils/db/settings.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { entityWithTrust, freshDb } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1);
/** When the lists below are read: a minute after the sample's activity, inside the grace period. */
const READ_AT = T0 + 60_000;
let db: TrustDb;
beforeEach(async () => {
  db = await freshDb();
  const store = new IndexedDbTrustStore(db, { clock: { now: () => READ_AT } });
  await store.importBundle([
    entityWithTrust('mcp:alpha', 0.9, T0 + 5),
    entityWithTrust('mcp:beta', 0.5, T0 + 1),
    entityWithTrust('role:Reviewer', 0.7, T0 + 3),
    entityWithTrust('session:s1', 0.3, T0 + 4),
    entityWithTrust('plain', 0.1, T0 + 2),
    entityWithTrust('custom:thing', 0.5, T0 + 6),
    { ...EntityTrust.create('ref:never', T0).toJSON(), created_at: null },
  ]);
  return () => db.close();
});

const list = (request: Partial<ListEntitiesRequest>, now = READ_AT) =>
  listEntities(db, { sort: 'name', offset: 0, limit: 100, ...request }, now);
const ids = async (request: Partial<ListEntitiesRequest>, now = READ_AT) => (await list(request, now)).items.map((i) => i.entity_id);

describe('listEntities', () => {
  it('counts the whole store by level and by type, whatever the filter', async () => {
    const page = await list({ type: 'mcp', limit: 1 });
    expect(page.total).toBe(7);
    expect(page.matching).toBe(2);
    expect(page.byLevel).toEqual({ high: 1, 'medium-high': 1, medium: 3, low: 1, minimal: 1 });
    expect(page.byType).toEqual({ '': 1, custom: 1, mcp: 2, ref: 1, role: 1, session: 1 });
  });

  it('sorts by name, trust (both ways, ties by id) and recent activity', async () => {
    expect(await ids({ sort: 'name' })).toEqual(['custom:thing', 'mcp:alpha', 'mcp:beta', 'plain', 'ref:never', 'role:Reviewer', 'session:s1']);
    expect(await ids({ sort: 'trust-desc' })).toEqual(['mcp:alpha', 'role:Reviewer', 'custom:thing', 'mcp:beta', 'ref:never', 'session:s1', 'plain']);
    expect((await ids({ sort: 'trust-asc' })).slice(0, 2)).toEqual(['plain', 'session:s1']);
    expect(await ids({ sort: 'recent' })).toEqual(['custom:thing', 'mcp:alpha', 'session:s1', 'role:Reviewer', 'plain', 'mcp:beta', 'ref:never']);
  });

  it('filters by type (with "other"), level and a case-insensitive query, and pages', async () => {
    expect(await ids({ type: 'other' })).toEqual(['custom:thing', 'plain']);
    expect(await ids({ level: 'medium', sort: 'trust-desc' })).toEqual(['custom:thing', 'mcp:beta', 'ref:never']);
    expect(await ids({ level: 'medium', sort: 'recent' })).toEqual(['custom:thing', 'mcp:beta', 'ref:never']);
    expect(await ids({ query: 'REVIEW' })).toEqual(['role:Reviewer']);
    expect(await ids({ type: 'mcp', level: 'medium', query: 'b' })).toEqual(['mcp:beta']);
    const page = await list({ sort: 'trust-desc', offset: 2, limit: 2 });
    expect(page.items.map((i) => i.entity_id)).toEqual(['custom:thing', 'mcp:beta']);
    expect(page.matching).toBe(7);
  });

  it('returns rows with the summary the popup shows', async () => {
    const [row] = (await list({ query: 'alpha' })).items;
    expect(row).toEqual({
      entity_id: 'mcp:alpha', entity_type: 'mcp', t3_average: 0.9, v3_average: 0.5, trust_level: 'high', last_activity: T0 + 5,
      call_failures: 0, recent_failure_rate: null,
    });
    expect((await list({ query: 'never' })).items[0]!.last_activity).toBeNull();
  });

  it('sorts by failed calls, most first, then by the worst recent rate, the never called last by id', async () => {
    /** An entity with calls of one tool, `1` a success and `0` a failure, oldest first. */
    const called = (id: string, outcomes: string) => {
      const entity = EntityTrust.fromJSON(entityWithTrust(id, 0.6, T0));
      [...outcomes].forEach((o, i) => entity.recordCall({ tool: 'run', success: o === '1', failureKind: 'unreachable' }, T0 + i));
      return entity.toJSON();
    };
    const store = new IndexedDbTrustStore(db, { clock: { now: () => READ_AT } });
    await store.importBundle([
      called('mcp:flaky', '0101'), // 2 failed, half of the last
      called('mcp:broken', '1000'), // 3 failed
      called('mcp:lately', '1100'), // 2 failed, as many as flaky at the same rate: by id
      called('mcp:mended', `00${'1'.repeat(98)}`), // 2 failed, 2% of the last
      called('mcp:fine', '111'), // none failed, but called: before the never called
    ]);
    expect(await ids({ sort: 'failures' })).toEqual([
      'mcp:broken', 'mcp:flaky', 'mcp:lately', 'mcp:mended', 'mcp:fine',
      'custom:thing', 'mcp:alpha', 'mcp:beta', 'plain', 'ref:never', 'role:Reviewer', 'session:s1',
    ]);
    expect((await list({ query: 'broken' })).items[0]).toMatchObject({ call_failures: 3, recent_failure_rate: 0.75 });
    expect(await ids({ sort: 'failures', type: 'mcp', limit: 2, offset: 1 })).toEqual(['mcp:flaky', 'mcp:lately']);
    // Recording calls rewrites the row, and the order follows: 2 failed of 5 passes mcp:mended's 2%.
    const failure = { kind: 'call', entityId: 'mcp:fine', call: { tool: 'run', success: false, failureKind: 'timeout' } } as const;
    await store.record([failure, failure]);
    expect((await ids({ sort: 'failures' })).slice(0, 6)).toEqual(['mcp:broken', 'mcp:flaky', 'mcp:lately', 'mcp:fine', 'mcp:mended', 'custom:thing']);
  });

  it('puts every boundary score in the level trustLevelOf gives', async () => {
    const store = new IndexedDbTrustStore(db, { clock: { now: () => READ_AT } });
    await store.deleteAll();
    const scores = [0.2, 0.4, 0.6, 0.8, 0.19999999999999998, 0.39999999999999997, 0.6000000000000001, 0.7999999999999999, 0, 1];
    await store.importBundle(scores.map((t3, i) => entityWithTrust(`x:${i}`, t3, T0)));
    for (const level of ['high', 'medium-high', 'medium', 'low', 'minimal'] as const) {
      const expected = scores.flatMap((t3, i) =>
        trustLevelOf(EntityTrust.fromJSON(entityWithTrust(`x:${i}`, t3, T0)).t3Average) === level ? [`x:${i}`] : []);
      expect((await ids({ level })).sort()).toEqual(expected.sort());
    }
    expect(await countLowTrust(db)).toBe(scores.filter((s) => s < 0.4).length);
  });
});

describe('listEntities at the moment of the read', () => {
  const LATER = T0 + 200 * MS_PER_DAY;
  /** Active at T0 with T3 0.9 (high), then idle for 200 days. */
  const idle = entityWithTrust('mcp:idle', 0.9, T0);
  /** Active an hour before LATER with T3 0.7 (medium-high). */
  const fresh = entityWithTrust('mcp:fresh', 0.7, LATER - 3_600_000);
  const atLater = (json: EntityJson, decay: DecayConfig = DEFAULT_DECAY) => EntityTrust.fromJSON(json).stateAt(LATER, decay);

  beforeEach(async () => {
    await new IndexedDbTrustStore(db, { clock: { now: () => LATER } }).importBundle([idle, fresh], 'replace');
  });

  it('shows an entity idle for 200 days decayed to now, exactly as the core computes it, without a sweep', async () => {
    const expected = atLater(idle);
    expect(expected.trustLevel).toBe('medium');
    const [row] = (await list({ query: 'idle' }, LATER)).items;
    expect(row).toEqual({
      entity_id: 'mcp:idle', entity_type: 'mcp', t3_average: expected.t3Average, v3_average: expected.v3Average,
      trust_level: 'medium', last_activity: T0, call_failures: 0, recent_failure_rate: null,
    });
    // The same rows read at the time of its activity show it as it was then.
    expect((await list({ query: 'idle' }, T0)).items[0]).toMatchObject({ t3_average: 0.9, trust_level: 'high' });
  });

  it('filters by level, counts levels and sorts by trust with the values at now', async () => {
    expect(await ids({ level: 'high' }, LATER)).toEqual([]);
    expect(await ids({ level: 'medium' }, LATER)).toEqual(['mcp:idle']);
    expect((await list({}, LATER)).byLevel).toEqual({ high: 0, 'medium-high': 1, medium: 1, low: 0, minimal: 0 });
    expect(await ids({ sort: 'trust-desc' }, LATER)).toEqual(['mcp:fresh', 'mcp:idle']);
    expect(await ids({ sort: 'trust-asc' }, LATER)).toEqual(['mcp:idle', 'mcp:fresh']);
    // As stored (at T0 nothing has decayed yet), the idle entity was the more trusted.
    expect(await ids({ sort: 'trust-desc' }, T0)).toEqual(['mcp:idle', 'mcp:fresh']);
  });

  it('decays with the user\'s settings, read from the database', async () => {
    await writeSettings(db, { decayRatePerDay: 0.05, graceDays: 30 });
    const expected = atLater(idle, { ratePerDay: 0.05, graceDays: 30 });
    expect((await list({ query: 'idle' }, LATER)).items[0]).toMatchObject({ t3_average: expected.t3Average, trust_level: expected.trustLevel });
    await writeSettings(db, { graceDays: 365 });
    expect((await list({ query: 'idle' }, LATER)).items[0]).toMatchObject({ t3_average: 0.9, trust_level: 'high' });
  });

  it('reads at the present moment when given none', async () => {
    const now = Date.now();
    const row = (await listEntities(db, { sort: 'name', offset: 0, limit: 1, query: 'idle' })).items[0]!;
    const after = Date.now();
    const bounds = [EntityTrust.fromJSON(idle).stateAt(after, DEFAULT_DECAY).t3Average, EntityTrust.fromJSON(idle).stateAt(now, DEFAULT_DECAY).t3Average];
    expect(row.t3_average).toBeGreaterThanOrEqual(bounds[0]!);
    expect(row.t3_average).toBeLessThanOrEqual(bounds[1]!);
  });
});
