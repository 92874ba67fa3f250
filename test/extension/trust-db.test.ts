import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, expect, it } from 'vitest';
import { EntityTrust } from '@/core/index.js';
import { hasUnfinishedSweep } from '@/utils/decay-sweep.js';
import { bucketOf } from '@/utils/entity-buckets.js';
import { listEntities } from '@/utils/entity-queries.js';
import { toRecord } from '@/utils/entity-record.js';
import { eventsOf } from '@/utils/event-log.js';
import { IndexedDbTrustStore } from '@/utils/indexed-db-store.js';
import { readSettings } from '@/utils/settings.js';
import { DB_NAME, DB_VERSION, DatabaseVersionError, openTrustDb } from '@/utils/trust-db.js';

beforeEach(() => {
  indexedDB = new IDBFactory();
});

const at = Date.UTC(2026, 3, 1);
function sampleEntity(id: string, success: boolean): EntityTrust {
  const entity = new EntityTrust(id, at);
  entity.updateFromOutcome(success, 1, at);
  return entity;
}

/** Data as each earlier schema version wrote it. */
const WRITE_VERSION: Record<number, (db: IDBDatabase) => Promise<void>> = {
  1: async (raw) => {
    const tx = raw.transaction(['entities', 'events', 'meta'], 'readwrite');
    for (const entity of [sampleEntity('mcp:good', true), sampleEntity('role:bad', false)]) {
      tx.objectStore('entities').put({ entity_id: entity.entityId, entity_type: entity.entityType, entity: entity.toJSON() });
    }
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    await committed(tx);
  },
  2: async (raw) => {
    const tx = raw.transaction(['entities', 'events', 'meta'], 'readwrite');
    for (const entity of [sampleEntity('mcp:good', true), sampleEntity('role:bad', false)]) {
      tx.objectStore('entities').put(toRecord(entity));
    }
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    // A sweep cut short under schema 2: its cursor is an entity id, which schema 3 cannot resume from.
    tx.objectStore('meta').put({ now: at, config: { ratePerDay: 0.05, graceDays: 2 }, started_at: at, after: 'mcp:good', scanned: 1, changed: 1, busy_ms: 1 }, 'sweep-cursor');
    await committed(tx);
  },
};

function committed(tx: IDBTransaction): Promise<unknown> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = reject;
  });
}

it('has a writer for every earlier schema version', () => {
  expect(Object.keys(WRITE_VERSION).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
});

it.each(Object.keys(WRITE_VERSION).map(Number))('upgrades data written by schema version %i, losing nothing', async (version) => {
  const old = await openTrustDb(version);
  await WRITE_VERSION[version]!(old as unknown as IDBDatabase);
  old.close();

  const db = await openTrustDb();
  expect(db.version).toBe(DB_VERSION);
  const store = new IndexedDbTrustStore(db);
  expect((await store.get('mcp:good')).toJSON()).toEqual(sampleEntity('mcp:good', true).toJSON());
  const page = await listEntities(db, { sort: 'trust-desc', offset: 0, limit: 10 });
  expect(page.items.map((i) => [i.entity_id, i.trust_level])).toEqual([['mcp:good', 'medium'], ['role:bad', 'medium']]);
  expect(page.items[0]!.t3_average).toBe(sampleEntity('mcp:good', true).t3Average);
  expect((await eventsOf(db, 'mcp:good', 5)).map((e) => e.kind)).toEqual(['outcome']);
  expect(await readSettings(db)).toEqual({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 });
  expect(await hasUnfinishedSweep(db)).toBe(false);
  expect([...db.objectStoreNames].sort()).toEqual(['entity-buckets', 'events', 'meta', 'summary-buckets']);
  const bucket = await db.get('entity-buckets', bucketOf('role:bad'));
  expect(JSON.parse(bucket!.entities['role:bad']!)).toEqual(sampleEntity('role:bad', false).toJSON());
  db.close();
});

it('refuses a database from a newer version with a clear error, leaving it alone', async () => {
  const newer = await openDB(DB_NAME, DB_VERSION + 1, { upgrade: (db) => void db.createObjectStore('future') });
  newer.close();
  await expect(openTrustDb()).rejects.toThrow(DatabaseVersionError);
  await expect(openTrustDb()).rejects.toThrow(/newer version of Web4 Trust/);
  const again = await openDB(DB_NAME);
  expect([...again.objectStoreNames]).toEqual(['future']);
  again.close();
});
