// The `web4-trust` IndexedDB database: schema, opening (with the upgrades of trust-db-upgrades.ts),
// and one shared connection.
// Uses only `idb`, so that extension pages can read it directly while the service worker sleeps.
import { openDB } from 'idb';
import type { TrustDb, TrustDbSchema } from './schema.js';
import { UPGRADES } from './upgrades.js';

export const DB_NAME = 'web4-trust';

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
