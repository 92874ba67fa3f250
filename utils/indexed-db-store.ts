// The core's TrustStore on IndexedDB: one transaction per logical operation, each change logged in
// the same transaction as the change itself.
import {
  DEFAULT_DECAY, EntityTrust, assertDecayConfig, assertEntityId, assertMagnitude, assertWitnessIds,
  buildWitnessingChain, createBundle, planImportOrThrow, recordOutcome, recordWitness, systemClock,
  type Clock, type DecayConfig, type EntityFilter, type EpochMs, type ImportMode, type ImportPlan,
  type SweepSummary, type TrustBundle, type TrustStore, type TrustStoreOptions, type WitnessingChain,
} from '@/core/index.js';
import type { SweepResult } from './api-types.js';
import { runSweep } from './decay-sweep.js';
import { fromRecord, toRecord } from './entity-record.js';
import { DEFAULT_EVENT_LOG_CAP, appendEvent, type NewEvent, type WritableEvents } from './event-log.js';
import { PendingWrites, inTransaction } from './transaction.js';
import type { TrustDb } from './trust-db.js';

export interface IndexedDbTrustStoreOptions extends TrustStoreOptions {
  /** How many events the log keeps (the oldest go first). */
  eventLogCap?: number;
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

  constructor(db: TrustDb, { clock = systemClock, decay = DEFAULT_DECAY, eventLogCap = DEFAULT_EVENT_LOG_CAP }: IndexedDbTrustStoreOptions = {}) {
    assertDecayConfig(decay);
    this.#db = db;
    this.#clock = clock;
    this.#decay = { ...decay };
    this.#eventLogCap = eventLogCap;
  }

