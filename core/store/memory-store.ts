import type { DecayConfig } from '../decay.js';
import type { EntityTrust } from '../entity.js';
import { sweepEntity, type SweepRule } from '../sweep-rule.js';
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
    const change = new MemoryChange(this.#entities);
    const result = body(change);
    change.apply();
    return result;
  }

  // Nothing can change between the plan and the write here, so a merge is written as planned.
  async changeAll<T>(_mode: unknown, body: (change: StoreChange) => T): Promise<T> {
    const change = new MemoryChange(this.#entities);
    const result = body({
      entities: [...this.#entities.values()].map((entity) => entity.clone()),
      write: (entity) => change.write(entity),
      remove: (id) => void change.remove(id),
    });
    change.apply();
    return result;
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

  async sweepAll(now: EpochMs, decay: DecayConfig, rule: SweepRule): Promise<SweepSummary> {
    const summary = { scanned: this.#entities.size, changed: 0, removed: 0 };
    // Values, not entries: no [id, entity] pair per entity.
    for (const entity of this.#entities.values()) {
      const action = sweepEntity(entity, now, decay, rule);
      if (action === 'write') summary.changed++;
      else if (action === 'remove') {
        this.#entities.delete(entity.entityId);
        summary.removed++;
      }
    }
    return summary;
  }
}

/**
 * One change's writes (undefined: removed), kept aside until `apply`, so that a change whose body
 * throws leaves the map as it was. A class rather than an object of closures: outcomes are the
 * hot path, and this allocates one object per change.
 */
class MemoryChange implements EntityChange {
  readonly #entities: Map<string, EntityTrust>;
  readonly #pending = new Map<string, EntityTrust | undefined>();

  constructor(entities: Map<string, EntityTrust>) {
    this.#entities = entities;
  }

  read(entityId: string): EntityTrust | undefined {
    return this.#current(entityId)?.clone();
  }

  write(entity: EntityTrust): void {
    this.#pending.set(entity.entityId, entity.clone());
  }

  remove(entityId: string): boolean {
    const existed = this.#current(entityId) !== undefined;
    this.#pending.set(entityId, undefined);
    return existed;
  }

  apply(): void {
    for (const [id, entity] of this.#pending) {
      if (entity) this.#entities.set(id, entity);
      else this.#entities.delete(id);
    }
  }

  #current(entityId: string): EntityTrust | undefined {
    return this.#pending.has(entityId) ? this.#pending.get(entityId) : this.#entities.get(entityId);
  }
}

/** A `TrustStore` in memory: for tests, benchmarks, and short-lived tools. */
export class MemoryTrustStore extends AdapterTrustStore {
  constructor(options: TrustStoreOptions = {}) {
    super(new MemoryAdapter(), options);
  }
}
