// List rows and the state they show. A row keeps an entity's last activity and its six scores right
// after it, and the core's `summaryAt` brings it to any moment exactly as `EntityTrust.decayTo` does:
// the popup lists 10,000 entities as they stand now without reading, let alone parsing, their texts.
// A row also keeps the entity's failed calls and recent failure rate, which the failures sort needs.
// Uses only the core's small helpers (no EntityTrust code), so that the popup's bundle stays small.
import {
  callStatsOf, isLowTrust, summaryAt as summaryOfAnchors,
  type DecayConfig, type EntitySummary, type EntityTrust, type EpochMs,
} from '@/core/index.js';
import type { EntityListItem } from '../api/api-types.js';
import type { SummaryBucket, SummaryRow } from './schema.js';

/** The list row of `entity`. */
export function rowOf(entity: EntityTrust): SummaryRow {
  // The core's figures, so that the failures sort orders as the CLI's does.
  const { call_failures, recent_failure_rate } = callStatsOf(entity.callEvidence);
  return {
    entity_id: entity.entityId,
    entity_type: entity.entityType,
    last_activity: entity.lastActivity,
    scores: entity.scoresAtLastActivity,
    call_failures,
    recent_failure_rate,
  };
}

/** The stored record of a bucket's rows (columns) and low-trust ids. */
export function summaryBucketOf(bucket: number, rows: Iterable<SummaryRow>, lowTrust: Iterable<string>): SummaryBucket {
  const list = [...rows];
  const lastActivity = new Float64Array(list.length);
  const scores = new Float64Array(list.length * 6);
  const callFailures = new Float64Array(list.length);
  const failureRate = new Float64Array(list.length);
  list.forEach((row, i) => {
    lastActivity[i] = row.last_activity ?? Number.NaN;
    scores.set(row.scores, i * 6);
    callFailures[i] = row.call_failures;
    failureRate[i] = row.recent_failure_rate ?? Number.NaN;
  });
  return {
    bucket, ids: list.map((row) => row.entity_id), types: list.map((row) => row.entity_type),
    last_activity: lastActivity, scores, call_failures: callFailures, recent_failure_rate: failureRate, low_trust: [...lowTrust],
  };
}

/** The rows of a stored bucket record. */
export function rowsOf(record: SummaryBucket): SummaryRow[] {
  return record.ids.map((id, i) => ({
    entity_id: id,
    entity_type: record.types[i]!,
    last_activity: lastActivityAt(record, i),
    scores: Array.from(record.scores.subarray(i * 6, i * 6 + 6)),
    call_failures: record.call_failures[i]!,
    recent_failure_rate: failureRateAt(record, i),
  }));
}

/** Every row of a stored bucket record as it stands at `now`, appended to `out` (the lists' read, with no row objects in between). */
export function summariesAt(record: SummaryBucket, now: EpochMs, decay: DecayConfig, out: EntityListItem[]): void {
  const { ids, types, scores, call_failures: callFailures } = record;
  for (let i = 0; i < ids.length; i++) {
    const summary = summaryOfAnchors(ids[i]!, types[i]!, lastActivityAt(record, i), scores, i * 6, now, decay);
    // Added to the summary the core made rather than copied into a new one: lists read 100,000 rows.
    out.push(Object.assign(summary, { call_failures: callFailures[i]!, recent_failure_rate: failureRateAt(record, i) }));
  }
}

/** The row's entity as it stands at `now`: its averages and trust level decayed to that moment. */
export function summaryAt(row: SummaryRow, now: EpochMs, decay: DecayConfig): EntitySummary {
  return summaryOfAnchors(row.entity_id, row.entity_type, row.last_activity, row.scores, 0, now, decay);
}

/** Whether the row's entity is at low or minimal trust at `now` (what the badge counts). */
export function isLowTrustAt(row: SummaryRow, now: EpochMs, decay: DecayConfig): boolean {
  return isLowTrust(summaryAt(row, now, decay).trust_level);
}

function lastActivityAt(record: SummaryBucket, i: number): EpochMs | null {
  const at = record.last_activity[i]!;
  return Number.isNaN(at) ? null : at;
}

function failureRateAt(record: SummaryBucket, i: number): number | null {
  const rate = record.recent_failure_rate[i]!;
  return Number.isNaN(rate) ? null : rate;
}
