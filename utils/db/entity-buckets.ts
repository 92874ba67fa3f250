// How entities are stored since schema 3: grouped into a fixed number of buckets by a hash of their
// id. The browser charges about the same per IndexedDB put whatever its size, so writing ~100
// entities in one record instead of 100 records is what makes 100,000-entity imports and sweeps fast.
// Each bucket has two records: the entities' JSON texts, and their list rows (so that the popup
// never reads the texts).
import type { IDBPObjectStore, StoreNames } from 'idb';
import { EntityTrust, type DecayConfig, type EpochMs } from '@/core/index.js';
import type { PendingWrites } from './transaction.js';
import type { EntityBucket, SummaryBucket, SummaryRow, TrustDbSchema } from './schema.js';
import { isLowTrustAt, rowOf, rowsOf, summaryBucketOf } from './summary-rows.js';

/**
 * Buckets per store. 1024 puts 100,000 entities ~100 to a bucket (~65 KB of entity text). Measured
 * in Chromium with 100,000 entities (bench/extension.bench.ts), import / sweep / 1,000 outcomes:
 * 256 buckets 2.1 s / 1.0 s / 4.4 s; 1024 buckets 2.1 s / 1.5 s / 3.2 s; 4096 buckets 3.0 s /
 * 3.1 s / 2.8 s. Fewer buckets make each outcome rewrite more text; more make imports and sweeps
 * pay for more records. Changing it needs an upgrade step that rehashes every entity.
 */
export const BUCKET_COUNT = 1024;

/** The text of `entityId` in a stored bucket, if it is there. */
export function storedText(record: EntityBucket | undefined, entityId: string): string | undefined {
  return record && Object.hasOwn(record.entities, entityId) ? record.entities[entityId] : undefined;
}

/** The bucket of an entity id: FNV-1a (32-bit) over its UTF-16 code units, modulo `BUCKET_COUNT`. */
export function bucketOf(entityId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entityId.length; i++) {
    hash ^= entityId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % BUCKET_COUNT;
}

/** A stored entity; an error names it by id, so that the user knows which one is to blame. */
export function parseEntity(text: string): EntityTrust {
  const value: unknown = JSON.parse(text);
  try {
    return EntityTrust.fromJSON(value);
  } catch (error) {
    const id = (value as { entity_id?: unknown } | null)?.entity_id;
    throw new Error(`the stored entity ${JSON.stringify(id)} cannot be read: ${(error as Error).message}`);
  }
}

/**
 * The stored entities that can be read. One that cannot (stored by an older version that accepted
 * it) is left out and reported, so that it never makes a whole list, export or sweep fail; an import
 * with that id replaces it.
 */
export function readableEntities(texts: Iterable<string>): EntityTrust[] {
  const entities: EntityTrust[] = [];
  for (const text of texts) {
    try {
      entities.push(parseEntity(text));
    } catch (error) {
      console.warn(`[web4-trust] ${(error as Error).message}; left out`);
    }
  }
  return entities;
}

type BucketStoreName = 'entity-buckets' | 'summary-buckets';
type Stores = ArrayLike<StoreNames<TrustDbSchema>>;
type WritableStore<S extends Stores, N extends BucketStoreName> = IDBPObjectStore<TrustDbSchema, S, N, 'readwrite'>;

interface LoadedBucket {
  entities: Map<string, string>;
  summaries: Map<string, SummaryRow>;
  lowTrust: Set<string>;
}

/** The moment a change is made at, and the decay that brings entities to it: the badge counts the entities low then. */
export interface ChangeMoment {
  now: EpochMs;
  decay: DecayConfig;
}

/**
 * Buckets read in one read-write transaction, changed in memory, then written back together:
 * both records of every changed bucket, or their deletion when the bucket became empty.
 */
export class BucketSet<S extends Stores> {
  readonly #entityStore: WritableStore<S, 'entity-buckets'>;
  readonly #summaryStore: WritableStore<S, 'summary-buckets'>;
  readonly #moment: ChangeMoment;
  readonly #loaded = new Map<number, LoadedBucket>();
  readonly #changed = new Set<number>();
  #lowTrustChanged = false;

  constructor(entityStore: WritableStore<S, 'entity-buckets'>, summaryStore: WritableStore<S, 'summary-buckets'>, moment: ChangeMoment) {
    this.#entityStore = entityStore;
    this.#summaryStore = summaryStore;
    this.#moment = moment;
  }

