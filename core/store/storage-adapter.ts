// The port between the store's rules (AdapterTrustStore) and where entities are kept (memory, a
// folder of files, IndexedDB, PostgreSQL). An adapter knows how to read, write and isolate; it
// never decides what a change does to trust.
import type { ImportMode } from '../import-plan.js';
import type { DecayConfig } from '../decay.js';
import type { SweepRule } from '../sweep-rule.js';
import type { EntityTrust } from '../entity.js';
import type { EpochMs } from '../time.js';
import type { SweepSummary } from './trust-store.js';

/** What a change did, for adapters that keep a log (the extension's event log); others ignore it. */
export interface ChangeEvent {
  kind: 'outcome' | 'witness' | 'call' | 'delete' | 'reset' | 'import' | 'sweep';
  at: EpochMs;
  /** The entities it touched (empty for store-wide changes). */
  entityIds: string[];
  /** Its inputs or summary, e.g. `{ success, magnitude }`. */
  details: Record<string, unknown>;
}

/** A change with this operation id was applied before (see `StorageAdapter.change`). */
export class AlreadyAppliedError extends Error {
  override readonly name = 'AlreadyAppliedError';

  constructor(readonly operationId: string) {
    super(`operation ${operationId} was already applied`);
  }
}

/** How long a change may wait for the disk: adapters that can choose trade speed for durability. */
export type Durability = 'relaxed' | 'default' | 'strict';

/** The entities of one change, read when it began; changes are made here and land together. */
export interface EntityChange {
  /** The stored entity (a copy the change may alter and write), or undefined. Only ids of the change. */
  read(entityId: string): EntityTrust | undefined;
  write(entity: EntityTrust): void;
  /** Removes a stored entity; false when there was none. */
  remove(entityId: string): boolean;
  /** Present on adapters that keep a log; the store builds events only for them. */
  log?(event: ChangeEvent): void;
}

/** A change of the whole store (an import): what is stored now, and the changes to make. */
export interface StoreChange {
  /** Every readable stored entity (copies), in no particular order. */
  readonly entities: readonly EntityTrust[];
  write(entity: EntityTrust): void;
  remove(entityId: string): void;
  log?(event: ChangeEvent): void;
}

export interface StorageAdapter {
  /**
   * Runs `body` as one change of the entities with these ids (sorted with `compareIds`, no repeats,
   * so that adapters that lock take locks in one order): no other change of them runs in between,
   * and what it writes is stored whole, or not at all if `body` or a write fails. `body` may run
   * more than once (an adapter may retry a change that lost a race), so it must only compute from
   * what it reads. With `operationId`, an adapter that remembers applied ids (PostgreSQL) makes the
   * change at most once: the second time it throws `AlreadyAppliedError` and changes nothing;
   * adapters used by one machine alone ignore it.
   */
  change<T>(
    entityIds: readonly string[], durability: Durability, body: (change: EntityChange) => T, operationId?: string,
  ): Promise<T>;
  /**
   * Runs `body` as one change of the whole store: stored whole, or not at all. In `merge` mode, an
   * adapter that cannot keep other writers out of the whole store while `body` plans merges each
   * written entity into what is stored when it writes it (`mergeEntity`), so that nothing written
   * in between is lost; the others store what `body` wrote as it is.
   */
  changeAll<T>(mode: ImportMode, body: (change: StoreChange) => T): Promise<T>;
  /** The stored entities with these ids (undefined where absent); throws naming one that cannot be read. */
  read(entityIds: readonly string[]): Promise<(EntityTrust | undefined)[]>;
  has(entityId: string): Promise<boolean>;
  /** Every readable stored entity, in no particular order; the adapter reports the others. */
  all(): Promise<EntityTrust[]>;
  /** How many entities are stored (of one type, if given). */
  count(type: string | undefined): Promise<number>;
  /**
   * Does `sweepEntity` to every stored entity at `now` (writing or removing what it says), each
   * batch of them stored whole.
   */
  sweepAll(now: EpochMs, decay: DecayConfig, rule: SweepRule): Promise<SweepSummary>;
}
