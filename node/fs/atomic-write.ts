import fs from 'node:fs';

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
  const old = fs.statSync(filePath, { throwIfNoEntry: false });
  try {
    const mode = old ? old.mode & 0o7777 : 0o666;
    fs.writeFileSync(temp, text, { flag: 'wx', mode });
    // The replacement keeps the file's permissions (600 stays 600, 664 stays 664 whatever the
    // umask) and, when root rewrites a user's file, its owner.
    if (old) {
      if ((mode & ~umask()) !== mode) fs.chmodSync(temp, mode);
      if (process.getuid?.() === 0 && (old.uid !== 0 || old.gid !== 0)) fs.chownSync(temp, old.uid, old.gid);
    }
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

let processUmask: number | undefined;

/**
 * This process's umask, read once (reading it sets it, so it is set back at once). Worker threads
 * cannot set it: there it counts as removing every bit, so the mode is always set explicitly.
 */
function umask(): number {
  if (processUmask === undefined) {
    try {
      processUmask = process.umask(0o022);
      process.umask(processUmask);
    } catch {
      processUmask = 0o7777;
    }
  }
  return processUmask;
}
