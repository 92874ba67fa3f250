import { compareIds, createBundle, type TrustBundle } from '../bundle-format.js';
import type { ImportMode, ImportPlan } from '../import-plan.js';
import { buildWitnessingChain, type WitnessingChain } from '../chain.js';
import { DEFAULT_DECAY, assertDecayConfig, type DecayConfig } from '../decay.js';
import { assertEntityId } from '../entity-id.js';
import { EntityTrust } from '../entity.js';
import { DEFAULT_SWEEP_RULE, assertSweepConfig, assertSweepRule, type SweepRule } from '../sweep-rule.js';
import { systemClock, type Clock, type EpochMs } from '../time.js';
import {
  applyCheckedOperations, assertOperations, operationIds, planImportOrThrow, type TrustOperation,
} from './operations.js';
import type { ChangeEvent, StorageAdapter } from './storage-adapter.js';
import type { EntityFilter, ImportOptions, SweepSummary, TrustStore, TrustStoreOptions } from './trust-store.js';

const PROGRESS_EVERY = 5000;

/**
 * The one implementation of the `TrustStore` rules, over any `StorageAdapter`: every id checked
 * before anything is read, reads decayed to now, decay before each new outcome or witness, a
 * witness's two entities changed together, imports planned and applied as one change. Stores differ
 * only in their adapter (and what they add: the folder's pending queue, the extension's resumable
 * sweep).
 */
export class AdapterTrustStore implements TrustStore {
  protected readonly clock: Clock;
  protected readonly decay: DecayConfig;
  protected readonly sweepRule: SweepRule;
  readonly #adapter: StorageAdapter;

  constructor(
    adapter: StorageAdapter,
    { clock = systemClock, decay = DEFAULT_DECAY, sweep = DEFAULT_SWEEP_RULE }: TrustStoreOptions = {},
  ) {
    assertDecayConfig(decay);
    assertSweepRule(sweep);
    this.#adapter = adapter;
    this.clock = clock;
    this.decay = { ...decay };
    this.sweepRule = { ...sweep };
  }

  /** Runs before every operation: a store with work other processes left unfinished finishes it here. */
  protected async ready(): Promise<void> {}

  async get(entityId: string): Promise<EntityTrust> {
    return (await this.getExisting(entityId)) ?? EntityTrust.create(entityId, this.clock.now());
  }

  async getExisting(entityId: string): Promise<EntityTrust | undefined> {
    assertEntityId(entityId);
    await this.ready();
    return this.atNow((await this.#adapter.read([entityId]))[0]);
  }

  /**
   * An entity as read, brought to its state at now (in place: reads hand out copies). Decay is
   * time-consistent, so this is exact whether or not a sweep ran, and it writes nothing.
   */
  protected atNow<E extends EntityTrust | undefined>(entity: E, now: EpochMs = this.clock.now()): E {
    entity?.decayTo(now, this.decay);
    return entity;
  }

  /** `atNow` of each entity, at one moment. */
  protected allAtNow(entities: EntityTrust[], now: EpochMs = this.clock.now()): EntityTrust[] {
    for (const entity of entities) entity.decayTo(now, this.decay);
    return entities;
  }

  async save(entity: EntityTrust): Promise<void> {
    await this.ready();
    // No copy here: an adapter keeps its own (memory) or writes the entity out before this resolves.
    await this.#adapter.change([entity.entityId], 'default', (change) => change.write(entity));
  }

  async delete(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    await this.ready();
    const at = this.clock.now();
    return this.#adapter.change([entityId], 'strict', (change) => {
      const removed = change.remove(entityId);
      if (removed) change.log?.({ kind: 'delete', at, entityIds: [entityId], details: {} });
      return removed;
    });
  }

  async exists(entityId: string): Promise<boolean> {
    assertEntityId(entityId);
    await this.ready();
    return this.#adapter.has(entityId);
  }

