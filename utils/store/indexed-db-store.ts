// The core's TrustStore on IndexedDB, with what the extension adds: reset, delete-all, and the
// resumable sweep the alarm runs.
import {
  AdapterTrustStore, DEFAULT_DECAY, EntityTrust, assertEntityId, systemClock, type TrustStoreOptions,
} from '@/core/index.js';
import type { SweepResult } from '../api/api-types.js';
import { DEFAULT_EVENT_LOG_CAP } from '../db/event-log.js';
import { IndexedDbAdapter, type SweepRequest } from './indexed-db-adapter.js';
import type { OutboxEntry, TrustDb } from '../db/schema.js';

export interface IndexedDbTrustStoreOptions extends TrustStoreOptions {
  /** How many events the log keeps (the oldest go first). */
  eventLogCap?: number;
  /** Called after a committed change that moved entities into or out of low trust (the badge's count). */
  onLowTrustChange?: () => void;
  /** Added to the bridge's outbox with this store's first change, in its transaction. */
  outboxEntry?: OutboxEntry | undefined;
}

export class IndexedDbTrustStore extends AdapterTrustStore {
  readonly #adapter: IndexedDbAdapter;

  constructor(db: TrustDb, options: IndexedDbTrustStoreOptions = {}) {
    const { eventLogCap = DEFAULT_EVENT_LOG_CAP, onLowTrustChange, outboxEntry } = options;
    const clock = options.clock ?? systemClock;
    const adapter = new IndexedDbAdapter(db, {
      eventLogCap, onLowTrustChange, clockNow: () => clock.now(), decay: options.decay ?? DEFAULT_DECAY, outboxEntry,
    });
    super(adapter, options);
    this.#adapter = adapter;
  }

  /** Replaces an entity with a fresh neutral one, logged as a `reset`. */
  async reset(entityId: string): Promise<EntityTrust> {
    assertEntityId(entityId);
    const at = this.clock.now();
    const fresh = EntityTrust.create(entityId, at);
    await this.#adapter.change([entityId], 'strict', (change) => {
      change.write(fresh);
      change.log({ kind: 'reset', at, entityIds: [entityId], details: {} });
    });
    return fresh;
  }

  /**
   * The stored entities with these ids at now (undefined where absent or unreadable), read in one
   * transaction: the detail view's witness lists.
   */
  async getMany(entityIds: readonly string[], { atNow = true } = {}): Promise<(EntityTrust | undefined)[]> {
    let entities: (EntityTrust | undefined)[];
    try {
      entities = await this.#adapter.read(entityIds);
    } catch {
      // One unreadable entity must not hide the others.
      entities = await Promise.all(entityIds.map((id) => this.#adapter.read([id]).then(([e]) => e, () => undefined)));
    }
    if (!atNow) return entities;
    const now = this.clock.now();
    return entities.map((entity) => this.atNow(entity, now));
  }

  /** The stored entities with these ids as stored (not brought to now), absent ones left out. */
  async readStored(entityIds: readonly string[]): Promise<Map<string, EntityTrust>> {
    const found = new Map<string, EntityTrust>();
    // Past a few thousand ids, reading every bucket whole is cheaper than one get per id.
    if (entityIds.length > 2_000) {
      const wanted = new Set(entityIds);
      for (const entity of await this.#adapter.all()) if (wanted.has(entity.entityId)) found.set(entity.entityId, entity);
      return found;
    }
    for (const entity of await this.getMany(entityIds, { atNow: false })) if (entity) found.set(entity.entityId, entity);
    return found;
  }

  /** Deletes every entity and the whole event log, then logs that; resolves to how many entities there were. */
  deleteAll(): Promise<number> {
    return this.#adapter.deleteAll(this.clock.now());
  }

  /** Writes what the bridge host sent, as it sent it (see `IndexedDbAdapter.mirror`). */
  mirror(entities: readonly EntityTrust[], removed: readonly string[]): Promise<void> {
    return this.#adapter.mirror(entities, removed);
  }

  /** Every stored id. */
  ids(): Promise<string[]> {
    return this.#adapter.ids();
  }

  /** The batched sweep, with its options (resume a cut-short sweep, a callback per batch). */
  sweep({ now = this.clock.now(), config = this.decay, rule = this.sweepRule, resume, onBatch }: Partial<SweepRequest> & { resume: boolean }): Promise<SweepResult> {
    return this.#adapter.sweep({ now, config, rule, resume, onBatch });
  }
}
