import fs from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_DECAY, EntityTrust, applyOperations, assertDecayConfig, assertEntityId, assertOperations,
  buildWitnessingChain, compareIds, createBundle, operationIds, planImport, planImportOrThrow, systemClock,
  type Clock, type DecayConfig, type EntityFilter, type EpochMs, type ImportMode, type ImportPlan,
  type SweepSummary, type TrustBundle, type TrustOperation, type TrustStore, type TrustStoreOptions,
  type WitnessingChain,
} from '../core/index.js';
import { writeFileAtomicSync } from './atomic-write.js';
import { ENTITY_FILE_NAME, EntityFileError, entityFileName, formatEntityFile, parseEntityFile } from './entity-file.js';
import { describeErrno, isErrno } from './errno.js';
import { FileLocks, LockTimeoutError } from './locks.js';
import { PendingQueue, type ImportEntry } from './pending-queue.js';
import { defaultStoreDir } from './paths.js';

/** A file the store skipped because it cannot be read as an entity. */
export interface FileProblem {
  path: string;
  problem: string;
}

export interface FileTrustStoreOptions extends TrustStoreOptions {
  /** How long an operation waits for another process's lock before failing (default 10 s). */
  lockTimeoutMs?: number;
  /** A lock older than this is taken over even if its owner seems alive (default 10 s). */
  staleLockMs?: number;
  /**
   * Called for each file that `list`, `count`, `sweepDecay`, `exportBundle` and `importBundle`
   * skip. The default writes one line to stderr.
   */
  onProblem?: (problem: FileProblem) => void;
}

/** Where the lock files live, inside the store folder. */
export const LOCK_DIR_NAME = '.locks';

const reportToStderr = ({ path: file, problem }: FileProblem) => {
  process.stderr.write(`web4-trust: skipped ${file}: ${problem}\n`);
};

/**
 * A `TrustStore` of one JSON file per entity, in the layout of upstream's `~/.web4/governance/entities`
 * (`sha256(entity_id)` hex, first 16 digits, `.json`). It reads legacy 6-D and canonical 3-D files
 * and writes canonical 3-D.
 *
 * Unlike upstream it is safe with several processes: every read-modify-write holds the file's lock,
 * files are replaced atomically, and a witness writes both files or neither. A corrupt file is
 * skipped (and reported) by whole-store operations; reading that one entity fails, naming the file.
 */
export class FileTrustStore implements TrustStore {
  readonly dir: string;
  readonly #clock: Clock;
  readonly #decay: DecayConfig;
  readonly #locks: FileLocks;
  readonly #onProblem: (problem: FileProblem) => void;
  readonly #queue: PendingQueue;

  constructor(dir: string = defaultStoreDir(), options: FileTrustStoreOptions = {}) {
    const { clock = systemClock, decay = DEFAULT_DECAY, lockTimeoutMs = 10_000, staleLockMs = 10_000 } = options;
    assertDecayConfig(decay);
    this.dir = path.resolve(dir);
    this.#clock = clock;
    this.#decay = { ...decay };
    this.#locks = new FileLocks(path.join(this.dir, LOCK_DIR_NAME), { timeoutMs: lockTimeoutMs, staleMs: staleLockMs });
    this.#onProblem = options.onProblem ?? reportToStderr;
    this.#queue = new PendingQueue(this.dir);
  }

  /** The path of the file that holds (or would hold) `entityId`. */
  pathOf(entityId: string): string {
    assertEntityId(entityId);
    return path.join(this.dir, entityFileName(entityId));
  }

