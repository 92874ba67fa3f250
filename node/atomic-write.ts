import fs from 'node:fs';
import { isErrno } from './errno.js';

let written = 0;

/** Temp files that a write killed halfway leaves behind: `<name>.<pid>.<n>.tmp`. */
export const TEMP_FILE_NAME = /\.\d+\.\d+\.tmp$/;

/**
 * Replaces `filePath` with `text` so that readers, and a crash at any moment, see either the old
 * or the new content in full: write a temp file beside it, then rename it over the target.
 *
 * Hand-written rather than `write-file-atomic`: callers hold the file's lock, so that library's
 * queueing, realpath, stat and chown calls only cost time (about a quarter of an update here).
 * No fsync: like upstream, we protect against killed processes, not power loss.
 */
export function writeFileAtomicSync(filePath: string, text: string): void {
  const temp = `${filePath}.${process.pid}.${++written}.tmp`;
  const old = statIfExists(filePath);
  try {
    fs.writeFileSync(temp, text, { flag: 'wx', mode: old ? old.mode & 0o7777 : 0o666 });
    // The replacement keeps the file's permissions (600 stays 600, whatever the umask) and owner.
    if (old) {
      if ((old.mode & 0o7777) !== (fs.statSync(temp).mode & 0o7777)) fs.chmodSync(temp, old.mode & 0o7777);
      if (process.getuid?.() === 0 && (old.uid !== 0 || old.gid !== 0)) fs.chownSync(temp, old.uid, old.gid);
    }
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

function statIfExists(filePath: string): fs.Stats | undefined {
  try {
    return fs.statSync(filePath);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}
