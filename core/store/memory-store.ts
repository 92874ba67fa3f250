import type { DecayConfig } from '../decay.js';
import type { EntityTrust } from '../entity.js';
import type { EpochMs } from '../time.js';
import { AdapterTrustStore } from './adapter-trust-store.js';
import type { EntityChange, StorageAdapter, StoreChange } from './storage-adapter.js';
import type { SweepSummary, TrustStoreOptions } from './trust-store.js';

/**
 * Entities in a Map. A change collects its writes and applies them after its body returns, so a
 * body that throws changes nothing; the store keeps its own copies (clones share state until
 * either side changes, so copying is cheap).
 */
export class MemoryAdapter implements StorageAdapter {
  readonly #entities = new Map<string, EntityTrust>();

  async change<T>(_entityIds: readonly string[], _durability: unknown, body: (change: EntityChange) => T): Promise<T> {
    return this.#changing((pending) => body({
      read: (id) => (pending.has(id) ? pending.get(id) : this.#entities.get(id))?.clone(),
      write: (entity) => pending.set(entity.entityId, entity.clone()),
      remove: (id) => {
        const existed = (pending.has(id) ? pending.get(id) : this.#entities.get(id)) !== undefined;
        pending.set(id, undefined);
        return existed;
      },
      log: () => {},
    }));
  }

  // Nothing can change between the plan and the write here, so a merge is written as planned.
  async changeAll<T>(_mode: unknown, body: (change: StoreChange) => T): Promise<T> {
    return this.#changing((pending) => body({
      entities: [...this.#entities.values()].map((entity) => entity.clone()),
      write: (entity) => pending.set(entity.entityId, entity.clone()),
      remove: (id) => pending.set(id, undefined),
      log: () => {},
    }));
  }

  async read(entityIds: readonly string[]): Promise<(EntityTrust | undefined)[]> {
    return entityIds.map((id) => this.#entities.get(id)?.clone());
  }

  async has(entityId: string): Promise<boolean> {
    return this.#entities.has(entityId);
  }

  async all(): Promise<EntityTrust[]> {
    return [...this.#entities.values()].map((entity) => entity.clone());
  }

  async count(type: string | undefined): Promise<number> {
    if (type === undefined) return this.#entities.size;
    let count = 0;
    for (const entity of this.#entities.values()) if (entity.entityType === type) count++;
    return count;
  }

  async decayAll(now: EpochMs, config: DecayConfig): Promise<SweepSummary> {
    let changed = 0;
    for (const entity of this.#entities.values()) if (entity.decayTo(now, config)) changed++;
    return { scanned: this.#entities.size, changed };
  }

  /** Runs `body` with a map of pending writes (undefined: removed), applied only if it returns. */
  #changing<T>(body: (pending: Map<string, EntityTrust | undefined>) => T): T {
    const pending = new Map<string, EntityTrust | undefined>();
    const result = body(pending);
    for (const [id, entity] of pending) {
      if (entity) this.#entities.set(id, entity);
      else this.#entities.delete(id);
    }
    return result;
  }
}

/** A `TrustStore` in memory: for tests, benchmarks, and short-lived tools. */
export class MemoryTrustStore extends AdapterTrustStore {
  constructor(options: TrustStoreOptions = {}) {
    super(new MemoryAdapter(), options);
  }
}
