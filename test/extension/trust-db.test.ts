import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, expect, it } from 'vitest';
import { EntityTrust, MS_PER_DAY } from '@/core/index.js';
import { hasUnfinishedSweep } from '@/utils/store/decay-sweep.js';
import { bucketOf } from '@/utils/db/entity-buckets.js';
import { countLowTrust, listEntities } from '@/utils/db/entity-queries.js';
import { rowOf, rowsOf } from '@/utils/db/summary-rows.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { eventsOf } from '@/utils/db/event-log.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import { DEFAULT_SETTINGS, readSettings } from '@/utils/db/settings.js';
import { DB_NAME, DB_VERSION, DatabaseUpgradeError, DatabaseVersionError, openTrustDb } from '@/utils/db/trust-db.js';
import { UPGRADES, type UpgradeStep } from '@/utils/db/upgrades.js';

beforeEach(() => {
  indexedDB = new IDBFactory();
});

const at = Date.UTC(2026, 3, 1);
function sampleEntity(id: string, success: boolean): EntityTrust {
  const entity = EntityTrust.create(id, at);
  entity.updateFromOutcome(success, 1, at);
  return entity;
}

/** How schema 2 stored an entity: the core's JSON as text plus the derived fields its indexes used (frozen). */
function v2Record(entity: EntityTrust) {
  const t3 = entity.t3Average;
  const lastActivity = entity.lastActivity;
  return {
    entity_id: entity.entityId, entity_type: entity.entityType, t3_average: t3, v3_average: entity.v3Average,
    trust_level: entity.trustLevel, last_activity: lastActivity, trust_key: -t3,
    recent_key: lastActivity === null ? Infinity : -lastActivity, entity: JSON.stringify(entity.toJSON()),
  };
}

/** Schema 3's bucket of an id (frozen): FNV-1a over its UTF-16 code units, modulo 1024. */
function v3Bucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 1024;
}

/** How schema 3 stored a list row: the averages and level as stored (frozen). */
function v3Row(entity: EntityTrust) {
  return {
    entity_id: entity.entityId, entity_type: entity.entityType, t3_average: entity.t3Average, v3_average: entity.v3Average,
    trust_level: entity.trustLevel, last_activity: entity.lastActivity,
  };
}

/** Writes schema 3's two bucket records for `entities` and `orphanRows` (rows without a text) into an empty store. */
function putV3(tx: IDBTransaction, entities: EntityTrust[], orphanRows: Record<string, unknown>[] = []): void {
  const texts = new Map<number, Record<string, string>>();
  const rows = new Map<number, { summaries: Record<string, unknown>[]; low_trust: string[] }>();
  const add = (id: string, text: string | undefined, row: Record<string, unknown>) => {
    const bucket = v3Bucket(id);
    if (text !== undefined) texts.set(bucket, { ...texts.get(bucket), [id]: text });
    const record = rows.get(bucket) ?? { summaries: [], low_trust: [] };
    record.summaries.push(row);
    if ((row.t3_average as number) < 0.4) record.low_trust.push(id);
    rows.set(bucket, record);
  };
  for (const entity of entities) add(entity.entityId, JSON.stringify(entity.toJSON()), v3Row(entity));
  for (const row of orphanRows) add(row.entity_id as string, undefined, row);
  for (const [bucket, entities] of texts) tx.objectStore('entity-buckets').put({ bucket, entities });
  for (const [bucket, record] of rows) tx.objectStore('summary-buckets').put({ bucket, ...record });
}

/** How schema 4 stored a list row: last activity and the six scores at it (frozen). */
function v4Row(entity: EntityTrust) {
  return { id: entity.entityId, type: entity.entityType, lastActivity: entity.lastActivity, scores: entity.scoresAtLastActivity };
}

/**
 * Writes schema 4's two bucket records for `entities` and `orphanRows` (rows without a text), column
 * by column, into an empty store; a row is flagged low trust below a T3 average of 0.4 (frozen).
 */
