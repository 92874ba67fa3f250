import { callStatsOf, type CallStats } from './call-evidence.js';
import { scoresAt, type DecayConfig } from './decay.js';
import { trustLevelOf, type TrustLevel } from './dimensions.js';
import type { EntityTrust } from './entity.js';
import type { EpochMs } from './time.js';

/** One entity in a list: what the popup's rows and the CLI's list show. */
export interface EntitySummary {
  entity_id: string;
  entity_type: string;
  t3_average: number;
  v3_average: number;
  trust_level: TrustLevel;
  /** Epoch ms, or null. */
  last_activity: EpochMs | null;
}

export function summaryOf(entity: EntityTrust): EntitySummary {
  return {
    entity_id: entity.entityId,
    entity_type: entity.entityType,
    t3_average: entity.t3Average,
    v3_average: entity.v3Average,
    trust_level: entity.trustLevel,
    last_activity: entity.lastActivity,
  };
}

/** A summary with the entity's counts and call figures: a row of the CLI's list. */
export interface EntityListRow extends EntitySummary, CallStats {
  action_count: number;
  success_count: number;
  witness_count: number;
}

export function listRowOf(entity: EntityTrust): EntityListRow {
  return {
    ...summaryOf(entity),
    action_count: entity.actionCount,
    success_count: entity.successCount,
    witness_count: entity.witnessCount,
    ...callStatsOf(entity.callEvidence),
  };
}

// Where `summaryAt` computes scores: one buffer for every call (used synchronously).
const scratch = new Float64Array(6);

/**
 * The summary at `now` of an entity whose six scores right after its last activity are
 * `anchors[at]` to `anchors[at + 5]` (see `EntityTrust.scoresAtLastActivity`): exactly what
 * `summaryOf(entity.stateAt(now, decay))` gives, for lists that keep those numbers rather than
 * whole entities.
 */
export function summaryAt(
  entityId: string, entityType: string, lastActivity: EpochMs | null, anchors: ArrayLike<number>, at: number,
  now: EpochMs, decay: DecayConfig,
): EntitySummary {
  scoresAt(anchors, at, lastActivity, now, decay, scratch);
  const t3Average = (scratch[0]! + scratch[1]! + scratch[2]!) / 3;
  return {
    entity_id: entityId,
    entity_type: entityType,
    t3_average: t3Average,
    v3_average: (scratch[3]! + scratch[4]! + scratch[5]!) / 3,
    trust_level: trustLevelOf(t3Average),
    last_activity: lastActivity,
  };
}
