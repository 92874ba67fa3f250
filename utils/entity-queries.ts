// Read-only queries on the trust database. Uses only `idb` (no extension APIs), so that the popup
// can import it and read its first page straight from IndexedDB while the service worker sleeps.
import type { IDBPIndex } from 'idb';
import { TRUST_LEVELS, type TrustLevel } from '@/core/index.js';
import {
  KNOWN_TYPES, type EntitySummary, type ListEntitiesRequest, type ListEntitiesResponse,
} from './api-types.js';
import { toSummary } from './entity-record.js';
import type { TrustDb, TrustDbSchema } from './trust-db.js';

// The `trust` index holds −t3_average, so each level (see `trustLevelOf`: ≥ 0.8 high, ≥ 0.6
// medium-high, ≥ 0.4 medium, ≥ 0.2 low) is a key range of it. Negation is exact, so the ranges
// agree with `trustLevelOf` on every value.
const LEVEL_RANGES: Record<TrustLevel, () => IDBKeyRange> = {
  high: () => IDBKeyRange.upperBound(-0.8),
  'medium-high': () => IDBKeyRange.bound(-0.8, -0.6, true, false),
  medium: () => IDBKeyRange.bound(-0.6, -0.4, true, false),
  low: () => IDBKeyRange.bound(-0.4, -0.2, true, false),
  minimal: () => IDBKeyRange.lowerBound(-0.2, true),
};

const KNOWN = new Set<string>(KNOWN_TYPES);

/**
 * One page of entities, with the totals the popup's header shows. Everything is read in one
 * transaction; only the page's own records are read in full, the rest comes from index keys.
 */
export async function listEntities(db: TrustDb, request: ListEntitiesRequest): Promise<ListEntitiesResponse> {
  const tx = db.transaction('entities');
  const { store } = tx;
  const typeIndex = store.index('type');
  const trustIndex = store.index('trust');
  const end = request.offset + request.limit;

  const [total, levelCounts, types] = await Promise.all([
    store.count(),
    Promise.all(TRUST_LEVELS.map((level) => trustIndex.count(LEVEL_RANGES[level]()))),
    distinctTypes(typeIndex),
  ]);
  const typeCounts = await Promise.all(types.map((type) => typeIndex.count(type)));
  const byLevel = Object.fromEntries(TRUST_LEVELS.map((level, i) => [level, levelCounts[i]!])) as Record<TrustLevel, number>;
  const byType = Object.fromEntries(types.map((type, i) => [type, typeCounts[i]!]));

  const { type, level, sort } = request;
  const query = request.query?.trim().toLowerCase() || undefined;
  const filtered = type !== undefined || level !== undefined || query !== undefined;
  const levelRange = level && LEVEL_RANGES[level]();

  // The ids in the requested order; with no filter, only as many as the page needs.
  const limit = filtered || sort === 'trust-asc' ? undefined : end;
  let ordered: string[];
  if (sort === 'trust-desc' || sort === 'trust-asc') {
    ordered = await trustIndex.getAllKeys(levelRange, limit);
    if (sort === 'trust-asc') ordered.reverse();
  } else if (sort === 'recent') {
    ordered = await store.index('recent').getAllKeys(null, limit);
  } else {
    ordered = await store.getAllKeys(null, limit);
  }

  if (filtered) {
    const ofType = type === undefined ? undefined : new Set(await idsOfType(typeIndex, type, types));
    const ofLevel = levelRange && sort !== 'trust-desc' && sort !== 'trust-asc'
      ? new Set(await trustIndex.getAllKeys(levelRange))
      : undefined;
    ordered = ordered.filter((id) =>
      (ofType === undefined || ofType.has(id)) &&
      (ofLevel === undefined || ofLevel.has(id)) &&
      (query === undefined || id.toLowerCase().includes(query)),
    );
  }

  const pageIds = ordered.slice(request.offset, end);
  const records = await Promise.all(pageIds.map((id) => store.get(id)));
  const items: EntitySummary[] = [];
  for (const record of records) if (record) items.push(toSummary(record));
  return { items, matching: filtered ? ordered.length : total, total, byLevel, byType };
}

async function distinctTypes(index: TypeIndex): Promise<string[]> {
  const types: string[] = [];
  for (let cursor = await index.openKeyCursor(null, 'nextunique'); cursor; cursor = await cursor.continue()) {
    types.push(cursor.key);
  }
  return types;
}

async function idsOfType(index: TypeIndex, type: string, allTypes: string[]): Promise<string[]> {
  if (type !== 'other') return index.getAllKeys(type);
  const others = allTypes.filter((t) => !KNOWN.has(t));
  return (await Promise.all(others.map((t) => index.getAllKeys(t)))).flat();
}

type TypeIndex = IDBPIndex<TrustDbSchema, ['entities'], 'entities', 'type', 'readonly'>;

/** How many entities are at `low` or `minimal` trust (t3_average < 0.4). */
export function countLowTrust(db: TrustDb): Promise<number> {
  return db.countFromIndex('entities', 'trust', IDBKeyRange.lowerBound(-0.4, true));
}