function putV4(tx: IDBTransaction, entities: EntityTrust[], orphanRows: ReturnType<typeof v4Row>[] = [], v5 = false): void {
  const texts = new Map<number, Record<string, string>>();
  const rows = new Map<number, { row: ReturnType<typeof v4Row>; low: boolean }[]>();
  const add = (row: ReturnType<typeof v4Row>, text: string | undefined, low: boolean) => {
    const bucket = v3Bucket(row.id);
    if (text !== undefined) texts.set(bucket, { ...texts.get(bucket), [row.id]: text });
    rows.set(bucket, [...(rows.get(bucket) ?? []), { row, low }]);
  };
  for (const entity of entities) add(v4Row(entity), JSON.stringify(entity.toJSON()), entity.t3Average < 0.4);
  for (const row of orphanRows) add(row, undefined, true);
  for (const [bucket, entities] of texts) tx.objectStore('entity-buckets').put({ bucket, entities });
  for (const [bucket, list] of rows) {
    const scores = new Float64Array(list.length * 6);
    list.forEach(({ row }, i) => scores.set(row.scores, i * 6));
    tx.objectStore('summary-buckets').put({
      bucket, ids: list.map(({ row }) => row.id), types: list.map(({ row }) => row.type),
      last_activity: Float64Array.from(list, ({ row }) => row.lastActivity ?? Number.NaN), scores,
      low_trust: list.filter(({ low }) => low).map(({ row }) => row.id),
      // Schema 5's call columns: the samples were never called.
      ...(v5 && { call_failures: new Float64Array(list.length), recent_failure_rate: new Float64Array(list.length).fill(Number.NaN) }),
    });
  }
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
      tx.objectStore('entities').put(v2Record(entity));
    }
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    // A sweep cut short under schema 2: its cursor is an entity id, which schema 3 cannot resume from.
    tx.objectStore('meta').put({ now: at, config: { ratePerDay: 0.05, graceDays: 2 }, started_at: at, after: 'mcp:good', scanned: 1, changed: 1, busy_ms: 1 }, 'sweep-cursor');
    await committed(tx);
  },
  3: async (raw) => {
    const tx = raw.transaction(['entity-buckets', 'summary-buckets', 'events', 'meta'], 'readwrite');
    // mcp:good as a sweep 30 days on left it: its text holds the scores at last activity beside the
    // decayed scores, and its row the decayed averages. Schema 4 makes the row again from the text.
    const swept = sampleEntity('mcp:good', true);
    swept.decayTo(at + 30 * MS_PER_DAY, { ratePerDay: 0.05, graceDays: 2 });
    // A row whose entity text is gone: schema 4 keeps no row without a text.
    const ghost = { entity_id: 'mcp:ghost', entity_type: 'mcp', t3_average: 0.1, v3_average: 0.5, trust_level: 'minimal', last_activity: at };
    putV3(tx, [swept, sampleEntity('role:bad', false)], [ghost]);
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    await committed(tx);
  },
  4: async (raw) => {
    const tx = raw.transaction(['entity-buckets', 'summary-buckets', 'events', 'meta'], 'readwrite');
    // A row whose entity text is gone (schema 4 kept none, but nothing forbade it): schema 5 drops it.
    const ghost = { id: 'mcp:ghost', type: 'mcp', lastActivity: at, scores: [0.1, 0.1, 0.1, 0.5, 0.5, 0.5] };
    putV4(tx, [sampleEntity('mcp:good', true), sampleEntity('role:bad', false)], [ghost]);
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    await committed(tx);
  },
  5: async (raw) => {
    const tx = raw.transaction(['entity-buckets', 'summary-buckets', 'events', 'meta'], 'readwrite');
    putV4(tx, [sampleEntity('mcp:good', true), sampleEntity('role:bad', false)], [], true);
    tx.objectStore('events').add({ at, kind: 'outcome', entity_ids: ['mcp:good'], details: { success: true, magnitude: 1 } });
    tx.objectStore('meta').put({ decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100 }, 'settings');
    await committed(tx);
  },
};

