import fs from 'node:fs';

// One buffer for every read: a scan reads 100,000 small files, and `readFileSync` allocates a
// buffer and asks the file's size for each (about a third slower here).
const buffer = Buffer.allocUnsafe(64 * 1024);

/** A UTF-8 file's text; a file larger than the buffer is read the ordinary way. */
export function readTextFile(filePath: string): string {
  const fd = fs.openSync(filePath, 'r');
  let length: number;
  try {
    length = fs.readSync(fd, buffer, 0, buffer.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  return length < buffer.length ? buffer.toString('utf8', 0, length) : fs.readFileSync(filePath, 'utf8');
}
