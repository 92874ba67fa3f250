// Entities in IndexedDB, in hash buckets (see entity-buckets.ts): one transaction per change, each
// change's events logged in the same transaction as the change itself.
import type { StoreNames } from 'idb';
import type {
  ChangeEvent, DecayConfig, Durability, EntityChange, EntityTrust, EpochMs, StorageAdapter, StoreChange, SweepRule,
  SweepSummary,
} from '@/core/index.js';
import type { SweepResult } from '../api/api-types.js';
import { runSweep } from './decay-sweep.js';
import { BucketSet, bucketOf, parseEntity, readableEntities, storedText } from '../db/entity-buckets.js';
import { MAX_EVENT_ENTITY_IDS, appendEvent, type WritableEvents } from '../db/event-log.js';
import { PendingWrites, inTransaction } from '../db/transaction.js';
import type { OutboxEntry, SummaryBucket, TrustDb, TrustDbSchema } from '../db/schema.js';

// The outbox is in every write's scope: a local write and its outbox entry commit together.
const WRITE_STORES = ['entity-buckets', 'summary-buckets', 'events', 'outbox'] as const;
type WriteStores = typeof WRITE_STORES;

export interface IndexedDbAdapterOptions {
  /** How many events the log keeps (the oldest go first). */
  eventLogCap: number;
  /** Called after a committed change that moved entities into or out of low trust (the badge's count). */
  onLowTrustChange?: (() => void) | undefined;
  /** Where a sweep's `finished_at` and the moment of each change come from. */
  clockNow: () => EpochMs;
  /** The decay that brings an entity to the moment of a change, when its low-trust flag is set. */
  decay: DecayConfig;
  /**
   * A write for the bridge's outbox, added in the same transaction as this adapter's first change:
   * the local change and the record that it must reach this computer's store land together or not at all.
   */
  outboxEntry?: OutboxEntry | undefined;
}

/** The options of a sweep that may resume one cut short, and reports each batch. */
export interface SweepRequest {
  now: EpochMs;
  config: DecayConfig;
  rule: SweepRule;
  resume: boolean;
  onBatch?: (() => void | Promise<void>) | undefined;
}

export class IndexedDbAdapter implements StorageAdapter {
  readonly #db: TrustDb;
  readonly #options: IndexedDbAdapterOptions;