  async list({ type }: EntityFilter = {}): Promise<EntityTrust[]> {
    await this.ready();
    return this.listed(this.allAtNow(await this.#adapter.all()), type);
  }

  /** Entities of one type (all when `type` is undefined), sorted by id: what `list` returns. */
  protected listed(entities: EntityTrust[], type: string | undefined): EntityTrust[] {
    return (type === undefined ? entities : entities.filter((entity) => entity.entityType === type))
      .sort((a, b) => compareIds(a.entityId, b.entityId));
  }

  async count({ type }: EntityFilter = {}): Promise<number> {
    await this.ready();
    return this.#adapter.count(type);
  }

  async update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust> {
    const entities = await this.record([{ kind: 'outcome', entityId, success, magnitude }]);
    return entities.get(entityId)!;
  }

  async witness(
    witnessId: string, targetId: string, success: boolean, magnitude: number,
  ): Promise<[witness: EntityTrust, target: EntityTrust]> {
    const entities = await this.record([{ kind: 'witness', witnessId, targetId, success, magnitude }]);
    return [entities.get(witnessId)!, entities.get(targetId)!];
  }

  /**
   * Applies `operations` in order, now, as one change: every entity they touch changes, or none
   * does. Resolves to the entities as stored, by id.
   */
  async record(operations: readonly TrustOperation[]): Promise<Map<string, EntityTrust>> {
    assertOperations(operations);
    await this.ready();
    return this.recordAt(operations, this.clock.now());
  }

  /**
   * `record` at `at`, or at an entity's last activity if that is later: an entity's history never
   * runs backwards, whether the operations were queued earlier and applied late or the clock was
   * set back. With `operationId`, an adapter that remembers ids applies them at most once (see
   * `StorageAdapter.change`).
   */
  protected recordAt(
    operations: readonly TrustOperation[], at: EpochMs, operationId?: string,
  ): Promise<Map<string, EntityTrust>> {
    const ids = operationIds(operations);
    // Relaxed: an outcome is one small event; waiting for the disk on each would cap the rate.
    return this.#adapter.change(ids, 'relaxed', (change) => {
      const stored: (EntityTrust | undefined)[] = [];
      let now = at;
      for (const id of ids) {
        const entity = change.read(id);
        stored.push(entity);
        if (entity?.lastActivity != null) now = Math.max(now, entity.lastActivity);
      }
      const entities = new Map<string, EntityTrust>();
      for (const [i, id] of ids.entries()) entities.set(id, stored[i] ?? EntityTrust.create(id, now));
      applyCheckedOperations(entities, operations, now, this.decay);
      for (const entity of entities.values()) change.write(entity);
      if (change.log) for (const operation of operations) change.log(eventOf(operation, now));
      return entities;
    }, operationId);
  }

  async witnessingChain(entityId: string, depth = 3): Promise<WitnessingChain> {
    return this.witnessingChainOf(await this.get(entityId), depth);
  }

  /** The chain of an entity already read, so that a caller holding it does not read it again. */
  witnessingChainOf(entity: EntityTrust, depth = 3): Promise<WitnessingChain> {
    return buildWitnessingChain(entity, depth, (ids) => this.#readLinks(ids));
  }

  async sweepDecay(now: EpochMs = this.clock.now(), config: DecayConfig = this.decay): Promise<SweepSummary> {
    assertSweepConfig(config, this.sweepRule);
    await this.ready();
    return this.#adapter.sweepAll(now, config, this.sweepRule);
  }

  /** Every entity as it stands at the bundle's `exported_at`. */
  async exportBundle(): Promise<TrustBundle> {
    await this.ready();
    const now = this.clock.now();
    return createBundle(this.allAtNow(await this.#adapter.all(), now), now);
  }

  /**
   * Plans the import against what is stored and applies it as one change. Throws `TrustFormatError`
   * (changing nothing) when the input as a whole is unusable.
   */
  async importBundle(input: unknown, mode: ImportMode = 'merge', { dryRun = false, onProgress }: ImportOptions = {}): Promise<ImportPlan> {
    await this.ready();
    if (dryRun) return planImportOrThrow(await this.#adapter.all(), input, mode);
    const at = this.clock.now();
    return this.#adapter.changeAll(mode, (change) => {
      onProgress?.({ phase: 'plan', done: 0, total: change.entities.length });
      const plan = planImportOrThrow(change.entities, input, mode);
      const total = plan.added.length + plan.updated.length + plan.removed.length;
      let done = 0;
      const tick = () => {
        if (++done % PROGRESS_EVERY === 0 || done === total) onProgress?.({ phase: 'write', done, total });
      };
      for (const entity of plan.added) { change.write(entity); tick(); }
      for (const entity of plan.updated) { change.write(entity); tick(); }
      for (const id of plan.removed) { change.remove(id); tick(); }
      change.log?.({
        kind: 'import', at, entityIds: [], details: {
          mode, added: plan.added.length, updated: plan.updated.length, unchanged: plan.unchanged.length,
          removed: plan.removed.length, rejected: plan.rejected.length,
        },
      });
      return plan;
    });
  }

  /** A chain's linked entities; one that cannot be read is shown as absent rather than failing the chain. */
  async #readLinks(ids: string[]): Promise<(EntityTrust | undefined)[]> {
    let entities: (EntityTrust | undefined)[];
    try {
      entities = await this.#adapter.read(ids);
    } catch {
      entities = await Promise.all(ids.map((id) => this.#adapter.read([id]).then(([entity]) => entity, () => undefined)));
    }
    const now = this.clock.now();
    return entities.map((entity) => this.atNow(entity, now));
  }
}

function eventOf(operation: TrustOperation, at: EpochMs): ChangeEvent {
  switch (operation.kind) {
    case 'outcome':
      return { kind: 'outcome', at, entityIds: [operation.entityId], details: { success: operation.success, magnitude: operation.magnitude } };
    case 'witness': {
      const { witnessId, targetId, success, magnitude } = operation;
      return { kind: 'witness', at, entityIds: [witnessId, targetId], details: { witness_id: witnessId, target_id: targetId, success, magnitude } };
    }
    case 'call': {
      const { tool, success, failureKind, durationMs, retryLoop } = operation.call;
      return {
        kind: 'call', at, entityIds: [operation.entityId],
        details: { tool, success, failure_kind: failureKind ?? null, duration_ms: durationMs ?? null, retry_loop: retryLoop ?? false },
      };
    }
  }
}