  async get(entityId: string): Promise<EntityTrust> {
    return (await this.getExisting(entityId)) ?? EntityTrust.create(entityId, this.#clock.now());
  }

  async getExisting(entityId: string): Promise<EntityTrust | undefined> {
    const name = entityFileName(checked(entityId));
    await this.#settle();
    return this.#read(name, entityId)?.entity;
  }

  async save(entity: EntityTrust): Promise<void> {
    const name = entityFileName(entity.entityId);
    await this.#settle();
    await this.#locked([name], () => this.#write(name, entity));
  }

  async delete(entityId: string): Promise<boolean> {
    const name = entityFileName(checked(entityId));
    await this.#settle();
    return this.#locked([name], () => this.#remove(name));
  }

  async exists(entityId: string): Promise<boolean> {
    const file = this.pathOf(entityId);
    await this.#settle();
    return fs.existsSync(file);
  }

  async list(filter: EntityFilter = {}): Promise<EntityTrust[]> {
    return this.#reporting(await this.scan(filter));
  }

  async count(filter: EntityFilter = {}): Promise<number> {
    return (await this.list(filter)).length;
  }

  /**
   * Reads every entity file: the entities (sorted by id) and the files that could not be read.
   * Unlike `list`, it hands problems back instead of reporting them.
   */
  async scan({ type }: EntityFilter = {}): Promise<{ entities: EntityTrust[]; problems: FileProblem[] }> {
    await this.#settle();
    const entities: EntityTrust[] = [];
    const problems: FileProblem[] = [];
    for (const name of this.#entityFileNames()) {
      try {
        const entity = this.#read(name)?.entity;
        if (entity && (type === undefined || entity.entityType === type)) entities.push(entity);
      } catch (error) {
        problems.push(toProblem(error, path.join(this.dir, name)));
      }
    }
    entities.sort((a, b) => compareIds(a.entityId, b.entityId));
    return { entities, problems };
  }

  async update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust> {
    const entities = await this.record([{ kind: 'outcome', entityId: checked(entityId), success, magnitude }]);
    return entities.get(entityId)!;
  }

  async witness(
    witnessId: string, targetId: string, success: boolean, magnitude: number,
  ): Promise<[witness: EntityTrust, target: EntityTrust]> {
    const entities = await this.record([{ kind: 'witness', witnessId, targetId, success, magnitude }]);
    return [entities.get(witnessId)!, entities.get(targetId)!];
  }

  /**
   * Applies `operations` in order as one change: every entity they touch is locked, changed and
   * written, and if one file cannot be written the ones already written are put back. Resolves to
   * the entities as written, by id.
   */
  async record(operations: readonly TrustOperation[]): Promise<Map<string, EntityTrust>> {
    assertOperations(operations);
    await this.#settle();
    return this.#apply(operations, this.#clock.now());
  }

  /**
   * Like `record`, but when a lock stays busy past the timeout the operations are written down in
   * the pending queue instead, for the next process that uses the store to apply: nothing is lost
   * and the caller does not wait. For hooks, which Claude Code waits on.
   */
  async recordOrQueue(operations: readonly TrustOperation[]): Promise<'recorded' | 'queued'> {
    assertOperations(operations);
    const at = this.#clock.now();
    try {
      await this.#settle();
      await this.#apply(operations, at);
      return 'recorded';
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      this.#queue.append({ kind: 'operations', at, operations: [...operations] });
      return 'queued';
    }
  }

  async witnessingChain(entityId: string, depth = 3): Promise<WitnessingChain> {
    return buildWitnessingChain(await this.get(entityId), depth, async (ids) =>
      ids.map((id) => this.#readQuietly(id)),
    );
  }

  async sweepDecay(now: EpochMs = this.#clock.now(), config: DecayConfig = this.#decay): Promise<SweepSummary> {
    assertDecayConfig(config);
    await this.#settle();
    let scanned = 0;
    let changed = 0;
    for (const name of this.#entityFileNames()) {
      try {
        await this.#locked([name], () => {
          const entity = this.#read(name)?.entity;
          if (!entity) return;
          scanned++;
          if (entity.decayTo(now, config)) {
            this.#write(name, entity);
            changed++;
          }
        });
      } catch (error) {
        if (!(error instanceof EntityFileError)) throw error;
        this.#onProblem(toProblem(error, path.join(this.dir, name)));
      }
    }
    return { scanned, changed };
  }

