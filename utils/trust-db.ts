// The `web4-trust` IndexedDB database: schema, versioned upgrades, and one shared connection.
// Uses only `idb`, so that extension pages can read it directly while the service worker sleeps.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { EntityTrust, type DecayConfig } from '@/core/index.js';
import type { Settings, SweepResult, TrustEvent } from './api-types.js';
import { BUCKET_COUNT, bucketOf, summaryBucket, type EntityBucket, type SummaryBucket } from './entity-buckets.js';
import { toRecord, type EntityRecord } from './entity-record.js';
import type { EntitySummary } from './api-types.js';

export const DB_NAME = 'web4-trust';

/** A sweep in progress, persisted after every batch so that a stopped worker resumes it. */
export interface SweepCursor {
  /** The time the sweep decays to, and how. */
  now: number;
  config: DecayConfig;
  started_at: number;
  /** The next bucket to sweep. */
  next_bucket: number;
  scanned: number;
  changed: number;
  /** Time spent in batches so far (a stopped worker's idle time is not counted). */
  busy_ms: number;
}

export interface MetaValues {
  settings: Settings;
  'sweep-cursor': SweepCursor;
  'last-sweep': SweepResult;
}
export type MetaKey = keyof MetaValues;

export interface TrustDbSchema extends DBSchema {
  /** Entities by id; schema 3 moved them into the bucket stores and deleted this (upgrade steps only). */
  entities: {
    key: string;
    value: EntityRecord;
    indexes: { type: string; trust: number; recent: number };
  };
  'entity-buckets': {
    key: number;
    value: EntityBucket;
  };
  'summary-buckets': {
    key: number;
    value: SummaryBucket;
    indexes: { 'low-trust': string };
  };
  events: {
    key: number;
    value: TrustEvent;
    indexes: { entity: string };
  };
  meta: {
    key: MetaKey;
    value: MetaValues[MetaKey];
  };
}

export type TrustDb = IDBPDatabase<TrustDbSchema>;
type UpgradeTransaction = IDBPTransaction<TrustDbSchema, StoreNames<TrustDbSchema>[], 'versionchange'>;

/**
 * One step per schema version; step i upgrades a database from version i to i + 1. Never edit a
 * released step: add a new one (and a test that upgrades data written by every earlier version).
 */
export const UPGRADES: readonly ((db: TrustDb, tx: UpgradeTransaction) => Promise<void> | void)[] = [
  // 1: entities keyed by id with a type index ({ entity_id, entity_type, entity: EntityJson object });
  //    the event log; meta.
  (db) => {
    const entities = db.createObjectStore('entities', { keyPath: 'entity_id' });
    entities.createIndex('type', 'entity_type');
    const events = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
    events.createIndex('entity', 'entity_ids', { multiEntry: true });
    db.createObjectStore('meta');
  },
  // 2: the popup's sorts: derived summary fields on every record, with `trust` and `recent` indexes;
  //    the entity as JSON text.
  async (_db, tx) => {
    const entities = tx.objectStore('entities');
    entities.createIndex('trust', 'trust_key');
    entities.createIndex('recent', 'recent_key');
    for (let cursor = await entities.openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update(toRecord(EntityTrust.fromJSON(cursor.value.entity as unknown)));
    }
  },
  // 3: entities grouped into buckets by a hash of their id (see entity-buckets.ts): each bucket's
  //    entity texts in `entity-buckets`, its list rows in `summary-buckets` (with a multi-entry
  //    index of the low-trust ids, for the badge). A saved sweep cursor
  //    counted entity ids, so it is dropped (the next sweep starts over).
  async (db, tx) => {
    db.createObjectStore('entity-buckets', { keyPath: 'bucket' });
    const summaries = db.createObjectStore('summary-buckets', { keyPath: 'bucket' });
    summaries.createIndex('low-trust', 'low_trust', { multiEntry: true });
    const texts = Array.from({ length: BUCKET_COUNT }, () => new Map<string, string>());
    const rows = Array.from({ length: BUCKET_COUNT }, (): EntitySummary[] => []);
    for (const record of await tx.objectStore('entities').getAll()) {
      const bucket = bucketOf(record.entity_id);
      texts[bucket]!.set(record.entity_id, record.entity);
      rows[bucket]!.push({
        entity_id: record.entity_id, entity_type: record.entity_type, t3_average: record.t3_average,
        v3_average: record.v3_average, trust_level: record.trust_level, last_activity: record.last_activity,
      });
    }
    const writes: Promise<unknown>[] = [];
    for (let bucket = 0; bucket < BUCKET_COUNT; bucket++) {
      if (rows[bucket]!.length === 0) continue;
      writes.push(tx.objectStore('entity-buckets').put({ bucket, entities: Object.fromEntries(texts[bucket]!) }));
      writes.push(tx.objectStore('summary-buckets').put(summaryBucket(bucket, rows[bucket]!)));
    }
    writes.push(tx.objectStore('meta').delete('sweep-cursor'));
    await Promise.all(writes);
    db.deleteObjectStore('entities');
  },
];

export const DB_VERSION = UPGRADES.length;

export class DatabaseVersionError extends Error {
  override name = 'DatabaseVersionError';
}

/**
 * Opens (creating or upgrading) the database. `version` is for tests that build an older schema.
 * The connection closes itself when a newer version of the extension needs to upgrade it.
 */
export async function openTrustDb(version: number = DB_VERSION): Promise<TrustDb> {
  try {
    const db = await openDB<TrustDbSchema>(DB_NAME, version, {
      async upgrade(database, oldVersion, newVersion, tx) {
        for (let step = oldVersion; step < (newVersion ?? version); step++) await UPGRADES[step]!(database, tx);
      },
      blocking() {
        db.close();
      },
    });
    return db;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new DatabaseVersionError(
        `the ${DB_NAME} database was written by a newer version of Web4 Trust than this one (schema ${version}); update the extension`,
      );
    }
    throw error;
  }
}

let shared: Promise<TrustDb> | undefined;

/** The connection this context shares; reopened if the browser or an upgrade closed it. */
export function getTrustDb(): Promise<TrustDb> {
  if (!shared) {
    const opening = openTrustDb().then((db) => {
      const forget = () => {
        if (shared === opening) shared = undefined;
      };
      db.addEventListener('close', forget);
      db.addEventListener('versionchange', forget);
      return db;
    });
    opening.catch(() => {
      if (shared === opening) shared = undefined;
    });
    shared = opening;
  }
  return shared;
}

/** Forgets the shared connection (tests that replace `indexedDB` between cases). */
export function closeSharedTrustDb(): void {
  void shared?.then((db) => db.close()).catch(() => {});
  shared = undefined;
}
