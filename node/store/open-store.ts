import type { PostgresTrustStore, PostgresTrustStoreOptions } from '../postgres/postgres-store.js';
import { isPostgresUrl } from '../postgres/settings.js';
import { FileTrustStore } from './file-store.js';

/** Something whole-store reads skipped: a file, or a database row. */
export interface StoreProblem {
  path: string;
  problem: string;
}

/**
 * The machine's store as the CLI, the hooks and the bridge host use it: a folder, or a PostgreSQL
 * server (`kind` tells them apart). Both add to `TrustStore` a `location` for output, `scan` and
 * `scanEach` for large reads, `recordOrQueue` for hooks, and `close`.
 */
export type MachineStore = FileTrustStore | PostgresTrustStore;

export interface OpenOptions {
  /** Hooks wait briefly (Claude Code waits on them), then keep their work for later. */
  forHook?: boolean;
  onProblem?: (problem: StoreProblem) => void;
  sweep?: PostgresTrustStoreOptions['sweep'];
}

/** How long a hook waits for a lock before writing its operations down for later. */
export const HOOK_LOCK_TIMEOUT_MS = 500;
/** How long a hook on PostgreSQL waits for the server in all before it keeps its call in the outbox. */
export const HOOK_DEADLINE_MS = 3000;

/**
 * Opens a folder or a PostgreSQL store. The PostgreSQL client is loaded only for a URL, so that a
 * folder store (and every hook on one) never pays for it.
 */
export async function openStore(store: string, { forHook = false, onProblem, sweep }: OpenOptions = {}): Promise<MachineStore> {
  if (!isPostgresUrl(store)) {
    return new FileTrustStore(store, {
      sweep, ...(onProblem && { onProblem }), ...(forHook && { lockTimeoutMs: HOOK_LOCK_TIMEOUT_MS }),
    });
  }
  const { PostgresTrustStore } = await import('../postgres/postgres-store.js').catch((error: unknown) => {
    // The library's users install the client themselves (an optional peer); the executable carries its own.
    if (error instanceof Error && /Cannot find (package|module) 'postgres'/.test(error.message)) {
      throw new Error('a postgres:// store needs the `postgres` package: run `npm i postgres`');
    }
    throw error;
  });
  const opened = new PostgresTrustStore(store, {
    sweep, ...(onProblem && { onProblem }),
    // A hook gives an unreachable server 1 s, a busy row 500 ms and the whole call 3 s; then its
    // operations go to the outbox.
    ...(forHook && { connectTimeoutS: 1, lockTimeoutMs: HOOK_LOCK_TIMEOUT_MS, deadlineMs: HOOK_DEADLINE_MS, maxConnections: 1 }),
  });
  // Every hook uses the server: its session starts while the hook reads its input and writes its
  // audit record (both synchronous). postgres.js opens a connection from a timer, so one turn of
  // the timers lets it go first (~3 ms of a hook's ~45 ms on PostgreSQL, measured).
  if (forHook) {
    opened.connectNow();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return opened;
}