/** Schema versions whose next step converts no record (it only adds a store): nothing to quarantine. */
const ADDS_ONLY = [5];

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
  // Read when the sample was written, so that reads show it as stored rather than decayed since.
  const store = new IndexedDbTrustStore(db, { clock: { now: () => at } });
  expect((await store.get('mcp:good')).toJSON()).toEqual(sampleEntity('mcp:good', true).toJSON());
  const page = await listEntities(db, { sort: 'trust-desc', offset: 0, limit: 10 }, at);
  expect(page.items.map((i) => [i.entity_id, i.trust_level])).toEqual([['mcp:good', 'medium'], ['role:bad', 'medium']]);
  expect(page.total).toBe(2);
  // Neither is at low trust; a dropped row leaves no low-trust flag behind.
  expect(await countLowTrust(db)).toBe(0);
  expect(page.items[0]!.t3_average).toBe(sampleEntity('mcp:good', true).t3Average);
  // The rows are schema 4's, made from the entities, so that lists show them as they stand when read.
  for (const id of ['mcp:good', 'role:bad']) {
    const rows = rowsOf((await db.get('summary-buckets', bucketOf(id)))!);
    expect(rows.find((row) => row.entity_id === id)).toEqual(rowOf(sampleEntity(id, id === 'mcp:good')));
  }
  const later = at + 200 * MS_PER_DAY;
  const [good] = (await listEntities(db, { sort: 'trust-desc', offset: 0, limit: 1 }, later)).items;
  expect(good!.t3_average).toBe(sampleEntity('mcp:good', true).stateAt(later, { ratePerDay: 0.05, graceDays: 2 }).t3Average);
  expect((await eventsOf(db, 'mcp:good', 5)).map((e) => e.kind)).toEqual(['outcome']);
  // The settings added since are their defaults.
  expect(await readSettings(db)).toEqual({
    decayRatePerDay: 0.05, graceDays: 2, sweepPeriodMinutes: 15, eventLogCap: 100, sweepMinChange: 0.001, sessionRetentionDays: 90,
  });
  expect(await hasUnfinishedSweep(db)).toBe(false);
  expect([...db.objectStoreNames].sort()).toEqual(['entity-buckets', 'events', 'meta', 'outbox', 'summary-buckets']);
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

interface Corrupt {
  store: string;
  key: string;
  record: unknown;
  reason: string;
  /** Adds the record to data written by its version. */
  add(old: TrustDb): Promise<void>;
}

const inEntities = (record: unknown) => async (old: TrustDb) => void (await old.put('entities', record as never));
const brokenText = '{"entity_id": "mcp:bro';

