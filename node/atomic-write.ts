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
  try {
    fs.writeFileSync(temp, text, { flag: 'wx' });
    fs.renameSync(temp, filePath);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