  async exportBundle(): Promise<TrustBundle> {
    return createBundle(await this.list(), this.#clock.now());
  }

  /**
   * Applies an import all or nothing: the whole change is written down in the pending queue before
   * the first entity file, so that if this process dies part-way, the next one to use the store
   * finishes it (roll-forward). Concurrent writers lose nothing: merge re-merges into each entity
   * as it is under its lock.
   */
  async importBundle(input: unknown, mode: ImportMode = 'merge'): Promise<ImportPlan> {
    const plan = planImportOrThrow(await this.list(), input, mode);
    const entities = [...plan.added, ...plan.updated].map((entity) => entity.toJSON());
    if (entities.length === 0 && plan.removed.length === 0) return plan;
    const entry: ImportEntry = { kind: 'import', mode, entities, removed: plan.removed };
    const claimed = this.#queue.appendClaimed(entry);
    try {
      await this.#applyImport(entry);
    } catch (error) {
      // Written down, it is finished by whichever process next uses the store (this one, if it
      // dies, by the next after it): say so rather than leave the caller thinking nothing happened.
      if (!(error instanceof LockTimeoutError)) throw error;
      claimed.release();
      throw new LockTimeoutError(`${error.message}; the import is saved in ${this.#queue.dir} and finishes the next time the store is used`);
    }
    claimed.done();
    return plan;
  }

  // --- Pending work ------------------------------------------------------------------------------

  /** Applies what other processes wrote down and did not finish (see `PendingQueue`); cheap when there is none. */
  async #settle(): Promise<void> {
    if (!this.#queue.mayHaveEntries()) return;
    for (const claimed of this.#queue.claim((file, problem) => this.#onProblem({ path: file, problem }))) {
      try {
        const { entry } = claimed;
        if (entry.kind === 'import') await this.#applyImport(entry);
        else await this.#apply(entry.operations, entry.at, { late: true });
      } catch (error) {
        // Busy locks: leave the rest for later; the caller's own work goes on.
        if (error instanceof LockTimeoutError) {
          claimed.release();
          return;
        }
        // One that cannot be applied (its entity's file is corrupt…) must not block every later call.
        const file = claimed.setAside();
        this.#onProblem({ path: file, problem: `could not be applied, kept aside (${(error as Error).message})` });
        continue;
      }
      claimed.done();
    }
    this.#queue.removeIfEmpty();
  }

  /**
   * Operations under their entities' locks, at `at`. Queued ones (`late`) keep the time they were
   * recorded unless an entity has seen something later since: then they land at that moment.
   */
  async #apply(operations: readonly TrustOperation[], at: EpochMs, { late = false } = {}): Promise<Map<string, EntityTrust>> {
    const ids = operationIds(operations);
    const names = new Map(ids.map((id) => [id, entityFileName(id)]));
    return this.#locked([...new Set(names.values())], () => {
      const before = new Map(ids.map((id) => [id, this.#read(names.get(id)!, id)]));
      const now = late ? Math.max(at, ...[...before.values()].map((file) => file?.entity.lastActivity ?? -Infinity)) : at;
      const entities = new Map(ids.map((id) => [id, before.get(id)?.entity ?? EntityTrust.create(id, now)]));
      applyOperations(entities, operations, now, this.#decay);
      const written: string[] = [];
      try {
        for (const id of ids) {
          this.#write(names.get(id)!, entities.get(id)!);
          written.push(id);
        }
      } catch (error) {
        // All or nothing: put back what was already written.
        for (const id of written) {
          const old = before.get(id);
          if (old) writeFileAtomicSync(path.join(this.dir, names.get(id)!), old.text);
          else this.#remove(names.get(id)!);
        }
        throw error;
      }
      return entities;
    });
  }

  /** An import's entities and removals, one file at a time under its lock; applying it twice changes nothing more. */
  async #applyImport({ mode, entities, removed }: ImportEntry): Promise<void> {
    for (const json of entities) {
      const name = entityFileName(json.entity_id);
      await this.#locked([name], () => {
        let entity: EntityTrust | undefined = EntityTrust.fromJSON(json);
        if (mode === 'merge') {
          // Another process may have changed the entity since the plan: merge into what is there now.
          const stored = this.#readQuietly(json.entity_id);
          const again = planImport(stored ? [stored] : [], [json], { mode: 'merge' });
          entity = again.added[0] ?? again.updated[0];
        }
        if (entity) this.#write(name, entity);
      });
    }
    for (const id of removed) {
      const name = entityFileName(id);
      await this.#locked([name], () => this.#remove(name));
    }
  }

  // --- Files -------------------------------------------------------------------------------------

  async #locked<T>(names: string[], body: () => T): Promise<T> {
    const release = await this.#locks.acquire(names);
    try {
      return body();
    } finally {
      release();
    }
  }

  /**
   * The entity in file `name` and the text it was read from, or undefined when there is no file.
   * With `id`, a file that holds another entity is an error naming both (never used in its place).
   */
  #read(name: string, id?: string): { entity: EntityTrust; text: string } | undefined {
    const filePath = path.join(this.dir, name);
    let text: string;
    try {
      text = fs.readFileSync(filePath, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      throw new EntityFileError(filePath, `cannot be read (${describeErrno(error)})`);
    }
    const entity = parseEntityFile(text, filePath, name);
    if (id !== undefined && entity.entityId !== id) {
      throw new EntityFileError(filePath, `holds ${JSON.stringify(entity.entityId)}, not ${JSON.stringify(id)}`);
    }
    return { entity, text };
  }

  #readQuietly(entityId: string): EntityTrust | undefined {
    try {
      return this.#read(entityFileName(entityId))?.entity;
    } catch {
      return undefined;
    }
  }

  #write(name: string, entity: EntityTrust): void {
    const filePath = path.join(this.dir, name);
    try {
      try {
        writeFileAtomicSync(filePath, formatEntityFile(entity));
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
        fs.mkdirSync(this.dir, { recursive: true });
        writeFileAtomicSync(filePath, formatEntityFile(entity));
      }
    } catch (error) {
      throw new EntityFileError(filePath, `cannot be written (${describeErrno(error)}); it is as it was`);
    }
  }

  #remove(name: string): boolean {
    try {
      fs.unlinkSync(path.join(this.dir, name));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  #entityFileNames(): string[] {
    try {
      return fs.readdirSync(this.dir).filter((name) => ENTITY_FILE_NAME.test(name));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  #reporting({ entities, problems }: { entities: EntityTrust[]; problems: FileProblem[] }): EntityTrust[] {
    for (const problem of problems) this.#onProblem(problem);
    return entities;
  }
}

function checked(entityId: string): string {
  assertEntityId(entityId);
  return entityId;
}

function toProblem(error: unknown, filePath: string): FileProblem {
  if (error instanceof EntityFileError) return { path: error.path, problem: error.problem };
  return { path: filePath, problem: (error as Error).message };
}