  constructor(db: TrustDb, options: IndexedDbAdapterOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** Its changes always log: the event log is part of this store. */
  change<T>(entityIds: readonly string[], durability: Durability, body: (change: Required<EntityChange>) => T): Promise<T> {
    return this.#transaction(durability, async (buckets, log) => {
      await buckets.loadFor(entityIds);
      return body({
        read: (id) => buckets.get(id),
        write: (entity) => buckets.put(entity),
        remove: (id) => buckets.delete(id),
        log,
      });
    });
  }

  // Plan and write in one transaction, so that nothing can change in between: a merge is written as
  // planned. Strict durability, so that an import reported as done survives a crash.
  // The core logs an import with no ids; the ids it wrote are added here, so that each entity's
  // history shows the import that changed it.
  changeAll<T>(_mode: unknown, body: (change: StoreChange) => T): Promise<T> {
    return this.#transaction('strict', async (buckets, log) => {
      await buckets.loadAll();
      const written: string[] = [];
      return body({
        entities: readableEntities([...buckets.texts()].map(([, text]) => text)),
        write: (entity) => {
          if (written.length <= MAX_EVENT_ENTITY_IDS) written.push(entity.entityId);
          buckets.put(entity);
        },
        remove: (id) => void buckets.delete(id),
        log: (event) => log(event.entityIds.length ? event : withEntityIds(event, written)),
      });
    });
  }

  /** The stored entities with these ids (undefined where absent), read in one transaction. */
  async read(entityIds: readonly string[]): Promise<(EntityTrust | undefined)[]> {
    const tx = this.#db.transaction('entity-buckets');
    const buckets = await Promise.all(entityIds.map((id) => tx.store.get(bucketOf(id))));
    return entityIds.map((id, i) => {
      const text = storedText(buckets[i], id);
      return text === undefined ? undefined : parseEntity(text);
    });
  }

  async has(entityId: string): Promise<boolean> {
    return storedText(await this.#db.get('entity-buckets', bucketOf(entityId)), entityId) !== undefined;
  }

  async all(): Promise<EntityTrust[]> {
    const texts: string[] = [];
    for (const { entities } of await this.#db.getAll('entity-buckets')) texts.push(...Object.values(entities));
    return readableEntities(texts);
  }

  /** Counted from the list rows, without reading a single entity. */
  async count(type: string | undefined): Promise<number> {
    const buckets = await this.#db.getAll('summary-buckets');
    if (type === undefined) return countRows(buckets);
    let count = 0;
    for (const { types } of buckets) for (const rowType of types) if (rowType === type) count++;
    return count;
  }

  async sweepAll(now: EpochMs, config: DecayConfig, rule: SweepRule): Promise<SweepSummary> {
    const { scanned, changed, removed } = await this.sweep({ now, config, rule, resume: false });
    return { scanned, changed, removed };
  }

  /** The batched sweep, logged and resumable (a worker stopped part-way resumes it on its next wake). */
  sweep({ now, config, rule, resume, onBatch }: SweepRequest): Promise<SweepResult> {
    const { eventLogCap, clockNow } = this.#options;
    return runSweep(this.#db, { now, config, rule, resume, eventLogCap, clockNow, onBatch });
  }

  /** Deletes every entity and the whole event log, then logs that; resolves to how many entities there were. */
  async deleteAll(at: EpochMs): Promise<number> {
    const tx = this.#db.transaction([...WRITE_STORES, 'meta'], 'readwrite', { durability: 'strict' });
    const count = await inTransaction(tx, async () => {
      const entry = this.#takeOutboxEntry();
      if (entry) await tx.objectStore('outbox').add(entry);
      const summaries = tx.objectStore('summary-buckets');
      const count = countRows(await summaries.getAll());
      await Promise.all([
        tx.objectStore('entity-buckets').clear(), summaries.clear(), tx.objectStore('events').clear(),
        tx.objectStore('meta').delete('sweep-cursor'),
      ]);
      await this.#append(tx.objectStore('events'), { kind: 'delete', at, entityIds: [], details: { all: true, entities: count } });
      return count;
    });
    if (count > 0) this.#options.onLowTrustChange?.();
    return count;
  }

  /**
   * Runs `body` on the buckets in one read-write transaction, then writes the changed buckets and
   * the events it logged; after the commit, tells `onLowTrustChange` if an entity moved into or out
   * of low trust.
   */
  async #transaction<T>(
    durability: Durability,
    body: (buckets: BucketSet<WriteStores>, log: (event: ChangeEvent) => void) => Promise<T>,
  ): Promise<T> {
    const entry = this.#takeOutboxEntry();
    const tx = this.#db.transaction(WRITE_STORES, 'readwrite', { durability });
    const { clockNow, decay } = this.#options;
    const buckets = new BucketSet(tx.objectStore('entity-buckets'), tx.objectStore('summary-buckets'), { now: clockNow(), decay });
    const result = await inTransaction(tx, async () => {
      const events: ChangeEvent[] = [];
      const result = await body(buckets, (event) => events.push(event));
      const writes = new PendingWrites();
      buckets.write(writes);
      for (const event of events) writes.add(this.#append(tx.objectStore('events'), event));
      if (entry) writes.add(tx.objectStore('outbox').add(entry).then(() => {}));
      await writes.all();
      return result;
    });
    if (buckets.lowTrustChanged) this.#options.onLowTrustChange?.();
    return result;
  }

  #takeOutboxEntry(): OutboxEntry | undefined {
    const entry = this.#options.outboxEntry;
    this.#options.outboxEntry = undefined;
    return entry;
  }

  /**
   * Entities as this computer's store holds them, and ids it no longer has: the mirror of what the
   * bridge host sent. No events: they happened there.
   */
  mirror(entities: readonly EntityTrust[], removed: readonly string[]): Promise<void> {
    const ids = [...entities.map((entity) => entity.entityId), ...removed];
    return this.#transaction('relaxed', async (buckets) => {
      await buckets.loadFor(ids);
      for (const entity of entities) buckets.put(entity);
      for (const id of removed) buckets.delete(id);
    });
  }

  /** Every stored id, from the list rows. */
  async ids(): Promise<string[]> {
    const ids: string[] = [];
    for (const bucket of await this.#db.getAll('summary-buckets')) ids.push(...bucket.ids);
    return ids;
  }

  #append<S extends ArrayLike<StoreNames<TrustDbSchema>>>(events: WritableEvents<S>, event: ChangeEvent): Promise<void> {
    const { kind, at, entityIds, details } = event;
    return appendEvent(events, { kind, at, entity_ids: entityIds, details }, this.#options.eventLogCap);
  }
}

/** A store-wide event with the ids it changed (at most MAX_EVENT_ENTITY_IDS of them). */
function withEntityIds(event: ChangeEvent, ids: string[]): ChangeEvent {
  const truncated = ids.length > MAX_EVENT_ENTITY_IDS;
  return {
    ...event,
    entityIds: truncated ? ids.slice(0, MAX_EVENT_ENTITY_IDS) : ids,
    details: truncated ? { ...event.details, ids_truncated: true } : event.details,
  };
}

/** How many entities the summary buckets list. */
function countRows(buckets: SummaryBucket[]): number {
  let count = 0;
  for (const { ids } of buckets) count += ids.length;
  return count;
}
