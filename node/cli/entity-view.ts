import { formatTimestamp, type EntityTrust, type TrustLevel } from '../../core/index.js';

/** One entity as `list --json` and the one-line command results show it. */
export interface EntitySummary {
  entity_id: string;
  entity_type: string;
  trust_level: TrustLevel;
  t3_average: number;
  v3_average: number;
  action_count: number;
  success_count: number;
  success_rate: number;
  witness_count: number;
  last_activity: string | null;
}

export function summaryOf(entity: EntityTrust): EntitySummary {
  return {
    entity_id: entity.entityId,
    entity_type: entity.entityType,
    trust_level: entity.trustLevel,
    t3_average: entity.t3Average,
    v3_average: entity.v3Average,
    action_count: entity.actionCount,
    success_count: entity.successCount,
    success_rate: entity.successRate,
    witness_count: entity.witnessCount,
    last_activity: entity.lastActivity === null ? null : formatTimestamp(entity.lastActivity),
  };
}

export const score = (x: number) => x.toFixed(3);
export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** `2026-11-24 15:01` (UTC), or `—`. */
export function shortTime(ms: number | null): string {
  return ms === null ? '—' : `${formatTimestamp(ms).slice(0, 16).replace('T', ' ')}`;
}
