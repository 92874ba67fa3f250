// How schema 2 stored an entity in IndexedDB (one record per entity): the core's JSON plus the
// derived fields the popup's indexes and rows needed. Only upgrade steps 2 and 3 use it now; since
// schema 3 entities live in buckets (entity-buckets.ts).
import { EntityTrust } from '@/core/index.js';
import type { EntitySummary } from './api-types.js';

/** A list row's fields (keyed by `entity_id`), plus the index keys and the entity itself. */
export interface EntityRecord extends EntitySummary {
  /** −t3_average: the `trust` index then lists the most trusted first, ties by id. */
  trust_key: number;
  /** −last_activity (+∞ when unknown): the `recent` index lists the newest first, ties by id. */
  recent_key: number;
  /**
   * `EntityTrust.toJSON()` as JSON text, exactly as export writes it. Text, not an object: the
   * browser copies one string into IndexedDB several times faster than a 25-field object, which
   * is what makes 100,000-entity imports and sweeps fit in seconds.
   */
  entity: string;
}

export function toRecord(entity: EntityTrust): EntityRecord {
  const t3 = entity.t3Average;
  const lastActivity = entity.lastActivity;
  return {
    entity_id: entity.entityId,
    entity_type: entity.entityType,
    t3_average: t3,
    v3_average: entity.v3Average,
    trust_level: entity.trustLevel,
    last_activity: lastActivity,
    trust_key: -t3,
    recent_key: lastActivity === null ? Infinity : -lastActivity,
    entity: JSON.stringify(entity.toJSON()),
  };
}
