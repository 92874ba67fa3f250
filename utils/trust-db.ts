// The `web4-trust` IndexedDB database: schema, opening (with the upgrades of trust-db-upgrades.ts),
// and one shared connection.
// Uses only `idb`, so that extension pages can read it directly while the service worker sleeps.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DecayConfig } from '@/core/index.js';
import type { Settings, SweepResult, TrustEvent } from './api-types.js';
import type { EntityBucket, SummaryBucket } from './entity-buckets.js';
import { UPGRADES, type QuarantinedRecord } from './trust-db-upgrades.js';

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
  /** Records an upgrade step could not convert, kept as they were. */
  quarantine: QuarantinedRecord[];
}
export type MetaKey = keyof MetaValues;

export interface TrustDbSchema extends DBSchema {
  /** Entities by id (schemas 1 and 2); schema 3 moved them into the bucket stores and deleted this. */
  entities: {
    key: string;
    value: { entity_id: string; entity_type: string; entity: unknown; [field: string]: unknown };
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

export const DB_VERSION = UPGRADES.length;

export class DatabaseVersionError extends Error {
  override name = 'DatabaseVersionError';
}

/** An upgrade step failed: the version change was aborted, and the database is as it was. */
export class DatabaseUpgradeError extends Error {
  override name = 'DatabaseUpgradeError';
}

/**
 * Opens (creating or upgrading) the database. `version` is for tests that build an older schema.
 * The connection closes itself when a newer version of the extension needs to upgrade it.
 */
export async function openTrustDb(version: number = DB_VERSION): Promise<TrustDb> {
  let failed: { step: number; error: unknown } | undefined;
  try {
    const db = await openDB<TrustDbSchema>(DB_NAME, version, {
      // idb does not wait for a promise returned here: a step that fails after an await must abort
      // the version change itself, or the database would open at the new version, half upgraded.
      upgrade(database, oldVersion, newVersion, tx) {
        let step = oldVersion;
        const run = async () => {
          for (; step < (newVersion ?? version); step++) await UPGRADES[step]!(database, tx);
        };
        run().catch((error: unknown) => {
          failed = { step, error };
          tx.done.catch(() => {}); // the open request reports the abort
          tx.abort();
        });
      },
      blocking() {
        db.close();
      },
    });
    return db;
  } catch (error) {
    if (failed) {
      const reason = failed.error instanceof Error ? failed.error.message : String(failed.error);
      throw new DatabaseUpgradeError(
        `the ${DB_NAME} database could not be upgraded from schema ${failed.step} to ${failed.step + 1} (${reason}); ` +
        'it was left exactly as it was: export your data from an older version, or report this',
      );
    }
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
