import { beforeEach, describe, expect, it } from 'vitest';
import { EntityTrust, trustLevelOf } from '@/core/index.js';
import type { ListEntitiesRequest } from '@/utils/api/api-types.js';
import { countLowTrust, listEntities } from '@/utils/db/entity-queries.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { entityWithTrust, freshDb } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1);
let db: TrustDb;
beforeEach(async () => {
  db = await freshDb();
  const store = new IndexedDbTrustStore(db);
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

const list = (request: Partial<ListEntitiesRequest>) =>
  listEntities(db, { sort: 'name', offset: 0, limit: 100, ...request });
const ids = async (request: Partial<ListEntitiesRequest>) => (await list(request)).items.map((i) => i.entity_id);

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
    });
    expect((await list({ query: 'never' })).items[0]!.last_activity).toBeNull();
  });

  it('puts every boundary score in the level trustLevelOf gives', async () => {
    const store = new IndexedDbTrustStore(db);
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
