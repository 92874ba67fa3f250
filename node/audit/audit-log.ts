import fs from 'node:fs';
import path from 'node:path';
import { MS_PER_DAY } from '../../core/index.js';
import { isErrno } from '../fs/errno.js';
import { removeOlderThan } from '../fs/old-files.js';
import { FileLocks } from '../store/file-locks.js';
import { checkChain, parseRecord, sealRecord, sha256, type AuditFields, type AuditRecord, type ChainCheck } from './audit-chain.js';

// `~/.web4/audit/<session_id>.jsonl`, the web4 plugin's layout: one hash chain per session. Hooks of
// one session run in parallel (Claude Code runs parallel tool calls at once), so each append takes
// the session's lock, reads the last record and appends the next in one write: records are in the
// order their PostToolUse hooks took the lock, which is the order the calls finished, and `seq`
// numbers it. A write cut short (a full disk, a killed process) leaves a partial last line; the
// next append, holding the lock, removes it before it writes, so the chain never forks.

/** How much of a trail's end an append reads to find its last record (records are under 2 KB). */
const TAIL_BYTES = 16_384;
/** Appends wait this long for a session's lock: well within Claude Code's hook timeout. */
const LOCK_TIMEOUT_MS = 5000;
const LOCK_STALE_MS = 10_000;
/** Session ids used as file names as they are; others (never seen from Claude Code) by their hash. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

export class AuditDamagedError extends Error {
  override readonly name = 'AuditDamagedError';
}

export class AuditLog {
  readonly dir: string;
  readonly #locks: FileLocks;

  constructor(dir: string) {
    this.dir = dir;
    this.#locks = new FileLocks(path.join(dir, '.locks'), { timeoutMs: LOCK_TIMEOUT_MS, staleMs: LOCK_STALE_MS });
  }

  /** The trail of `sessionId`. */
  fileOf(sessionId: string): string {
    const name = SAFE_NAME.test(sessionId) ? sessionId : `session-${sha256(sessionId).slice('sha256:'.length, 39)}`;
    return path.join(this.dir, `${name}.jsonl`);
  }

  /** Appends the record of one call to its session's trail; returns it as written. */
  async append(fields: AuditFields): Promise<AuditRecord> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.fileOf(fields.session_id);
    const release = await this.#locks.acquire([path.basename(file)]);
    try {
      const fd = fs.openSync(file, 'a+', 0o600);
      try {
        const record = sealRecord(fields, lastRecord(fd, file));
        fs.writeSync(fd, `${JSON.stringify(record)}\n`);
        return record;
      } finally {
        fs.closeSync(fd);
      }
    } finally {
      release();
    }
  }

  /** Reads and checks one trail. Throws when the file cannot be read (saying so for a missing one). */
  check(file: string): ChainCheck {
    return checkChain(fs.readFileSync(file, 'utf8'));
  }

  /** Every trail in the folder, oldest name first. */
  files(): string[] {
    try {
      return fs.readdirSync(this.dir).filter((name) => name.endsWith('.jsonl')).sort().map((name) => path.join(this.dir, name));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /** Removes trails last written more than `days` ago; returns how many. */
  prune(days: number, now = Date.now()): number {
    return removeOlderThan(this.dir, days * MS_PER_DAY, now, (name) => name.endsWith('.jsonl'));
  }
}

/**
 * The last whole record of the trail open at `fd` (undefined for an empty one). A partial last line
 * is a write that did not finish: it is cut off. A last line that is not a record at all (damage, or
 * an edit) gives the next record nothing to link to, so the append is refused. A record whose content
 * was changed is linked to as it is: `audit verify` names it either way.
 */
function lastRecord(fd: number, file: string): AuditRecord | undefined {
  const size = fs.fstatSync(fd).size;
  const length = Math.min(size, TAIL_BYTES);
  const tail = Buffer.alloc(length);
  fs.readSync(fd, tail, 0, length, size - length);
  let end = tail.length;
  if (end > 0 && tail[end - 1] !== 0x0a) {
    end = tail.lastIndexOf(0x0a) + 1;
    fs.ftruncateSync(fd, size - length + end);
  }
  if (end === 0) {
    if (size > length) throw new AuditDamagedError(`${file}: its last line is longer than any record; run \`web4-trust audit verify\``);
    return undefined;
  }
  const record = parseRecord(tail.subarray(tail.lastIndexOf(0x0a, end - 2) + 1, end - 1).toString('utf8'));
  if (typeof record === 'string') throw new AuditDamagedError(`${file}: its last record is damaged (${record}); run \`web4-trust audit verify\``);
  return record;
}
