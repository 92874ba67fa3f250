import {
  formatTimestamp, listRowOf, successRateOf, type CallStats, type EntityListRow, type EntitySummary, type EntityTrust,
} from '../../core/index.js';

/**
 * One entity as `list --json` and the one-line command results show it: the list row, its counts,
 * a readable time, and its call figures.
 */
export interface EntityReport extends Omit<EntitySummary, 'last_activity'>, CallStats {
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
  // The CLI's documented key order: identity, level, scores, counts, time, then the call figures.
  const { entity_id, entity_type, trust_level, t3_average, v3_average, action_count, success_count, witness_count } = row;
  return {
    entity_id, entity_type, trust_level, t3_average, v3_average, action_count, success_count,
    success_rate: successRateOf(action_count, success_count),
    witness_count,
    last_activity: row.last_activity === null ? null : formatTimestamp(row.last_activity),
    calls: row.calls,
    call_failures: row.call_failures,
    recent_failure_rate: row.recent_failure_rate,
    latency_p50_ms: row.latency_p50_ms,
    latency_p95_ms: row.latency_p95_ms,
    retry_loops: row.retry_loops,
  };
}

export const score = (x: number) => x.toFixed(3);
export const percent = (x: number) => `${Math.round(x * 100)}%`;
/** `850 ms`, `12.4 s`, or `—`. */
export const duration = (ms: number | null) => (ms === null ? '—' : ms < 10_000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

/** `2026-11-24 15:01` (UTC), or `—`; from epoch ms or `formatTimestamp`'s text. */
export function shortTime(time: number | string | null): string {
  if (time === null) return '—';
  return (typeof time === 'string' ? time : formatTimestamp(time)).slice(0, 16).replace('T', ' ');
}
