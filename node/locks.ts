import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isErrno } from './errno.js';

// Cross-process locks, one per entity file. Taking a lock hard-links this process's owner file to
// `<name>.lock`: link() is atomic and fails if the name exists, costs a few microseconds (mkdir-based
// locks such as proper-lockfile's cost ~20× more here), and the lock's content names its owner.
// A lock is stale when its owner process is gone (seen at once) or when it is older than `staleMs`
// (for owners on other hosts, or reused pids). That matters for hooks: proper-lockfile only knows
// the age, with a 2 s minimum, which is a hook's whole time budget.

export interface LockOptions {
  /** How long `acquire` waits for a lock held by someone else. */
  timeoutMs: number;
  /** A lock older than this is taken over even if its owner still seems alive. */
  staleMs: number;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}

interface Owner {
  pid: number;
  host: string;
  /** The owner file's name in the lock folder, removed with a dead owner's lock. */
  file: string;
}

interface HeldLock {
  ino: number;
  ctimeMs: number;
  owner: Owner | undefined;
}

const ownerFiles = new Set<string>();
let exitHookInstalled = false;

/** Locks on names in one folder (`<store>/.locks`). */
export class FileLocks {
  readonly #dir: string;
  readonly #options: LockOptions;
  #ownerFile: string | undefined;

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
        fs.linkSync(this.#owner(), lockPath);
        return true;
      } catch (error) {
        if (isErrno(error, 'ENOENT')) {
          // The lock folder or our owner file was removed (e.g. by `doctor --fix`): recreate them.
          this.#ownerFile = undefined;
          continue;
        }
        if (!isErrno(error, 'EEXIST')) throw error;
        if (!this.#breakIfStale(lockPath)) return false;
      }
    }
    return false;
  }

  /** Removes the lock at `lockPath` if it is stale; returns whether it is gone. */
  #breakIfStale(lockPath: string): boolean {
    const seen = inspectLock(lockPath);
    if (seen === undefined) return true;
    if (!this.#isStale(seen)) return false;
    // Two processes that both saw the stale lock must not both remove it: the second would remove
    // the first one's fresh lock. So breaking a lock takes a lock of its own, and looks again.
    const breaker = `${lockPath}.break`;
    try {
      fs.linkSync(this.#owner(), breaker);
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      const other = inspectLock(breaker);
      if (other && Date.now() - other.ctimeMs > this.#options.staleMs) removeIfPresent(breaker);
      return false;
    }
    try {
      const again = inspectLock(lockPath);
      if (again === undefined) return true;
      if (again.ino !== seen.ino || !this.#isStale(again)) return false;
      removeIfPresent(lockPath);
      if (again.owner && !isAlive(again.owner)) removeIfPresent(path.join(this.#dir, again.owner.file));
      return true;
    } finally {
      removeIfPresent(breaker);
    }
  }

  #isStale(lock: HeldLock): boolean {
    if (Date.now() - lock.ctimeMs > this.#options.staleMs) return true;
    return lock.owner !== undefined && !isAlive(lock.owner);
  }

  /** This process's owner file in the lock folder, created on first use and removed at exit. */
  #owner(): string {
    if (this.#ownerFile !== undefined) return this.#ownerFile;
    fs.mkdirSync(this.#dir, { recursive: true });
    const file = `owner-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const owner: Owner = { pid: process.pid, host: os.hostname(), file };
    const ownerPath = path.join(this.#dir, file);
    fs.writeFileSync(ownerPath, JSON.stringify(owner), { flag: 'wx' });
    ownerFiles.add(ownerPath);
    installExitHook();
    this.#ownerFile = ownerPath;
    removeLeftOwners(this.#dir);
    return ownerPath;
  }
}

const OWNER_FILE = /^owner-(\d+)-/;

/**
 * Removes owner files that processes killed before their exit hook left behind (each process
 * adds one, so they would pile up). Only those of processes on this host that are gone, and only
 * when no lock links to them any more: a held lock is broken as stale, which removes its owner.
 */
function removeLeftOwners(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const pid = OWNER_FILE.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || processExists(Number(pid))) continue;
    const file = path.join(dir, name);
    try {
      const owner = readOwner(file);
      if (owner?.host === os.hostname() && fs.statSync(file).nlink === 1) removeIfPresent(file);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }
}

function inspectLock(lockPath: string): HeldLock | undefined {
  try {
    const stat = fs.statSync(lockPath);
    return { ino: stat.ino, ctimeMs: stat.ctimeMs, owner: readOwner(lockPath) };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Owner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.file === 'string') {
      return { pid: value.pid, host: value.host, file: path.basename(value.file) };
    }
  } catch {
    // Unreadable or foreign content: only its age can make it stale.
  }
  return undefined;
}

/** Whether the owner may still hold its lock. Only a process on this host can be checked. */
function isAlive(owner: Owner): boolean {
  return owner.host !== os.hostname() || processExists(owner.pid);
}

/** Whether a process with this pid exists on this host. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

function describeOwner(lockPath: string): string {
  const owner = readOwner(lockPath);
  return owner ? ` (held by process ${owner.pid} on ${owner.host})` : '';
}

/** Whether a file in the lock folder is left over from a process that is gone. */
export function isLeftoverLockFile(filePath: string, staleMs: number): boolean {
  const lock = inspectLock(filePath);
  if (lock === undefined) return false;
  if (Date.now() - lock.ctimeMs > staleMs) return true;
  return lock.owner !== undefined && !isAlive(lock.owner);
}

/** Removes a file that may be gone already. unlink, not rmSync: rmSync loads Node's rimraf, ~4 ms of a hook. */
export function removeIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const file of ownerFiles) removeIfPresent(file);
  });
}
