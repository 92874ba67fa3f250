import { formatTimestamp, listRowOf, successRateOf, type EntityListRow, type EntitySummary, type EntityTrust } from '../../core/index.js';

/** One entity as `list --json` and the one-line command results show it: the list row, its counts, and a readable time. */
export interface EntityReport extends Omit<EntitySummary, 'last_activity'> {
  action_count: number;
  success_count: number;
  success_rate: number;
  witness_count: number;
  last_activity: string | null;
}

export function reportOf(entity: EntityTrust): EntityReport {
  return reportOfRow(listRowOf(entity));
}

export function reportOfRow(row: EntityListRow): EntityReport {
  // The CLI's documented key order: identity, level, scores, counts, time.
  const { entity_id, entity_type, trust_level, t3_average, v3_average, action_count, success_count, witness_count } = row;
  return {
    entity_id, entity_type, trust_level, t3_average, v3_average, action_count, success_count,
    success_rate: successRateOf(action_count, success_count),
    witness_count,
    last_activity: row.last_activity === null ? null : formatTimestamp(row.last_activity),
  };
}

export const score = (x: number) => x.toFixed(3);
export const percent = (x: number) => `${Math.round(x * 100)}%`;

/** `2026-11-24 15:01` (UTC), or `—`; from epoch ms or `formatTimestamp`'s text. */
export function shortTime(time: number | string | null): string {
  if (time === null) return '—';
  return (typeof time === 'string' ? time : formatTimestamp(time)).slice(0, 16).replace('T', ' ');
}