/** A record each earlier version could hold that the next step cannot convert. */
const CORRUPT: Record<number, Corrupt> = {
  1: {
    store: 'entities', key: 'mcp:broken', reason: 'talent is not a number in [0,1]',
    record: { entity_id: 'mcp:broken', entity_type: 'mcp', entity: { entity_id: 'mcp:broken', talent: 'high' } },
    add: (old) => inEntities(CORRUPT[1]!.record)(old),
  },
  2: {
    store: 'entities', key: 'mcp:broken', reason: 'the entity text is not JSON',
    record: { entity_id: 'mcp:broken', entity_type: 'mcp', t3_average: 0.5, v3_average: 0.5, entity: brokenText },
    add: (old) => inEntities(CORRUPT[2]!.record)(old),
  },
  3: {
    store: 'entity-buckets', key: 'mcp:broken', reason: 'the entity text is not JSON', record: brokenText,
    async add(old) {
      const tx = old.transaction(['entity-buckets', 'summary-buckets'], 'readwrite');
      const bucket = v3Bucket('mcp:broken');
      const texts = (await tx.objectStore('entity-buckets').get(bucket)) ?? { bucket, entities: {} };
      const rows = ((await tx.objectStore('summary-buckets').get(bucket)) ?? { bucket, summaries: [], low_trust: [] }) as unknown as { summaries: unknown[] };
      const row = { entity_id: 'mcp:broken', entity_type: 'mcp', t3_average: 0.5, v3_average: 0.5, trust_level: 'medium', last_activity: at };
      await tx.objectStore('entity-buckets').put({ ...texts, entities: { ...texts.entities, 'mcp:broken': brokenText } });
      await tx.objectStore('summary-buckets').put({ ...rows, summaries: [...rows.summaries, row] } as never);
      await tx.done;
    },
  },
  4: {
    store: 'entity-buckets', key: 'mcp:broken', reason: 'the entity text is not JSON', record: brokenText,
    async add(old) {
      const tx = old.transaction(['entity-buckets', 'summary-buckets'], 'readwrite');
      const bucket = v3Bucket('mcp:broken');
      const texts = (await tx.objectStore('entity-buckets').get(bucket)) ?? { bucket, entities: {} };
      const empty = { bucket, ids: [], types: [], last_activity: new Float64Array(0), scores: new Float64Array(0), low_trust: [] };
      const rows = ((await tx.objectStore('summary-buckets').get(bucket)) ?? empty) as unknown as typeof empty;
      await tx.objectStore('entity-buckets').put({ ...texts, entities: { ...texts.entities, 'mcp:broken': brokenText } });
      await tx.objectStore('summary-buckets').put({
        bucket, ids: [...rows.ids, 'mcp:broken'], types: [...rows.types, 'mcp'],
        last_activity: Float64Array.from([...rows.last_activity, at]), scores: Float64Array.from([...rows.scores, 0.1, 0.1, 0.1, 0.5, 0.5, 0.5]),
        low_trust: [...rows.low_trust, 'mcp:broken'],
      } as never);
      await tx.done;
    },
  },
};

it('has a corrupt record for every earlier schema version whose upgrade converts records', () => {
  expect(Object.keys(CORRUPT).map(Number)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1).filter((v) => !ADDS_ONLY.includes(v)));
});

it.each(Object.keys(CORRUPT).map(Number))('upgrading from schema %i quarantines a record it cannot convert, and upgrades the rest', async (version) => {
  const old = await openTrustDb(version);
  await WRITE_VERSION[version]!(old as unknown as IDBDatabase);
  const { store: storeName, key, record, reason, add } = CORRUPT[version]!;
  await add(old);
  old.close();

  const db = await openTrustDb();
  expect(db.version).toBe(DB_VERSION);
  const store = new IndexedDbTrustStore(db);
  expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:good', 'role:bad']);
  expect((await listEntities(db, { sort: 'name', offset: 0, limit: 10 })).items.map((i) => i.entity_id)).toEqual(['mcp:good', 'role:bad']);
  expect(await db.get('meta', 'quarantine')).toEqual([{ from_version: version, store: storeName, key, record, reason }]);
  db.close();
});

