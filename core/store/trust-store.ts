import type { TrustBundle } from '../bundle-format.js';
import type { ImportMode, ImportPlan } from '../import-plan.js';
import type { WitnessingChain } from '../chain.js';
import type { DecayConfig } from '../decay.js';
import type { SweepRule } from '../sweep-rule.js';
import type { EntityTrust } from '../entity.js';
import type { Clock, EpochMs } from '../time.js';
import type { TrustOperation } from './operations.js';

export interface EntityFilter {
  /** Only entities of this type (`mcp`, `role`, …; `""` for ids without a type). */
  type?: string | undefined;
}

export interface SweepSummary {
  /** Entities looked at. */
  scanned: number;
  /** Entities whose decayed scores were written back. */
  changed: number;
  /** Idle sessions removed. */
  removed: number;
}

export interface ImportProgressStep {
  phase: 'plan' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Plan only: nothing is written. */
  dryRun?: boolean | undefined;
  /** Told when planning starts and every 5,000 entities written. */
  onProgress?: ((step: ImportProgressStep) => void) | undefined;
}

export interface TrustStoreOptions {
  /** Where the store reads the time; tests pass a fake one. */
  clock?: Clock;
  /** Decay applied to reads and before each new outcome or witness (the sweep may take its own). */
  decay?: DecayConfig;
  /** What a sweep writes back and removes (default `DEFAULT_SWEEP_RULE`). */
  sweep?: SweepRule | undefined;
}

/**
 * Where entities live. Every implementation keeps these rules (checked by the shared contract suite):
 * reads never create; returned entities are copies showing the state at now (decayed since their
 * last activity, whether or not a sweep ran); a witness saves both entities or neither.
 */
export interface TrustStore {
  /** The stored entity, or a fresh neutral one that is not saved. */
  get(entityId: string): Promise<EntityTrust>;
  /** The stored entity, or undefined. */
  getExisting(entityId: string): Promise<EntityTrust | undefined>;
  save(entity: EntityTrust): Promise<void>;
  /** Deletes an entity; resolves to whether it existed. */
  delete(entityId: string): Promise<boolean>;
  exists(entityId: string): Promise<boolean>;
  /** Stored entities, sorted by id. */
  list(filter?: EntityFilter): Promise<EntityTrust[]>;
  count(filter?: EntityFilter): Promise<number>;
  /** Records an outcome of `entityId`'s action (after decaying it to now) and saves it. */
  update(entityId: string, success: boolean, magnitude: number): Promise<EntityTrust>;
  /** `witnessId` observed `targetId`: both change, and both are saved together or not at all. */
  witness(witnessId: string, targetId: string, success: boolean, magnitude: number): Promise<[witness: EntityTrust, target: EntityTrust]>;
  /** Applies outcomes and witnesses in order, now, as one change: all of them or none. Resolves to the entities by id. */
  record(operations: readonly TrustOperation[]): Promise<Map<string, EntityTrust>>;
  witnessingChain(entityId: string, depth?: number): Promise<WitnessingChain>;
  /**
   * Writes back the decayed scores of entities whose scores moved by at least the rule's minimum
   * since they were stored, and removes idle sessions (see `SweepRule`).
   */
  sweepDecay(now?: EpochMs, config?: DecayConfig): Promise<SweepSummary>;
  exportBundle(): Promise<TrustBundle>;
  /** Applies `planImport` to the store; throws `TrustFormatError` when the input as a whole is unusable. */
  importBundle(input: unknown, mode?: ImportMode, options?: ImportOptions): Promise<ImportPlan>;
}