  /** Reads the buckets of `entityIds` (those not read yet). */
  async loadFor(entityIds: Iterable<string>): Promise<void> {
    const wanted = [...new Set([...entityIds].map(bucketOf))].filter((b) => !this.#loaded.has(b));
    await Promise.all(wanted.map(async (bucket) => {
      const [entities, summaries] = await Promise.all([this.#entityStore.get(bucket), this.#summaryStore.get(bucket)]);
      this.#add(bucket, entities, summaries);
    }));
  }

  /** Reads every bucket (imports). */
  async loadAll(): Promise<void> {
    const [entities, summaries] = await Promise.all([this.#entityStore.getAll(), this.#summaryStore.getAll()]);
    this.#addAll(0, BUCKET_COUNT, entities, summaries);
  }

  /** Reads the buckets `from` to `to` − 1 (a sweep batch). */
  async loadRange(from: number, to: number): Promise<void> {
    const range = IDBKeyRange.bound(from, to, false, true);
    const [entities, summaries] = await Promise.all([this.#entityStore.getAll(range), this.#summaryStore.getAll(range)]);
    this.#addAll(from, to, entities, summaries);
  }

  /** Every loaded entity's id and JSON text. */
  *texts(): Generator<[string, string]> {
    for (const { entities } of this.#loaded.values()) yield* entities;
  }

  /** The stored text of `entityId` (its bucket must be loaded). */
  text(entityId: string): string | undefined {
    return this.#bucket(entityId).entities.get(entityId);
  }

  get(entityId: string): EntityTrust | undefined {
    const text = this.text(entityId);
    return text === undefined ? undefined : parseEntity(text);
  }

  /** Whether a change so far moved an entity into or out of low trust (what the badge counts). */
  get lowTrustChanged(): boolean {
    return this.#lowTrustChanged;
  }

  put(entity: EntityTrust): void {
    const id = entity.entityId;
    const bucket = this.#bucket(id);
    const row = rowOf(entity);
    bucket.entities.set(id, JSON.stringify(entity));
    bucket.summaries.set(id, row);
    this.#setLowTrust(bucket, row);
    this.#changed.add(bucketOf(id));
  }

  /**
   * Brings the low-trust flag of a stored entity that is not rewritten (a sweep keeps it as stored)
   * to this change's moment.
   */
  refreshLowTrust(entityId: string): void {
    const bucket = this.#bucket(entityId);
    const row = bucket.summaries.get(entityId);
    if (row !== undefined && this.#setLowTrust(bucket, row)) this.#changed.add(bucketOf(entityId));
  }

  /** Removes `entityId`; false if it was not stored. */
  delete(entityId: string): boolean {
    const bucket = this.#bucket(entityId);
    if (!bucket.entities.has(entityId)) return false;
    if (bucket.lowTrust.delete(entityId)) this.#lowTrustChanged = true;
    bucket.entities.delete(entityId);
    bucket.summaries.delete(entityId);
    this.#changed.add(bucketOf(entityId));
    return true;
  }

  /** Queues the writes of every changed bucket in `writes`. */
  write(writes: PendingWrites): void {
    for (const bucket of this.#changed) {
      const { entities, summaries, lowTrust } = this.#loaded.get(bucket)!;
      if (summaries.size === 0) {
        writes.add(this.#entityStore.delete(bucket));
        writes.add(this.#summaryStore.delete(bucket));
      } else {
        writes.add(this.#entityStore.put({ bucket, entities: Object.fromEntries(entities) }));
        writes.add(this.#summaryStore.put(summaryBucketOf(bucket, summaries.values(), lowTrust)));
      }
    }
    this.#changed.clear();
  }

  #bucket(entityId: string): LoadedBucket {
    const bucket = this.#loaded.get(bucketOf(entityId));
    if (!bucket) throw new Error(`bucket of ${entityId} not loaded`);
    return bucket;
  }

  /** Sets the row's low-trust flag at this change's moment; returns whether it changed. */
  #setLowTrust(bucket: LoadedBucket, row: SummaryRow): boolean {
    const low = isLowTrustAt(row, this.#moment.now, this.#moment.decay);
    if (bucket.lowTrust.has(row.entity_id) === low) return false;
    if (low) bucket.lowTrust.add(row.entity_id);
    else bucket.lowTrust.delete(row.entity_id);
    this.#lowTrustChanged = true;
    return true;
  }

  #add(bucket: number, entities: EntityBucket | undefined, summaries: SummaryBucket | undefined): void {
    this.#loaded.set(bucket, {
      entities: new Map(entities ? Object.entries(entities.entities) : []),
      summaries: new Map((summaries ? rowsOf(summaries) : []).map((row) => [row.entity_id, row])),
      lowTrust: new Set(summaries?.low_trust),
    });
  }

  /** Records read for buckets `from` to `to` − 1; the buckets with no record are empty. */
  #addAll(from: number, to: number, entities: EntityBucket[], summaries: SummaryBucket[]): void {
    const summariesByBucket = new Map(summaries.map((s) => [s.bucket, s]));
    for (let b = from; b < to; b++) {
      if (!this.#loaded.has(b)) this.#add(b, undefined, undefined);
    }
    for (const record of entities) this.#add(record.bucket, record, summariesByBucket.get(record.bucket));
  }
}
