// Read-only queries on the trust database. Uses only `idb` (no extension APIs), so that the popup
// can import it and read its first page straight from IndexedDB while the service worker sleeps.
// compareIds is code-unit order, as IndexedDB ordered the ids of schema 2's indexes.
import { TRUST_LEVELS, compareIds, type EpochMs, type TrustLevel } from '@/core/index.js';
import {
  KNOWN_TYPES, type EntityListItem, type ListEntitiesRequest, type ListEntitiesResponse, type SortKey,
} from '../api/api-types.js';
import { storedDecayConfig } from './decay-settings.js';
import type { TrustDb } from './schema.js';
import { summariesAt } from './summary-rows.js';

const KNOWN = new Set<string>(KNOWN_TYPES);

/**
 * One page of entities, with the totals the popup's header shows, every entity as it stands at
 * `now` with the user's decay settings: levels, averages, the level filter and the trust sorts are
 * those of that moment, not of the last write or sweep. One read: every summary bucket (the list
 * rows only, never the entity texts) and the settings, then filtering, sorting and counting in memory.
 */
export async function listEntities(db: TrustDb, request: ListEntitiesRequest, now: EpochMs = Date.now()): Promise<ListEntitiesResponse> {
  const rows = await allRowsAt(db, now);

  const byLevel = Object.fromEntries(TRUST_LEVELS.map((level) => [level, 0])) as Record<TrustLevel, number>;
  const typeCounts = new Map<string, number>();
  for (const row of rows) {
    byLevel[row.trust_level]++;
    typeCounts.set(row.entity_type, (typeCounts.get(row.entity_type) ?? 0) + 1);
  }
  const byType = Object.fromEntries([...typeCounts].sort(([a], [b]) => compareIds(a, b)));

  const { type, level, sort } = request;
  const query = request.query?.trim().toLowerCase() || undefined;
  const matching = type === undefined && level === undefined && query === undefined
    ? rows
    : rows.filter((row) =>
      (type === undefined || row.entity_type === type || (type === 'other' && !KNOWN.has(row.entity_type))) &&
      (level === undefined || row.trust_level === level) &&
      (query === undefined || row.entity_id.toLowerCase().includes(query)));
  matching.sort(ORDER[sort]);

  return {
    items: matching.slice(request.offset, request.offset + request.limit),
    matching: matching.length, total: rows.length, byLevel, byType,
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

/** Every entity's list row at `now`, in no particular order. */
async function allRowsAt(db: TrustDb, now: EpochMs): Promise<EntityListItem[]> {
  const tx = db.transaction(['summary-buckets', 'meta']);
  const [buckets, settings] = await Promise.all([tx.objectStore('summary-buckets').getAll(), tx.objectStore('meta').get('settings')]);
  const decay = storedDecayConfig(settings);
  const rows: EntityListItem[] = [];
  for (const bucket of buckets) summariesAt(bucket, now, decay, rows);
  return rows;
}

/** How many entities are at `low` or `minimal` trust (`isLowTrust`). */
export function countLowTrust(db: TrustDb): Promise<number> {
  return db.countFromIndex('summary-buckets', 'low-trust');
}
