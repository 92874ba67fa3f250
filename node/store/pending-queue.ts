import fs from 'node:fs';
import path from 'node:path';
import type { EntityJson, EpochMs, ImportMode, TrustOperation } from '../../core/index.js';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { describeJsonError, isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';
import { processExists } from './lock-owner.js';

// Work written down before it is done, so that none of it is lost:
// - a hook's operations when an entity's lock stayed busy too long (Claude Code must not wait);
// - an import, written whole before its first entity file, so that a crash part-way is rolled
//   forward by the next process instead of leaving the store half old, half new;
// - a hook's operations when the PostgreSQL server cannot be reached (the outbox).
// Each entry is one file in the queue's folder (`<store>/.pending/` for a store folder), written
// atomically. The next process that uses the store claims entries by renaming them, applies them,
// then deletes them.

export const PENDING_DIR_NAME = '.pending';

export type ImportEntry = { kind: 'import'; mode: ImportMode; entities: EntityJson[]; removed: string[] };
/** Operations recorded at `at`; an `id` makes a store that remembers ids apply them once. */
export type OperationsEntry = { kind: 'operations'; at: EpochMs; operations: TrustOperation[]; id?: string };
export type PendingEntry = OperationsEntry | ImportEntry;

/** Entries kept aside for a person to look at: unreadable, or not applicable. */
export const SET_ASIDE = /\.(failed|unreadable)$/;

/**
 * An entry this process holds: `done` when applied, `release` to leave it for later, `setAside`
 * when it cannot be applied (it stays in the folder as `<name>.failed`, for a person to look at).
 */
export interface ClaimedEntry {
  entry: PendingEntry;
  done(): void;
  release(): void;
  setAside(): string;
}

const ENTRY_NAME = /^\d{15}-\d+-\d+\.json$/;
const CLAIMED = /^(\d{15}-\d+-\d+\.json)\.claimed-(\d+)$/;
// writeFileAtomicSync's temp files: `<name>.<pid>.<n>.tmp`.
const TEMP_OF = /\.(\d+)\.\d+\.tmp$/;
let sequence = 0;

export class PendingQueue {
  readonly dir: string;

  /** A queue of entries in `dir` (made when the first entry is written). */
  constructor(dir: string) {
    this.dir = dir;
  }

  /** Whether anything may be waiting: one stat, the cost every store operation pays. */
  mayHaveEntries(): boolean {
    return fs.existsSync(this.dir);
  }

  /** Writes `entry` down; it is applied by whichever process next uses the store. */
  append(entry: PendingEntry): void {
    this.#write(this.#newName(), entry);
  }

  /** Writes `entry` down already claimed by this process, which applies it at once. */
  appendClaimed(entry: PendingEntry): ClaimedEntry {
    const name = this.#newName();
    const claimed = `${name}.claimed-${process.pid}`;
    this.#write(claimed, entry);
    return this.#held(name, claimed, entry);
  }

  /**
   * Claims the waiting entries in the order they were written, and those left claimed by processes
   * that are gone. An entry that cannot be read is moved aside (`<name>.unreadable`) and reported.
   */
  *claim(onUnreadable: (file: string, problem: string) => void): Generator<ClaimedEntry> {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir).sort();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return;
      throw error;
    }
    for (const found of names) {
      // A temp file of a writer that died before its rename: the entry never existed.
      const temp = TEMP_OF.exec(found);
      if (temp && !processExists(Number(temp[1]))) removeIfPresent(path.join(this.dir, found));
      const orphan = CLAIMED.exec(found);
      if (!ENTRY_NAME.test(found) && !(orphan && !processExists(Number(orphan[2])))) continue;
      const name = orphan ? orphan[1]! : found;
      const claimed = `${name}.claimed-${process.pid}`;
      try {
        fs.renameSync(path.join(this.dir, found), path.join(this.dir, claimed));
      } catch (error) {
        if (isErrno(error, 'ENOENT')) continue; // another process claimed it first
        throw error;
      }
      const text = fs.readFileSync(path.join(this.dir, claimed), 'utf8');
      let entry: PendingEntry;
      try {
        entry = JSON.parse(text) as PendingEntry;
      } catch (error) {
        fs.renameSync(path.join(this.dir, claimed), path.join(this.dir, `${name}.unreadable`));
        onUnreadable(path.join(this.dir, `${name}.unreadable`), describeJsonError(error, text));
        continue;
      }
      yield this.#held(name, claimed, entry);
    }
  }

  #held(name: string, claimed: string, entry: PendingEntry): ClaimedEntry {
    const claimedPath = path.join(this.dir, claimed);
    return {
      entry,
      done: () => removeIfPresent(claimedPath),
      release: () => fs.renameSync(claimedPath, path.join(this.dir, name)),
      setAside: () => {
        const failed = path.join(this.dir, `${name}.failed`);
        fs.renameSync(claimedPath, failed);
        return failed;
      },
    };
  }

  /** Names sort in the order entries were written: time, then process and sequence. */
  #newName(): string {
    return `${String(Date.now()).padStart(15, '0')}-${process.pid}-${++sequence}.json`;
  }

  #write(name: string, entry: PendingEntry): void {
    const text = JSON.stringify(entry);
    for (let attempt = 0; ; attempt++) {
      fs.mkdirSync(this.dir, { recursive: true });
      try {
        writeFileAtomicSync(path.join(this.dir, name), text);
        return;
      } catch (error) {
        // The folder was removed as empty between mkdir and the write: make it again.
        if (!isErrno(error, 'ENOENT') || attempt === 3) throw error;
      }
    }
  }

  /** Removes the folder once it is empty, so that the next operation's check costs one failed stat. */
  removeIfEmpty(): void {
    try {
      fs.rmdirSync(this.dir);
    } catch (error) {
      if (!isErrno(error, 'ENOENT') && !isErrno(error, 'ENOTEMPTY') && !isErrno(error, 'EEXIST')) throw error;
    }
  }
}
