import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';
import { createLock, describeOwner, inspectLock, isStale, removeDeadOwner } from './lock-owner.js';

// Cross-process locks, one per entity file. Taking a lock creates `<name>.lock` exclusively
// (O_EXCL: atomic, and it fails if the name exists) with its owner's pid and host in it: a few
// microseconds, where mkdir-based locks such as proper-lockfile's cost ~20× more here. A lock is
// stale when its owner process is gone (seen at once) or when it is older than `staleMs` (for
// owners on other hosts, or reused pids). That matters for hooks: proper-lockfile only knows the
// age, with a 2 s minimum, which is a hook's whole time budget.

export interface LockOptions {
  /** How long `acquire` waits for a lock held by someone else. */
  timeoutMs: number;
  /** A lock older than this is taken over even if its owner still seems alive. */
  staleMs: number;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

/** Locks on names in one folder (`<store>/.locks`). */
export class FileLocks {
  readonly #dir: string;
  readonly #options: LockOptions;

  constructor(dir: string, options: LockOptions) {
    this.#dir = dir;
    this.#options = options;
  }

  /**
   * Takes the locks on `names`, in the order given (callers sort them, so that two processes never
   * wait on each other in a cycle), waiting up to the timeout. Returns the function that releases them.
   */
  async acquire(names: readonly string[]): Promise<() => void> {
    const held: string[] = [];
    const release = () => {
      for (const lockPath of held.splice(0)) removeIfPresent(lockPath);
    };
    const deadline = Date.now() + this.#options.timeoutMs;
    try {
      for (const name of names) {
        const lockPath = path.join(this.#dir, `${name}.lock`);
        let pause = 1;
        while (!this.#tryLock(lockPath)) {
          if (Date.now() >= deadline) {
            throw new LockTimeoutError(
              `timed out after ${this.#options.timeoutMs} ms waiting for the lock ${lockPath}${describeOwner(lockPath)}`,
            );
          }
          await sleep(1 + Math.random() * pause);
          pause = Math.min(pause * 2, 16);
        }
        held.push(lockPath);
      }
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  #tryLock(lockPath: string): boolean {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (createLock(lockPath)) return true;
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
        // No lock folder yet, or it was removed (e.g. by `doctor --fix`).
        fs.mkdirSync(this.#dir, { recursive: true });
        continue;
      }
      if (!this.#breakIfStale(lockPath)) return false;
    }
    return false;
  }

  /** Removes the lock at `lockPath` if it is stale; returns whether it is gone. */
  #breakIfStale(lockPath: string): boolean {
    const seen = inspectLock(lockPath);
    if (seen === undefined) return true;
    if (!isStale(seen, this.#options.staleMs)) return false;
    // Two processes that both saw the stale lock must not both remove it: the second would remove
    // the first one's fresh lock. So breaking a lock takes a lock of its own, and looks again.
    const breaker = `${lockPath}.break`;
    if (!createLock(breaker)) {
      const other = inspectLock(breaker);
      if (other && Date.now() - other.ctimeMs > this.#options.staleMs) removeIfPresent(breaker);
      return false;
    }
    try {
      const again = inspectLock(lockPath);
      if (again === undefined) return true;
      if (again.ino !== seen.ino || !isStale(again, this.#options.staleMs)) return false;
      removeIfPresent(lockPath);
      removeDeadOwner(again, this.#dir);
      return true;
    } finally {
      removeIfPresent(breaker);
    }
  }
}
