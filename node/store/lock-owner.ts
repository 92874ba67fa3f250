// Who holds a lock: each process that takes locks in a folder has an owner file there (its pid and
// host), and a lock is a hard link to it, so a lock's content names its owner.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';

interface Owner {
  pid: number;
  host: string;
  /** The owner file's name in the lock folder, removed with a dead owner's lock. */
  file: string;
}

/** A lock as seen on disk: which file it is, since when, and whose. */
export interface HeldLock {
  ino: number;
  ctimeMs: number;
  owner: Owner | undefined;
}

const ownerFiles = new Set<string>();
let exitHookInstalled = false;

/** Creates this process's owner file in `dir` (removed at exit); returns its path. */
export function createOwnerFile(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = `owner-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  const owner: Owner = { pid: process.pid, host: os.hostname(), file };
  const ownerPath = path.join(dir, file);
  fs.writeFileSync(ownerPath, JSON.stringify(owner), { flag: 'wx' });
  ownerFiles.add(ownerPath);
  installExitHook();
  removeLeftOwners(dir);
  return ownerPath;
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

export function inspectLock(lockPath: string): HeldLock | undefined {
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

/** A lock is stale when its owner process is gone (seen at once) or when it is older than `staleMs`. */
export function isStale(lock: HeldLock, staleMs: number): boolean {
  if (Date.now() - lock.ctimeMs > staleMs) return true;
  return lock.owner !== undefined && !isAlive(lock.owner);
}

/** Removes the owner file of a stale lock's owner if that process is gone. */
export function removeDeadOwner(lock: HeldLock, dir: string): void {
  if (lock.owner && !isAlive(lock.owner)) removeIfPresent(path.join(dir, lock.owner.file));
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

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const file of ownerFiles) removeIfPresent(file);
  });
}
