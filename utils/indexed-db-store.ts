// The core's TrustStore on IndexedDB: one transaction per logical operation, each change logged in
// the same transaction as the change itself.
import type { StoreNames } from 'idb';
import {
  DEFAULT_DECAY, EntityTrust, assertDecayConfig, assertEntityId, assertMagnitude, assertWitnessIds,
  buildWitnessingChain, compareIds, createBundle, planImportOrThrow, recordOutcome, recordWitness, systemClock,
  type Clock, type DecayConfig, type EntityFilter, type EpochMs, type ImportMode, type ImportPlan,
  type SweepSummary, type TrustBundle, type TrustStore, type TrustStoreOptions, type WitnessingChain,
} from '@/core/index.js';
import type { SweepResult } from './api-types.js';
import { runSweep } from './decay-sweep.js';
import { BucketSet, bucketOf, parseEntity, readableEntities, storedText, type SummaryBucket } from './entity-buckets.js';
import { DEFAULT_EVENT_LOG_CAP, appendEvent, type NewEvent, type WritableEvents } from './event-log.js';
import { PendingWrites, inTransaction } from './transaction.js';
import type { TrustDb, TrustDbSchema } from './trust-db.js';

type Stores = ArrayLike<StoreNames<TrustDbSchema>>;
const WRITE_STORES = ['entity-buckets', 'summary-buckets', 'events'] as const;

/** How many entities the summary buckets list. */
function countRows(buckets: SummaryBucket[]): number {
  let count = 0;
  for (const { summaries } of buckets) count += summaries.length;
  return count;
}

export interface IndexedDbTrustStoreOptions extends TrustStoreOptions {
  /** How many events the log keeps (the oldest go first). */
  eventLogCap?: number;
  /** Called after a committed change that moved entities into or out of low trust (the badge's count). */
  onLowTrustChange?: () => void;
}

export interface ImportProgressStep {
  phase: 'plan' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Plan only: nothing is written. */
  dryRun?: boolean;
  onProgress?: (step: ImportProgressStep) => void;
}

const PROGRESS_EVERY = 5000;

export class IndexedDbTrustStore implements TrustStore {
  readonly #db: TrustDb;
  readonly #clock: Clock;
  readonly #decay: DecayConfig;
  readonly #eventLogCap: number;
  readonly #onLowTrustChange: (() => void) | undefined;

  constructor(
    db: TrustDb,
    { clock = systemClock, decay = DEFAULT_DECAY, eventLogCap = DEFAULT_EVENT_LOG_CAP, onLowTrustChange }: IndexedDbTrustStoreOptions = {},
  ) {
    assertDecayConfig(decay);
    this.#db = db;
    this.#clock = clock;
    this.#decay = { ...decay };
    this.#eventLogCap = eventLogCap;
    this.#onLowTrustChange = onLowTrustChange;
  }

  async get(entityId: string): Promise<EntityTrust> {
    return (await this.getExisting(entityId)) ?? EntityTrust.create(entityId, this.#clock.now());
  }

  async getExisting(entityId: string): Promise<EntityTrust | undefined> {
    assertEntityId(entityId);
    return (await this.#read([entityId]))[0];
  }

  async save(entity: EntityTrust): Promise<void> {
    await this.#change('default', async (buckets) => {
      await buckets.loadFor([entity.entityId]);
      buckets.put(entity);
      await this.#write(buckets);
    });
  }

