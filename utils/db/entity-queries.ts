// Read-only queries on the trust database. Uses only `idb` (no extension APIs), so that the popup
// can import it and read its first page straight from IndexedDB while the service worker sleeps.
// compareIds is code-unit order, as IndexedDB ordered the ids of schema 2's indexes.
import { TRUST_LEVELS, compareIds, type EpochMs, type TrustLevel } from '@/core/index.js';
import {
  KNOWN_TYPES, type EntityListItem, type ListEntitiesRequest, type ListEntitiesResponse, type SortKey,
} from '../api/api-types.js';
import { storedDecayConfig } from './decay-settings.js';
import { BUCKET_COUNT } from './entity-buckets.js';
import { firstInOrder } from './first-in-order.js';
import type { TrustDb } from './schema.js';
import { summariesAt } from './summary-rows.js';

const KNOWN = new Set<string>(KNOWN_TYPES);

/**
 * One page of entities, with the totals the popup's header shows, every entity as it stands at
 * `now` with the user's decay settings: levels, averages, the level filter and the trust sorts are
 * those of that moment, not of the last write or sweep. One read: every summary bucket (the list
 * rows only, never the entity texts) and the settings, then filtering, counting and picking the
 * page in memory.
 */
export async function listEntities(db: TrustDb, request: ListEntitiesRequest, now: EpochMs = Date.now()): Promise<ListEntitiesResponse> {
  const { type, level, sort } = request;
  const query = request.query?.trim().toLowerCase() || undefined;
  const byLevel = Object.fromEntries(TRUST_LEVELS.map((l) => [l, 0])) as Record<TrustLevel, number>;
  const typeCounts = new Map<string, number>();
  const matching: EntityListItem[] = [];
  let total = 0;
  await eachRowAt(db, now, (rows) => {
    total += rows.length;
    for (const row of rows) {
      byLevel[row.trust_level]++;
      typeCounts.set(row.entity_type, (typeCounts.get(row.entity_type) ?? 0) + 1);
      if ((type === undefined || row.entity_type === type || (type === 'other' && !KNOWN.has(row.entity_type))) &&
        (level === undefined || row.trust_level === level) &&
        (query === undefined || row.entity_id.toLowerCase().includes(query))) matching.push(row);
    }
  });
  const byType = Object.fromEntries([...typeCounts].sort(([a], [b]) => compareIds(a, b)));
  return {
    items: firstInOrder(matching, ORDER[sort], request.offset + request.limit).slice(request.offset),
    matching: matching.length, total, byLevel, byType,
  };
}

const byTrustDesc = (a: EntityListItem, b: EntityListItem) => b.t3_average - a.t3_average || compareIds(a.entity_id, b.entity_id);

const ORDER: Record<SortKey, (a: EntityListItem, b: EntityListItem) => number> = {
  'trust-desc': byTrustDesc,
  // The exact reverse of trust-desc, ties included.
  'trust-asc': (a, b) => byTrustDesc(b, a),
  // Newest first; never active last.
  recent: (a, b) => (b.last_activity ?? -Infinity) - (a.last_activity ?? -Infinity) || compareIds(a.entity_id, b.entity_id),
  name: (a, b) => compareIds(a.entity_id, b.entity_id),
  // Most failed calls first, then the worst recent rate (never called last): the CLI's order.
  failures: (a, b) => b.call_failures - a.call_failures ||
    (b.recent_failure_rate ?? -1) - (a.recent_failure_rate ?? -1) || compareIds(a.entity_id, b.entity_id),
};

/** How many ranges of buckets a list reads: each arrives in a task of its own. */
const READS = 8;

/**
 * Hands every entity's list row at `now` to `visit`, some buckets at a time, in no particular
 * order. The buckets are read in ranges, each handled as it arrives, so that a list of 100,000
 * entities never holds a page's main thread for long (an options page import ends with one).
 */
async function eachRowAt(db: TrustDb, now: EpochMs, visit: (rows: EntityListItem[]) => void): Promise<void> {
  const tx = db.transaction(['summary-buckets', 'meta']);
  // Requests complete in the order they were made: the settings are known before any range arrives.
  const decay = tx.objectStore('meta').get('settings').then(storedDecayConfig);
  const buckets = tx.objectStore('summary-buckets');
  const size = BUCKET_COUNT / READS;
  await Promise.all(Array.from({ length: READS }, async (_, i) => {
    const range = await buckets.getAll(IDBKeyRange.bound(i * size, (i + 1) * size, false, true));
    const config = await decay;
    const rows: EntityListItem[] = [];
    for (const bucket of range) summariesAt(bucket, now, config, rows);
    visit(rows);
  }));
}

/** How many entities are at `low` or `minimal` trust (`isLowTrust`). */
export function countLowTrust(db: TrustDb): Promise<number> {
  return db.countFromIndex('summary-buckets', 'low-trust');
}
