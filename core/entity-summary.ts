import type { TrustLevel } from './dimensions.js';
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
