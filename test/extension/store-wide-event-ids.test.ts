// Issue 13, item 4: imports and sweeps log the ids they changed, so that each entity's history shows
// them; the list is bounded so that a sweep of a large store does not write an index entry per entity.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { EntityTrust, createBundle } from '@/core/index.js';
import { MAX_EVENT_ENTITY_IDS, eventsOf, recentEvents } from '@/utils/db/event-log.js';
import { openTrustDb } from '@/utils/db/trust-db.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import { ManualClock } from '../contract/trust-store-contract.js';
import { entityWithTrust } from './helpers.js';

describe('store-wide events name the entities they changed', () => {
  let db: TrustDb;
  let clock: ManualClock;
  let store: IndexedDbTrustStore;

  beforeEach(async () => {
    indexedDB = new IDBFactory();
    db = await openTrustDb();
    clock = new ManualClock();
    store = new IndexedDbTrustStore(db, { clock });
    return () => db.close();
  });

  it('an import lists the entities it added or updated, not those it left unchanged', async () => {
    await store.update('mcp:kept', true, 0.1);
    const kept = (await store.get('mcp:kept')).toJSON();
    const bundle = createBundle([
      EntityTrust.fromJSON(kept), EntityTrust.fromJSON(entityWithTrust('mcp:new', 0.8, clock.now())),
    ], clock.now());
    await store.importBundle(bundle, 'merge');
    const [event] = await recentEvents(db, 1);
    expect(event).toMatchObject({ kind: 'import', entity_ids: ['mcp:new'] });
    expect((await eventsOf(db, 'mcp:new', 5)).map((e) => e.kind)).toEqual(['import']);
    expect((await eventsOf(db, 'mcp:kept', 5)).map((e) => e.kind)).toEqual(['outcome']);
  });

  it('a sweep lists the entities it rewrote', async () => {
    await store.importBundle([entityWithTrust('mcp:idle', 0.9, clock.now())], 'merge');
    clock.advanceDays(30);
    await store.importBundle([entityWithTrust('mcp:fresh', 0.9, clock.now())], 'merge');
    await store.sweep({ resume: false });
    const [sweep] = await recentEvents(db, 1);
    expect(sweep).toMatchObject({ kind: 'sweep', entity_ids: ['mcp:idle'], details: { changed: 1 } });
    expect((await eventsOf(db, 'mcp:idle', 5)).map((e) => e.kind)).toEqual(['sweep', 'import']);
    // Active just now, within the grace period: the sweep did not change it, and is not in its history.
    expect((await eventsOf(db, 'mcp:fresh', 5)).map((e) => e.kind)).toEqual(['import']);
  });

  it(`lists at most ${MAX_EVENT_ENTITY_IDS} ids, and says when it left some out`, async () => {
    const many = Array.from({ length: MAX_EVENT_ENTITY_IDS + 5 }, (_, i) => entityWithTrust(`mcp:e${i}`, 0.9, clock.now()));
    await store.importBundle(many, 'merge');
    const [imported] = await recentEvents(db, 1);
    expect(imported!.entity_ids).toHaveLength(MAX_EVENT_ENTITY_IDS);
    expect(imported!.details).toMatchObject({ added: MAX_EVENT_ENTITY_IDS + 5, ids_truncated: true });
    clock.advanceDays(30);
    await store.sweep({ resume: false });
    const [sweep] = await recentEvents(db, 1);
    expect(sweep!.entity_ids).toHaveLength(MAX_EVENT_ENTITY_IDS);
    expect(sweep!.details).toMatchObject({ changed: MAX_EVENT_ENTITY_IDS + 5, ids_truncated: true });
  }, 60_000);
});