  async get(entityId: string): Promise<EntityTrust> {
    return (await this.getExisting(entityId)) ?? new EntityTrust(entityId, this.#clock.now());
  }

  async getExisting(entityId: string): Promise<EntityTrust | undefined> {
    assertEntityId(entityId);
    const record = await this.#db.get('entities', entityId);
    return record && fromRecord(record);
  }

  async save(entity: EntityTrust): Promise<void> {
    await this.#db.put('entities', toRecord(entity));
  }

  async delete(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    const tx = this.#db.transaction(['entities', 'events'], 'readwrite', { durability: 'strict' });
    return inTransaction(tx, async () => {
      const entities = tx.objectStore('entities');
      if ((await entities.count(entityId)) === 0) return false;
      await Promise.all([entities.delete(entityId), this.#log(tx.objectStore('events'), 'delete', [entityId], {})]);
      return true;
    });
  }

  /** Replaces an entity with a fresh neutral one, logged as a `reset`. */
  async reset(entityId: string): Promise<EntityTrust> {
    assertEntityId(entityId);
    const fresh = new EntityTrust(entityId, this.#clock.now());
    const tx = this.#db.transaction(['entities', 'events'], 'readwrite', { durability: 'strict' });
    await inTransaction(tx, async () => {
      await Promise.all([tx.objectStore('entities').put(toRecord(fresh)), this.#log(tx.objectStore('events'), 'reset', [entityId], {})]);
    });
    return fresh;
  }

  /** Deletes every entity and the whole event log, then logs that; resolves to how many entities there were. */
  async deleteAll(): Promise<number> {
    const tx = this.#db.transaction(['entities', 'events', 'meta'], 'readwrite', { durability: 'strict' });
    return inTransaction(tx, async () => {
      const entities = tx.objectStore('entities');
      const count = await entities.count();
      await Promise.all([entities.clear(), tx.objectStore('events').clear(), tx.objectStore('meta').delete('sweep-cursor')]);
      await this.#log(tx.objectStore('events'), 'delete', [], { all: true, entities: count });
      return count;
    });
  }

  async exists(entityId: string): Promise<boolean> {
    return (await this.#db.count('entities', entityId)) > 0;
  }

  async list({ type }: EntityFilter = {}): Promise<EntityTrust[]> {
    const records = type === undefined
      ? await this.#db.getAll('entities')
      : await this.#db.getAllFromIndex('entities', 'type', type);
    return records.map(fromRecord);
  }

  async count({ type }: EntityFilter = {}): Promise<number> {
    return type === undefined ? this.#db.count('entities') : this.#db.countFromIndex('entities', 'type', type);
  }

  async update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust> {
    assertEntityId(entityId);
    assertMagnitude(magnitude);
    const now = this.#clock.now();
    // Relaxed: an outcome is one small event; waiting for the disk on each would cap the rate.
    const tx = this.#db.transaction(['entities', 'events'], 'readwrite', { durability: 'relaxed' });
    return inTransaction(tx, async () => {
      const entities = tx.objectStore('entities');
      const entity = this.#fromRecord(await entities.get(entityId), entityId, now);
      recordOutcome(entity, success, magnitude, now, this.#decay);
      await Promise.all([
        entities.put(toRecord(entity)),
        this.#log(tx.objectStore('events'), 'outcome', [entityId], { success, magnitude }, now),
      ]);
      return entity;
    });
  }

  async witness(
    witnessId: string, targetId: string, success: boolean, magnitude: number,
  ): Promise<[witness: EntityTrust, target: EntityTrust]> {
    assertWitnessIds(witnessId, targetId);
    assertMagnitude(magnitude);
    const now = this.#clock.now();
    const tx = this.#db.transaction(['entities', 'events'], 'readwrite', { durability: 'relaxed' });
    return inTransaction(tx, async () => {
      const entities = tx.objectStore('entities');
      const [witnessRecord, targetRecord] = await Promise.all([entities.get(witnessId), entities.get(targetId)]);
      const witness = this.#fromRecord(witnessRecord, witnessId, now);
      const target = witnessId === targetId ? witness : this.#fromRecord(targetRecord, targetId, now);
      recordWitness(witness, target, success, magnitude, now, this.#decay);
      const writes = [entities.put(toRecord(witness))];
      if (target !== witness) writes.push(entities.put(toRecord(target)));
      const ids = witnessId === targetId ? [witnessId] : [witnessId, targetId];
      await Promise.all([...writes, this.#log(tx.objectStore('events'), 'witness', ids, { witness_id: witnessId, target_id: targetId, success, magnitude }, now)]);
      return [witness.clone(), target.clone()];
    });
  }

  async witnessingChain(entityId: string, depth = 3): Promise<WitnessingChain> {
    return buildWitnessingChain(await this.get(entityId), depth, async (ids) => {
      const tx = this.#db.transaction('entities');
      const records = await Promise.all(ids.map((id) => tx.store.get(id)));
      return records.map((record) => record && fromRecord(record));
    });
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
    const records = await this.#db.getAll('entities');
    return createBundle(records.map(fromRecord), this.#clock.now());
  }

  async importBundle(input: unknown, mode: ImportMode = 'merge', { dryRun = false, onProgress }: ImportOptions = {}): Promise<ImportPlan> {
    if (dryRun) {
      const records = await this.#db.getAll('entities');
      return planImportOrThrow(records.map(fromRecord), input, mode);
    }
    // Plan and apply in one transaction, so that no change can slip in between; strict durability,
    // so that an import reported as done survives a crash.
    const tx = this.#db.transaction(['entities', 'events'], 'readwrite', { durability: 'strict' });
    return inTransaction(tx, async () => {
      const entities = tx.objectStore('entities');
      const records = await entities.getAll();
      onProgress?.({ phase: 'plan', done: 0, total: records.length });
      const plan = planImportOrThrow(records.map(fromRecord), input, mode);

      const total = plan.added.length + plan.updated.length + plan.removed.length;
      let done = 0;
      const tick = () => {
        if (++done % PROGRESS_EVERY === 0 || done === total) onProgress?.({ phase: 'write', done, total });
      };
      const writes = new PendingWrites();
      for (const entity of plan.added) writes.add(entities.put(toRecord(entity)).then(tick));
      for (const entity of plan.updated) writes.add(entities.put(toRecord(entity)).then(tick));
      for (const id of plan.removed) writes.add(entities.delete(id).then(tick));
      writes.add(this.#log(tx.objectStore('events'), 'import', [], {
        mode, added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length,
        removed: plan.removed.length, rejected: plan.rejected.length,
      }));
      await writes.all();
      return plan;
    });
  }

  #fromRecord(record: { entity: string } | undefined, entityId: string, now: EpochMs): EntityTrust {
    return record ? fromRecord(record) : new EntityTrust(entityId, now);
  }

  #log<Stores extends ArrayLike<'entities' | 'events' | 'meta'>>(
    events: WritableEvents<Stores>, kind: NewEvent['kind'], entityIds: string[], details: Record<string, unknown>,
    at: EpochMs = this.#clock.now(),
  ): Promise<void> {
    return appendEvent(events, { at, kind, entity_ids: entityIds, details }, this.#eventLogCap);
  }
}
