import fs from 'node:fs';
import path from 'node:path';
import { isErrno } from './errno.js';

/** Removes the files in `dir` (of those `only` picks) last modified more than `maxAgeMs` before `now`; returns how many. */
export function removeOlderThan(dir: string, maxAgeMs: number, now = Date.now(), only: (name: string) => boolean = () => true): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names.filter(only)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile() && now - stat.mtimeMs > maxAgeMs) {
      fs.rmSync(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Writes `text` to `file`, making its folder (private to this user) the first time. */
export function writeFileMakingDir(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, text);
  }
}
