import { createBundle, type ImportMode, type ImportPlan, type TrustBundle } from './bundle.js';
import { buildWitnessingChain, type WitnessingChain } from './chain.js';
import { DEFAULT_DECAY, assertDecayConfig, type DecayConfig } from './decay.js';
import { assertEntityId } from './entity-id.js';
import { EntityTrust } from './entity.js';
import { assertWitnessIds, planImportOrThrow, recordOutcome, recordWitness } from './operations.js';
import type { EntityFilter, SweepSummary, TrustStore, TrustStoreOptions } from './store.js';
import { systemClock, type Clock, type EpochMs } from './time.js';

/** A `TrustStore` in memory: for tests, benchmarks, and short-lived tools. */
export class MemoryTrustStore implements TrustStore {
  readonly #entities = new Map<string, EntityTrust>();
  readonly #clock: Clock;
  readonly #decay: DecayConfig;

  constructor({ clock = systemClock, decay = DEFAULT_DECAY }: TrustStoreOptions = {}) {
    assertDecayConfig(decay);
    this.#clock = clock;
    this.#decay = { ...decay };
  }

  async get(entityId: string): Promise<EntityTrust> {
    return (await this.getExisting(entityId)) ?? EntityTrust.create(entityId, this.#clock.now());
  }

  async getExisting(entityId: string): Promise<EntityTrust | undefined> {
    assertEntityId(entityId);
    return this.#entities.get(entityId)?.clone();
  }

  async save(entity: EntityTrust): Promise<void> {
    this.#entities.set(entity.entityId, entity.clone());
  }

  async delete(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    return this.#entities.delete(entityId);
  }

  async exists(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    return this.#entities.has(entityId);
  }

  async list(filter: EntityFilter = {}): Promise<EntityTrust[]> {
    const ids = [...this.#matching(filter)].map((e) => e.entityId).sort();
    return ids.map((id) => this.#entities.get(id)!.clone());
  }

  async count(filter: EntityFilter = {}): Promise<number> {
    let n = 0;
    for (const _ of this.#matching(filter)) n++;
    return n;
  }

  async update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust> {
    const entity = this.#stored(entityId);
    recordOutcome(entity, success, magnitude, this.#clock.now(), this.#decay);
    this.#entities.set(entityId, entity);
    return entity.clone();
  }

  async witness(
    witnessId: string, targetId: string, success: boolean, magnitude: number,
  ): Promise<[witness: EntityTrust, target: EntityTrust]> {
    assertWitnessIds(witnessId, targetId);
    const witness = this.#stored(witnessId);
    const target = this.#stored(targetId);
    // recordWitness validates before it changes anything, so the stored objects can change in place.
    recordWitness(witness, target, success, magnitude, this.#clock.now(), this.#decay);
    this.#entities.set(witnessId, witness);
    this.#entities.set(targetId, target);
    return [witness.clone(), target.clone()];
  }

  async witnessingChain(entityId: string, depth = 3): Promise<WitnessingChain> {
    return buildWitnessingChain(await this.get(entityId), depth, async (ids) =>
      ids.map((id) => this.#entities.get(id)),
    );
  }

  async sweepDecay(now: EpochMs = this.#clock.now(), config: DecayConfig = this.#decay): Promise<SweepSummary> {
    assertDecayConfig(config);
    let changed = 0;
    for (const entity of this.#entities.values()) if (entity.decayTo(now, config)) changed++;
    return { scanned: this.#entities.size, changed };
  }

  async exportBundle(): Promise<TrustBundle> {
    return createBundle(this.#entities.values(), this.#clock.now());
  }

  async importBundle(input: unknown, mode: ImportMode = 'merge'): Promise<ImportPlan> {
    const plan = planImportOrThrow(this.#entities.values(), input, mode);
    for (const entity of [...plan.added, ...plan.updated]) this.#entities.set(entity.entityId, entity.clone());
    for (const id of plan.removed) this.#entities.delete(id);
    return plan;
  }

  /** The stored object itself (not a copy), or a new neutral one; for operations that then save it. */
  #stored(entityId: string): EntityTrust {
    assertEntityId(entityId);
    return this.#entities.get(entityId) ?? EntityTrust.create(entityId, this.#clock.now());
  }

  *#matching({ type }: EntityFilter): Iterable<EntityTrust> {
    for (const entity of this.#entities.values()) {
      if (type === undefined || entity.entityType === type) yield entity;
    }
  }
}
