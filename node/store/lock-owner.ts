// Who holds a lock: a lock is a file created exclusively (O_EXCL) that holds its owner, the pid and
// host of the process that took it. Version 0.2 made a lock a hard link to an owner file that the
// process kept in the lock folder; its content, which also names that file, reads the same way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';

interface Owner {
  pid: number;
  host: string;
  /** A 0.2 lock's owner file in the lock folder, removed with a dead owner's lock. */
  file?: string;
}

/** A lock as seen on disk: which file it is, since when, and whose (undefined: not written yet, or foreign). */
export interface HeldLock {
  ino: number;
  ctimeMs: number;
  owner: Owner | undefined;
  /** Nothing written in it: its owner died between creating and writing it, or is doing so right now. */
  empty: boolean;
}

/**
 * How long an empty lock may stay empty: its owner writes itself in right after creating it, so an
 * older empty lock was left by a process killed in between.
 */
const EMPTY_LOCK_GRACE_MS = 1000;

let ownerText: string | undefined;

/**
 * Creates the lock `lockPath` holding this process as its owner; false when someone holds it. A
 * lock that cannot be written in full is removed before the error is thrown. (One file per lock:
 * 0.2's owner files cost every hook four more directory operations: ~0.5 ms of a post hook.)
 */
export function createLock(lockPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    fs.writeSync(fd, (ownerText ??= JSON.stringify({ pid: process.pid, host: os.hostname() })));
  } catch (error) {
    removeIfPresent(lockPath);
    throw error;
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

export function inspectLock(lockPath: string): HeldLock | undefined {
  try {
    const stat = fs.statSync(lockPath);
    return { ino: stat.ino, ctimeMs: stat.ctimeMs, owner: readOwner(lockPath), empty: stat.size === 0 };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function readOwner(lockPath: string): Owner | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<Owner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, ...(typeof value.file === 'string' && { file: path.basename(value.file) }) };
    }
  } catch {
    // Unreadable or foreign content: only its age can make it stale.
  }
  return undefined;
}

/**
 * A lock is stale when its owner process is gone (seen at once), when it is still empty a second
 * after it was made, or when it is older than `staleMs`.
 */
export function isStale(lock: HeldLock, staleMs: number): boolean {
  const age = Date.now() - lock.ctimeMs;
  if (age > staleMs || (lock.empty && age > EMPTY_LOCK_GRACE_MS)) return true;
  return lock.owner !== undefined && !isAlive(lock.owner);
}

/** Removes the owner file of a stale 0.2 lock if its process is gone. */
export function removeDeadOwner(lock: HeldLock, dir: string): void {
  if (lock.owner?.file?.startsWith('owner-') && !isAlive(lock.owner)) removeIfPresent(path.join(dir, lock.owner.file));
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

/** ` (held by process … on …)`, or nothing when the lock does not name its owner. */
export function describeOwner(lockPath: string): string {
  const owner = readOwner(lockPath);
  return owner ? ` (held by process ${owner.pid} on ${owner.host})` : '';
}

/** Whether a file in the lock folder is left over from a process that is gone. */
export function isLeftoverLockFile(filePath: string, staleMs: number): boolean {
  const lock = inspectLock(filePath);
  return lock !== undefined && isStale(lock, staleMs);
}
