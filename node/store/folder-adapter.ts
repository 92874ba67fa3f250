import fs from 'node:fs';
import path from 'node:path';
import {
  EntityTrust, mergeEntity, pendingChange, sweepEntity, sweepKeepsUntil,
  type DecayConfig, type EntityChange, type EpochMs, type ImportMode, type StorageAdapter, type StoreChange,
  type SweepRule, type SweepSummary,
} from '../../core/index.js';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { describeErrno, isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';
import { readTextFile } from '../fs/read-text-file.js';
import {
  ENTITY_FILE_NAME, EntityFileError, bulkEntityFileNamer, entityFileName, formatEntityFile, parseEntityFile,
} from './entity-file.js';
import { LockTimeoutError, type FileLocks } from './file-locks.js';
import type { ImportEntry, PendingQueue } from './pending-queue.js';
import { SWEEP_INDEX_NAME, SweepIndex } from './sweep-index.js';

/** From how many files a scan checks names with node's native hash (loading it costs ~6 ms). */
const BULK_NAMES = 2000;

/** A file the store skipped because it cannot be read as an entity. */
export interface FileProblem {
  path: string;
  problem: string;
}

/** An entity file as read: the entity, and the text to put back if a change must be undone. */
interface ReadFile {
  entity: EntityTrust;
  text: string;
}

/**
 * Entities as one JSON file each in a folder (upstream's layout). A change holds its files' locks
 * (taken in id order, so two processes never wait on each other in a cycle), and a change of
 * several files puts back the ones already written if a later one fails. A change of the whole
 * store (an import) is written down in the pending queue before its first file, so that a crash
 * part-way is finished by the next process rather than left half done.
 */
export class FolderAdapter implements StorageAdapter {
  readonly #dir: string;
  readonly #locks: FileLocks;
  readonly #queue: PendingQueue;
  readonly #onProblem: (problem: FileProblem) => void;

  constructor(dir: string, locks: FileLocks, queue: PendingQueue, onProblem: (problem: FileProblem) => void) {
    this.#dir = dir;
    this.#locks = locks;
    this.#queue = queue;
    this.#onProblem = onProblem;
  }

  // The ids come sorted (see the port), so locks are always taken in one order.
  async change<T>(ids: readonly string[], _durability: unknown, body: (change: EntityChange) => T): Promise<T> {
    const names = new Map(ids.map((id) => [id, entityFileName(id)]));
    return this.#locked([...new Set(names.values())], () => {
      const before = new Map(ids.map((id) => [id, this.#read(names.get(id)!, id)]));
      const { change, pending } = pendingChange(ids, (id) => before.get(id)?.entity);
      const result = body(change);
      this.#commit(pending, names, before);
      return result;
    });
  }

  async changeAll<T>(mode: ImportMode, body: (change: StoreChange) => T): Promise<T> {
    const written: EntityTrust[] = [];
    const removed: string[] = [];
    const result = body({
      entities: await this.all(),
      write: (entity) => written.push(entity),
      remove: (id) => removed.push(id),
    });
    if (written.length === 0 && removed.length === 0) return result;
    const entry: ImportEntry = { kind: 'import', mode, entities: written.map((entity) => entity.toJSON()), removed };
    const claimed = this.#queue.appendClaimed(entry);
    try {
      await this.applyImport(entry);
    } catch (error) {
      // Written down, it is finished by whichever process next uses the store (this one, if it
      // dies, by the next after it): say so rather than leave the caller thinking nothing happened.
      if (!(error instanceof LockTimeoutError)) throw error;
      claimed.release();
      throw new LockTimeoutError(`${error.message}; the import is saved in ${this.#queue.dir} and finishes the next time the store is used`);
    }
    claimed.done();
    return result;
  }

  /**
   * An import's entities and removals, one file at a time under its lock; applying it twice
   * changes nothing more. In merge mode each entity is merged into what is stored now, since
   * another process may have changed it after the import was planned.
   */
  async applyImport({ mode, entities, removed }: ImportEntry): Promise<void> {
    for (const json of entities) {
      const name = entityFileName(json.entity_id);
      await this.#locked([name], () => {
        const incoming = EntityTrust.fromJSON(json);
        const entity = mode === 'merge' ? mergeEntity(this.#readQuietly(name), incoming) : incoming;
        if (entity) this.#write(name, entity);
      });
    }
    for (const id of removed) {
      const name = entityFileName(id);
      await this.#locked([name], () => this.#remove(name));
    }
  }

  async read(entityIds: readonly string[]): Promise<(EntityTrust | undefined)[]> {
    return entityIds.map((id) => this.#read(entityFileName(id), id)?.entity);
  }

  async has(entityId: string): Promise<boolean> {
    return fs.existsSync(path.join(this.#dir, entityFileName(entityId)));
  }

  async all(): Promise<EntityTrust[]> {
    const { entities, problems } = this.scan();
    for (const problem of problems) this.#onProblem(problem);
    return entities;
  }

  async count(type: string | undefined): Promise<number> {
    const entities = await this.all();
    return type === undefined ? entities.length : entities.filter((entity) => entity.entityType === type).length;
  }

  /** Every entity file: the entities that could be read, and the files that could not. */
  scan(): { entities: EntityTrust[]; problems: FileProblem[] } {
    const entities: EntityTrust[] = [];
    const problems = this.scanEach((entity) => entities.push(entity));
    return { entities, problems };
  }

  /**
   * Hands each readable entity to `visit`, one file at a time, keeping none of them (a list of
   * 100,000 files then needs memory only for what the caller keeps); returns the files that could
   * not be read.
   */
  scanEach(visit: (entity: EntityTrust) => void): FileProblem[] {
    const problems: FileProblem[] = [];
    const { names, nameOf } = this.#namesToScan();
    for (const name of names) {
      try {
        const file = this.#read(name, undefined, nameOf);
        if (file) visit(file.entity);
      } catch (error) {
        // Stryker disable next-line ConditionalExpression: equivalent, reading a file throws nothing else
        if (!(error instanceof EntityFileError)) throw error;
        problems.push({ path: error.path, problem: error.problem });
      }
    }
    return problems;
  }

  /**
   * One file at a time. Each is read without its lock (files are replaced whole, so a read sees
   * one version), and only one the sweep changes is locked and read again: a sweep that changes
   * nothing writes nothing and takes no lock, and none holds up a hook for long. A file the sweep
   * index says is kept until later, and that has not changed since, is not read at all.
   */
  async sweepAll(now: EpochMs, decay: DecayConfig, rule: SweepRule): Promise<SweepSummary> {
    const summary = { scanned: 0, changed: 0, removed: 0 };
    const { names, nameOf } = this.#namesToScan();
    const indexPath = path.join(this.#dir, SWEEP_INDEX_NAME);
    const known = SweepIndex.load(indexPath, now, decay, rule);
    const next = SweepIndex.empty(now, decay, rule);
    for (const name of names) {
      const filePath = path.join(this.#dir, name);
      try {
        // Stat first: a change after it makes the next sweep's stat differ, so it is never missed.
        const stats = fs.statSync(filePath, { throwIfNoEntry: false });
        if (!stats) continue;
        const keepsUntil = known.keepsUntil(name, stats);
        if (now < keepsUntil) {
          summary.scanned++;
          next.record(name, stats, keepsUntil, true);
          continue;
        }
        const seen = this.#read(name, undefined, nameOf)?.entity;
        if (!seen) continue;
        summary.scanned++;
        if (sweepEntity(seen, now, decay, rule) === 'keep') {
          next.record(name, stats, sweepKeepsUntil(seen, now, decay, rule));
          continue;
        }
        await this.#locked([name], () => {
          const entity = this.#read(name, undefined, nameOf)?.entity;
          if (!entity) return;
          const action = sweepEntity(entity, now, decay, rule);
          if (action === 'write') {
            this.#write(name, entity);
            summary.changed++;
          } else if (action === 'remove') {
            this.#remove(name);
            summary.removed++;
          }
          if (action !== 'remove') next.record(name, fs.statSync(filePath), sweepKeepsUntil(entity, now, decay, rule));
        });
      } catch (error) {
        if (!(error instanceof EntityFileError)) throw error;
        this.#onProblem({ path: error.path, problem: error.problem });
      }
    }
    next.saveUnlessSame(indexPath, known);
    return summary;
  }

  /** Writes a change's files; if one cannot be written, puts back those already written, and throws. */
  #commit(
    pending: ReadonlyMap<string, EntityTrust | undefined>, names: ReadonlyMap<string, string>,
    before: ReadonlyMap<string, ReadFile | undefined>,
  ): void {
    const done: string[] = [];
    try {
      for (const [id, entity] of pending) {
        if (entity) this.#write(names.get(id)!, entity);
        else this.#remove(names.get(id)!);
        done.push(id);
      }
    } catch (error) {
      for (const id of done) {
        const old = before.get(id);
        if (old) writeFileAtomicSync(path.join(this.#dir, names.get(id)!), old.text);
        else this.#remove(names.get(id)!);
      }
      throw error;
    }
  }

  async #locked<T>(names: string[], body: () => T): Promise<T> {
    const release = await this.#locks.acquire(names);
    try {
      return body();
    } finally {
      release();
    }
  }

  /**
   * The entity in file `name`, or undefined when there is no file. With `id`, a file that holds
   * another entity is an error naming both (never used in its place).
   */
  #read(name: string, id?: string, nameOf = entityFileName): ReadFile | undefined {
    const filePath = path.join(this.#dir, name);
    let text: string;
    try {
      text = readTextFile(filePath);
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw new EntityFileError(filePath, `cannot be read (${describeErrno(error)})`);
    }
    const entity = parseEntityFile(text, filePath, name, nameOf);
    // parseEntityFile already refuses a file whose entity's id hashes to another name; this is for two
    // ids whose hashes share the name's 64 bits, which no test can build.
    // Stryker disable all: a 64-bit name collision
    if (id !== undefined && entity.entityId !== id) {
      throw new EntityFileError(filePath, `holds ${JSON.stringify(entity.entityId)}, not ${JSON.stringify(id)}`);
    }
    // Stryker restore all
    return { entity, text };
  }

  #readQuietly(name: string): EntityTrust | undefined {
    try {
      // Stryker disable next-line OptionalChaining: equivalent, the TypeError it would throw is caught below
      return this.#read(name)?.entity;
      // Stryker disable next-line BlockStatement: equivalent, an empty catch also returns undefined
    } catch {
      return undefined;
    }
  }

  // The folder exists: writes happen under a lock, and taking one creates the lock folder inside it.
  #write(name: string, entity: EntityTrust): void {
    const filePath = path.join(this.#dir, name);
    try {
      writeFileAtomicSync(filePath, formatEntityFile(entity));
    } catch (error) {
      throw new EntityFileError(filePath, `cannot be written (${describeErrno(error)}); it is as it was`);
    }
  }

  #remove(name: string): void {
    removeIfPresent(path.join(this.#dir, name));
  }

  /** Every entity file's name, and how to check that a file's entity belongs under its name. */
  #namesToScan(): { names: string[]; nameOf: (entityId: string) => string } {
    const names = this.#entityFileNames();
    // Many names: node's native SHA-256 checks them faster than the pure-JS one hooks load for one.
    return { names, nameOf: names.length > BULK_NAMES ? bulkEntityFileNamer() : entityFileName };
  }

  #entityFileNames(): string[] {
    try {
      return fs.readdirSync(this.#dir).filter((name) => ENTITY_FILE_NAME.test(name));
    } catch (error) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a name with no file is skipped
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }
}
