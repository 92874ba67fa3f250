import path from 'node:path';
import {
  AdapterTrustStore, assertEntityId, assertOperations, listRowOf, type EntityListRow,
  type EntityFilter, type EntityTrust, type TrustOperation, type TrustStoreOptions,
} from '../../core/index.js';
import { defaultStoreDir } from '../paths.js';
import { entityFileName } from './entity-file.js';
import { FileLocks, LockTimeoutError } from './file-locks.js';
import { FolderAdapter, type FileProblem } from './folder-adapter.js';
import { PENDING_DIR_NAME, PendingQueue } from './pending-queue.js';

export type { FileProblem } from './folder-adapter.js';

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
 * Work another process wrote down and did not finish (see `PendingQueue`) is applied first by
 * every operation.
 */
export class FileTrustStore extends AdapterTrustStore {
  readonly dir: string;
  readonly #adapter: FolderAdapter;
  readonly #onProblem: (problem: FileProblem) => void;
  readonly #queue: PendingQueue;

  constructor(dir: string = defaultStoreDir(), options: FileTrustStoreOptions = {}) {
    const { lockTimeoutMs = 10_000, staleLockMs = 10_000, onProblem = reportToStderr } = options;
    const resolved = path.resolve(dir);
    const locks = new FileLocks(path.join(resolved, LOCK_DIR_NAME), { timeoutMs: lockTimeoutMs, staleMs: staleLockMs });
    const queue = new PendingQueue(path.join(resolved, PENDING_DIR_NAME));
    const adapter = new FolderAdapter(resolved, locks, queue, onProblem);
    super(adapter, options);
    this.dir = resolved;
    this.#adapter = adapter;
    this.#onProblem = onProblem;
    this.#queue = queue;
  }

  readonly kind = 'folder';

  /** Where the store is, as output shows it. */
  get location(): string {
    return this.dir;
  }

  /** Nothing to close: every operation opens and closes its files. */
  async close(): Promise<void> {}

  /** The path of the file that holds (or would hold) `entityId`. */
  pathOf(entityId: string): string {
    assertEntityId(entityId);
    return path.join(this.dir, entityFileName(entityId));
  }

  /**
   * Reads every entity file: the entities (sorted by id; at now like every read, or as stored with
   * `stored`) and the files that could not be read. Unlike `list`, it hands problems back instead
   * of reporting them.
   */
  async scan({ type, stored = false }: EntityFilter & { stored?: boolean } = {}): Promise<{ entities: EntityTrust[]; problems: FileProblem[] }> {
    await this.ready();
    const { entities, problems } = this.#adapter.scan();
    return { entities: this.listed(stored ? entities : this.allAtNow(entities), type), problems };
  }

  /**
   * Hands each entity (of one type, if given) to `visit` at its state now, in no particular order,
   * one file at a time and keeping none: for reads of large stores that keep only a row per entity.
   * Returns the files that could not be read.
   */
  async scanEach({ type }: EntityFilter, visit: (entity: EntityTrust) => void): Promise<FileProblem[]> {
    await this.ready();
    const now = this.clock.now();
    return this.#adapter.scanEach((entity) => {
      if (type === undefined || entity.entityType === type) visit(this.atNow(entity, now));
    });
  }

  /** Each entity's list row at now (of one type, if given), one file at a time: `scanEach`, keeping rows only. */
  scanSummaries(filter: EntityFilter, visit: (row: EntityListRow) => void): Promise<FileProblem[]> {
    return this.scanEach(filter, (entity) => visit(listRowOf(entity)));
  }

  /**
   * Like `record`, but when a lock stays busy past the timeout the operations are written down in
   * the pending queue instead, for the next process that uses the store to apply: nothing is lost
   * and the caller does not wait. For hooks, which Claude Code waits on.
   */
  async recordOrQueue(operations: readonly TrustOperation[]): Promise<'recorded' | 'queued'> {
    assertOperations(operations);
    const at = this.clock.now();
    try {
      await this.ready();
      await this.recordAt(operations, at);
      return 'recorded';
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error;
      this.#queue.append({ kind: 'operations', at, operations: [...operations] });
      return 'queued';
    }
  }

  /** Applies what other processes wrote down and did not finish; cheap when there is none. */
  protected override async ready(): Promise<void> {
    // Stryker disable next-line ConditionalExpression: equivalent, the one-stat fast path; claiming an empty queue finds nothing
    if (!this.#queue.mayHaveEntries()) return;
    for (const claimed of this.#queue.claim((file, problem) => this.#onProblem({ path: file, problem }))) {
      try {
        const { entry } = claimed;
        if (entry.kind === 'import') await this.#adapter.applyImport(entry);
        else {
          // Read from a file: checked as a caller's operations are, so a damaged entry is set aside.
          assertOperations(entry.operations);
          await this.recordAt(entry.operations, entry.at);
        }
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
}
