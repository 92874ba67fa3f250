import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AlreadyAppliedError, assertOperations } from './core-for-postgres.js';
import { FileLocks, LockTimeoutError } from '../store/file-locks.js';
import { PendingQueue, SET_ASIDE, type OperationsEntry } from '../store/pending-queue.js';

/** `~/.web4/outbox/`: one folder per server and schema, so that switching stores never mixes them. */
export function outboxDirFor(web4Home: string, redactedUrl: string, schema: string): string {
  const key = createHash('sha256').update(`${redactedUrl}\n${schema}`).digest('hex').slice(0, 16);
  return path.join(web4Home, 'outbox', key);
}

export interface ReplayResult {
  /** Entries applied now. */
  applied: number;
  /** Entries the server already had (applied before a crash left their file behind). */
  duplicates: number;
}

/**
 * Operations a hook could not deliver to the server, kept on this machine until one can: each one
 * file, written atomically, with an operation id. Replays take a lock, so that one process at a
 * time applies them, oldest first; the server remembers applied ids, so an entry whose file
 * outlived its commit (a crash between the two) is not applied twice.
 */
export class Outbox {
  readonly dir: string;
  readonly #queue: PendingQueue;
  readonly #locks: FileLocks;

  constructor(dir: string, { lockTimeoutMs = 10_000 }: { lockTimeoutMs?: number | undefined } = {}) {
    this.dir = dir;
    this.#queue = new PendingQueue(path.join(dir, 'entries'));
    this.#locks = new FileLocks(path.join(dir, '.locks'), { timeoutMs: lockTimeoutMs, staleMs: 60_000 });
  }

  append(entry: Required<OperationsEntry>): void {
    this.#queue.append(entry);
  }

  /** Whether anything may be waiting: one stat, what every call pays when nothing is. */
  mayHaveEntries(): boolean {
    return this.#queue.mayHaveEntries();
  }

  /** Entries waiting, and entries set aside because they could not be applied. */
  count(): { pending: number; setAside: number } {
    let names: string[];
    try {
      names = fs.readdirSync(this.#queue.dir);
    } catch {
      return { pending: 0, setAside: 0 };
    }
    const setAside = names.filter((name) => SET_ASIDE.test(name)).length;
    return { pending: names.filter((name) => name.endsWith('.json')).length, setAside };
  }

  /**
   * Applies the waiting entries in order with `apply`. An entry that is not a well-formed list of
   * operations is set aside and reported; any other failure (the server went away, a lock timed
   * out) leaves that entry and the rest in place, in order, and is thrown.
   */
  async replay(
    apply: (entry: Required<OperationsEntry>) => Promise<void>,
    onProblem: (file: string, problem: string) => void,
  ): Promise<ReplayResult> {
    const result: ReplayResult = { applied: 0, duplicates: 0 };
    let release: () => void;
    try {
      release = await this.#locks.acquire(['replay']);
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      // Another process is replaying; what it has not done yet is still waiting.
      return result;
    }
    try {
      for (const claimed of this.#queue.claim(onProblem)) {
        const { entry } = claimed;
        try {
          if (entry.kind !== 'operations' || typeof entry.id !== 'string') throw new TypeError('not an outbox entry');
          assertOperations(entry.operations);
        } catch (error) {
          onProblem(claimed.setAside(), `kept aside, not a list of operations (${(error as Error).message})`);
          continue;
        }
        try {
          await apply(entry as Required<OperationsEntry>);
          result.applied++;
        } catch (error) {
          if (!(error instanceof AlreadyAppliedError)) {
            claimed.release();
            throw error;
          }
          result.duplicates++;
        }
        claimed.done();
      }
      this.#queue.removeIfEmpty();
    } finally {
      release();
    }
    return result;
  }
}