it('upgrading from schema 4 gives every row the failed calls and recent failure rate of its entity\'s call evidence', async () => {
  const flaky = sampleEntity('mcp:flaky', true);
  for (const [i, success] of [true, false, false, true].entries()) {
    flaky.recordCall({ tool: 'fetch', success, ...(success ? {} : { failureKind: 'timeout' as const }), durationMs: 100 * i }, at + i);
  }
  const calm = sampleEntity('mcp:calm', true);
  calm.recordCall({ tool: 'fetch', success: true }, at);
  // The other ids of their buckets (`__proto__` read as an own property): rows without calls.
  const others = ['mcp:good', '__proto__'].map((id) => sampleEntity(id, true));
  // A row without a text in mcp:flaky's bucket, flagged low trust: dropped with its flag.
  const ghostId = Array.from({ length: 100_000 }, (_, i) => `mcp:ghost-${i}`).find((id) => v3Bucket(id) === v3Bucket('mcp:flaky'))!;
  const ghost = { id: ghostId, type: 'mcp', lastActivity: at, scores: [0.1, 0.1, 0.1, 0.5, 0.5, 0.5] };
  const old = await openTrustDb(4);
  const tx = (old as unknown as IDBDatabase).transaction(['entity-buckets', 'summary-buckets'], 'readwrite');
  putV4(tx, [flaky, calm, ...others], [ghost]);
  await committed(tx);
  old.close();

  const db = await openTrustDb();
  for (const entity of [flaky, calm, ...others]) {
    const rows = rowsOf((await db.get('summary-buckets', bucketOf(entity.entityId)))!);
    expect(rows.find((row) => row.entity_id === entity.entityId)).toEqual(rowOf(entity));
  }
  expect(rowOf(flaky)).toMatchObject({ call_failures: 2, recent_failure_rate: 0.5 });
  expect(rowOf(calm)).toMatchObject({ call_failures: 0, recent_failure_rate: 0 });
  const page = await listEntities(db, { sort: 'failures', offset: 0, limit: 10 }, at);
  expect(page.items.map((i) => i.entity_id)).toEqual(['mcp:flaky', 'mcp:calm', '__proto__', 'mcp:good']);
  expect(await countLowTrust(db)).toBe(0);
  // The evidence itself is untouched: what export writes.
  expect((await new IndexedDbTrustStore(db, { clock: { now: () => at } }).get('mcp:flaky')).toJSON()).toEqual(flaky.toJSON());
  db.close();
});

it('a step that fails aborts the version change: open fails, saying so, and the old data is intact', async () => {
  const old = await openTrustDb(2);
  await WRITE_VERSION[2]!(old as unknown as IDBDatabase);
  old.close();
  const steps = UPGRADES as UpgradeStep[];
  const released = steps[2]!;
  steps[2] = async (db, tx) => {
    await released(db, tx);
    await tx.objectStore('meta').get('settings');
    throw new Error('disk on fire');
  };
  try {
    await expect(openTrustDb()).rejects.toThrow(DatabaseUpgradeError);
    await expect(openTrustDb()).rejects.toThrow('could not be upgraded from schema 2 to 3 (disk on fire); it was left exactly as it was');
  } finally {
    steps[2] = released;
  }
  const raw = await openDB(DB_NAME);
  expect(raw.version).toBe(2);
  expect([...raw.objectStoreNames].sort()).toEqual(['entities', 'events', 'meta']);
  expect((await raw.getAll('entities')).map((r: { entity_id: string }) => r.entity_id)).toEqual(['mcp:good', 'role:bad']);
  raw.close();
  // Fixed, it upgrades.
  const db = await openTrustDb();
  expect((await new IndexedDbTrustStore(db).list()).map((e) => e.entityId)).toEqual(['mcp:good', 'role:bad']);
  db.close();
});

it('a damaged stored setting or sweep cursor falls back to its default instead of failing every call', async () => {
  const db = await openTrustDb();
  await db.put('meta', { decayRatePerDay: 'fast', graceDays: -3, sweepPeriodMinutes: 15, eventLogCap: 2.5 } as never, 'settings');
  await db.put('meta', { now: 'yesterday', next_bucket: 99_999 } as never, 'sweep-cursor');
  expect(await readSettings(db)).toEqual({ ...DEFAULT_SETTINGS, sweepPeriodMinutes: 15 });
  expect(await hasUnfinishedSweep(db)).toBe(false);
  // A sweep starts over rather than resuming from nonsense.
  const store = new IndexedDbTrustStore(db);
  await store.update('mcp:a', true, 0.1);
  expect(await store.sweepDecay()).toMatchObject({ scanned: 1 });
  db.close();
});
