import fs from 'node:fs';
import path from 'node:path';
import { TEMP_FILE_NAME } from './fs/atomic-write.js';
import { ENTITY_FILE_NAME, EntityFileError, parseEntityFile } from './store/entity-file.js';
import { describeErrno, isErrno } from './fs/errno.js';
import { LOCK_DIR_NAME } from './store/file-store.js';
import { isLeftoverLockFile } from './store/lock-owner.js';
import { PENDING_DIR_NAME, SET_ASIDE } from './store/pending-queue.js';
import { SWEEP_INDEX_NAME } from './store/sweep-index.js';

/** Where `doctor --fix` moves files that do not belong, inside the store folder. */
export const QUARANTINE_DIR_NAME = 'quarantine';

export type FindingKind = 'corrupt' | 'foreign' | 'temp' | 'stale-lock';

export interface Finding {
  kind: FindingKind;
  path: string;
  problem: string;
}

export interface Examination {
  entities: number;
  findings: Finding[];
}

/** Looks at every file in a store folder: entity files that cannot be read, and files that do not belong. */
export function examineStore(dir: string, staleLockMs = 10_000): Examination {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return { entities: 0, findings: [] };
    throw error;
  }
  const findings: Finding[] = [];
  let entities = 0;
  for (const name of names.sort()) {
    const filePath = path.join(dir, name);
    if (name === QUARANTINE_DIR_NAME || name === SWEEP_INDEX_NAME) continue;
    if (name === PENDING_DIR_NAME) {
      // Waiting work is applied by the next use of the store; only what could not be is a finding.
      for (const entry of fs.readdirSync(filePath).sort()) {
        if (SET_ASIDE.test(entry)) {
          findings.push({ kind: 'corrupt', path: path.join(filePath, entry), problem: 'pending work that could not be applied' });
        }
      }
      continue;
    }
    if (name === LOCK_DIR_NAME) {
      for (const lock of fs.readdirSync(filePath).sort()) {
        const lockPath = path.join(filePath, lock);
        if (isLeftoverLockFile(lockPath, staleLockMs)) {
          findings.push({ kind: 'stale-lock', path: lockPath, problem: 'left by a process that is gone' });
        }
      }
      continue;
    }
    if (ENTITY_FILE_NAME.test(name)) {
      try {
        parseEntityFile(fs.readFileSync(filePath, 'utf8'), filePath, name);
        entities++;
      } catch (error) {
        const problem = error instanceof EntityFileError ? error.problem : `cannot be read (${describeErrno(error)})`;
        findings.push({ kind: 'corrupt', path: filePath, problem });
      }
    } else if (TEMP_FILE_NAME.test(name)) {
      findings.push({ kind: 'temp', path: filePath, problem: 'temporary file of an interrupted write' });
    } else {
      findings.push({ kind: 'foreign', path: filePath, problem: 'not an entity file (<16 hex digits>.json)' });
    }
  }
  return { entities, findings };
}

/**
 * Moves corrupt, foreign and temporary files to `quarantine/` (nothing is deleted, except lock files
 * of processes that are gone). Returns where each file went.
 */
export function quarantine(dir: string, findings: readonly Finding[]): { finding: Finding; movedTo?: string }[] {
  const target = path.join(dir, QUARANTINE_DIR_NAME);
  return findings.map((finding) => {
    if (finding.kind === 'stale-lock') {
      fs.rmSync(finding.path, { force: true });
      return { finding };
    }
    fs.mkdirSync(target, { recursive: true });
    let movedTo = path.join(target, path.basename(finding.path));
    for (let n = 1; fs.existsSync(movedTo); n++) movedTo = path.join(target, `${path.basename(finding.path)}.${n}`);
    fs.renameSync(finding.path, movedTo);
    return { finding, movedTo };
  });
}
