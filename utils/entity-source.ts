// Where the pages read the entity list from: straight from IndexedDB (same origin as the background),
// so the popup's first rows never wait for a stopped service worker to start. Falls back to the
// background's API if the database cannot be opened here.
import { api } from './api-client.js';
import type { ApiResult, EntitySummary, ListEntitiesRequest, ListEntitiesResponse } from './api-types.js';
import { listEntities } from './entity-queries.js';
import { toSummary, type EntityRecord } from './entity-record.js';
import { getTrustDb } from './trust-db.js';

export async function listEntityPage(request: ListEntitiesRequest): Promise<ApiResult<ListEntitiesResponse>> {
  try {
    return { ok: true, value: await listEntities(await getTrustDb(), request) };
  } catch {
    return api.listEntities(request);
  }
}

/**
 * The rows of an unfiltered page read straight from the sort's index, without the totals (counting
 * every level and type is what makes a full page slow on a large store). Undefined for filtered
 * requests or on any failure; the full page follows anyway.
 */
export async function quickRows(request: ListEntitiesRequest): Promise<EntitySummary[] | undefined> {
  if (request.type !== undefined || request.level !== undefined || request.query) return undefined;
  try {
    const db = await getTrustDb();
    const store = db.transaction('entities').store;
    const end = request.offset + request.limit;
    let records: EntityRecord[];
    if (request.sort === 'trust-asc') {
      // The trust index lists the most trusted first; walk it backwards.
      records = [];
      for (let c = await store.index('trust').openCursor(null, 'prev'); c && records.length < end; c = await c.continue()) {
        records.push(c.value);
      }
    } else if (request.sort === 'name') {
      records = await store.getAll(null, end);
    } else {
      records = await store.index(request.sort === 'recent' ? 'recent' : 'trust').getAll(null, end);
    }
    return records.slice(request.offset).map(toSummary);
  } catch {
    return undefined;
  }
}

interface Prefetch {
  key: string;
  quick: Promise<EntitySummary[] | undefined>;
  full: Promise<ApiResult<ListEntitiesResponse>>;
}
let prefetched: Prefetch | undefined;

/** Starts reading a page before the UI exists, so the reads overlap the first render. */
export function prefetchPage(request: ListEntitiesRequest): void {
  prefetched = { key: JSON.stringify(request), quick: quickRows(request), full: listEntityPage(request) };
}

/** The prefetched reads for exactly `request`, once; undefined if none. */
export function takePrefetched(request: ListEntitiesRequest): Omit<Prefetch, 'key'> | undefined {
  const found = prefetched?.key === JSON.stringify(request) ? prefetched : undefined;
  prefetched = undefined;
  return found;
}