  async delete(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    return this.#change('strict', async (buckets, events) => {
      await buckets.loadFor([entityId]);
      if (!buckets.delete(entityId)) return false;
      await this.#write(buckets, this.#log(events, 'delete', [entityId], {}));
      return true;
    });
  }

  /** Replaces an entity with a fresh neutral one, logged as a `reset`. */
  async reset(entityId: string): Promise<EntityTrust> {
    assertEntityId(entityId);
    const fresh = EntityTrust.create(entityId, this.#clock.now());
    await this.#change('strict', async (buckets, events) => {
      await buckets.loadFor([entityId]);
      buckets.put(fresh);
      await this.#write(buckets, this.#log(events, 'reset', [entityId], {}));
    });
    return fresh;
  }

  /** Deletes every entity and the whole event log, then logs that; resolves to how many entities there were. */
  async deleteAll(): Promise<number> {
    const tx = this.#db.transaction([...WRITE_STORES, 'meta'], 'readwrite', { durability: 'strict' });
    const count = await inTransaction(tx, async () => {
      const summaries = tx.objectStore('summary-buckets');
      const count = countRows(await summaries.getAll());
      await Promise.all([
        tx.objectStore('entity-buckets').clear(), summaries.clear(), tx.objectStore('events').clear(),
        tx.objectStore('meta').delete('sweep-cursor'),
      ]);
      await this.#log(tx.objectStore('events'), 'delete', [], { all: true, entities: count });
      return count;
    });
    if (count > 0) this.#onLowTrustChange?.();
    return count;
  }

  async exists(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    return storedText(await this.#db.get('entity-buckets', bucketOf(entityId)), entityId) !== undefined;
  }

  async list({ type }: EntityFilter = {}): Promise<EntityTrust[]> {
    const entities = readableEntities(await this.#allTexts(true));
    return type === undefined ? entities : entities.filter((entity) => entity.entityType === type);
  }

  async count({ type }: EntityFilter = {}): Promise<number> {
    const buckets = await this.#db.getAll('summary-buckets');
    if (type === undefined) return countRows(buckets);
    let count = 0;
    for (const { summaries } of buckets) for (const row of summaries) if (row.entity_type === type) count++;
    return count;
  }

  async update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust> {
    assertEntityId(entityId);
    assertMagnitude(magnitude);
    const now = this.#clock.now();
    // Relaxed: an outcome is one small event; waiting for the disk on each would cap the rate.
    return this.#change('relaxed', async (buckets, events) => {
      await buckets.loadFor([entityId]);
      const entity = buckets.get(entityId) ?? EntityTrust.create(entityId, now);
      recordOutcome(entity, success, magnitude, now, this.#decay);
      buckets.put(entity);
      await this.#write(buckets, this.#log(events, 'outcome', [entityId], { success, magnitude }, now));
      return entity;
    });
  }

  async witness(
    witnessId: string, targetId: string, success: boolean, magnitude: number,
  ): Promise<[witness: EntityTrust, target: EntityTrust]> {
    assertWitnessIds(witnessId, targetId);
    assertMagnitude(magnitude);
    const now = this.#clock.now();
    return this.#change('relaxed', async (buckets, events) => {
      await buckets.loadFor([witnessId, targetId]);
      const witness = buckets.get(witnessId) ?? EntityTrust.create(witnessId, now);
      const target = buckets.get(targetId) ?? EntityTrust.create(targetId, now);
      recordWitness(witness, target, success, magnitude, now, this.#decay);
      buckets.put(witness);
      buckets.put(target);
      await this.#write(buckets, this.#log(events, 'witness', [witnessId, targetId], { witness_id: witnessId, target_id: targetId, success, magnitude }, now));
      return [witness.clone(), target.clone()];
    });
  }

  async witnessingChain(entityId: string, depth = 3): Promise<WitnessingChain> {
    return this.witnessingChainOf(await this.get(entityId), depth);
  }

  /** The chain of an entity already read, so that a caller holding it does not read it again. */
  witnessingChainOf(entity: EntityTrust, depth = 3): Promise<WitnessingChain> {
    return buildWitnessingChain(entity, depth, (ids) => this.#read(ids));
  }

  async sweepDecay(now: EpochMs = this.#clock.now(), config: DecayConfig = this.#decay): Promise<SweepSummary> {
    const { scanned, changed } = await this.sweep({ now, config, resume: false });
    return { scanned, changed };
  }

  /** The batched sweep, with its options (resume a cut-short sweep, a callback per batch). */
  sweep(options: { now?: EpochMs; config?: DecayConfig; resume: boolean; onBatch?: () => void | Promise<void> }): Promise<SweepResult> {
    return runSweep(this.#db, {
      now: options.now ?? this.#clock.now(),
      config: options.config ?? this.#decay,
      resume: options.resume,
      eventLogCap: this.#eventLogCap,
      clockNow: () => this.#clock.now(),
      onBatch: options.onBatch,
    });
  }

  async exportBundle(): Promise<TrustBundle> {
    return createBundle(readableEntities(await this.#allTexts()), this.#clock.now());
  }

  async importBundle(input: unknown, mode: ImportMode = 'merge', { dryRun = false, onProgress }: ImportOptions = {}): Promise<ImportPlan> {
    if (dryRun) return planImportOrThrow(readableEntities(await this.#allTexts()), input, mode);
    // Plan and apply in one transaction, so that no change can slip in between; strict durability,
    // so that an import reported as done survives a crash.
    return this.#change('strict', async (buckets, events) => {
      await buckets.loadAll();
      const stored = readableEntities([...buckets.texts()].map(([, text]) => text));
      onProgress?.({ phase: 'plan', done: 0, total: stored.length });
      const plan = planImportOrThrow(stored, input, mode);

      // The changes are made in memory; only the changed buckets are written.
      const total = plan.added.length + plan.updated.length + plan.removed.length;
      let done = 0;
      const tick = () => {
        if (++done % PROGRESS_EVERY === 0 || done === total) onProgress?.({ phase: 'write', done, total });
      };
      for (const entity of plan.added) { buckets.put(entity); tick(); }
      for (const entity of plan.updated) { buckets.put(entity); tick(); }
      for (const id of plan.removed) { buckets.delete(id); tick(); }
      await this.#write(buckets, this.#log(events, 'import', [], {
        mode, added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length,
        removed: plan.removed.length, rejected: plan.rejected.length,
      }));
      return plan;
    });
  }

  /** The stored entities with these ids (undefined where absent), read in one transaction. */
  async #read(entityIds: string[]): Promise<(EntityTrust | undefined)[]> {
    const tx = this.#db.transaction('entity-buckets');
    const buckets = await Promise.all(entityIds.map((id) => tx.store.get(bucketOf(id))));
    return entityIds.map((id, i) => {
      const text = storedText(buckets[i], id);
      return text === undefined ? undefined : parseEntity(text);
    });
  }

  /** Every stored entity's JSON text, in bucket order or sorted by id. */
  async #allTexts(sorted = false): Promise<string[]> {
    const entries: [string, string][] = [];
    for (const { entities } of await this.#db.getAll('entity-buckets')) entries.push(...Object.entries(entities));
    if (sorted) entries.sort(([a], [b]) => compareIds(a, b));
    return entries.map(([, text]) => text);
  }

  /**
   * Runs `body` on the buckets (and the event log) in one read-write transaction; after the commit,
   * tells `onLowTrustChange` if an entity moved into or out of low trust.
   */
  async #change<T>(
    durability: IDBTransactionDurability,
    body: (buckets: BucketSet<typeof WRITE_STORES>, events: WritableEvents<typeof WRITE_STORES>) => Promise<T>,
  ): Promise<T> {
    const tx = this.#db.transaction(WRITE_STORES, 'readwrite', { durability });
    const buckets = new BucketSet(tx.objectStore('entity-buckets'), tx.objectStore('summary-buckets'));
    const result = await inTransaction(tx, () => body(buckets, tx.objectStore('events')));
    if (buckets.lowTrustChanged) this.#onLowTrustChange?.();
    return result;
  }

  /** Writes the changed buckets, together with `alsoPending` (the event). */
  async #write<S extends Stores>(buckets: BucketSet<S>, ...alsoPending: Promise<unknown>[]): Promise<void> {
    const writes = new PendingWrites();
    for (const pending of alsoPending) writes.add(pending);
    buckets.write(writes);
    await writes.all();
  }

  #log<S extends Stores>(
    events: WritableEvents<S>, kind: NewEvent['kind'], entityIds: string[], details: Record<string, unknown>,
    at: EpochMs = this.#clock.now(),
  ): Promise<void> {
    return appendEvent(events, { at, kind, entity_ids: entityIds, details }, this.#eventLogCap);
  }
}
