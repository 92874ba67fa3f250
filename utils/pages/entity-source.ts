// Where the pages read the entity list from: straight from IndexedDB (same origin as the background),
// so the popup's first rows never wait for a stopped service worker to start. Falls back to the
// background's API if the database cannot be opened here.
import { api } from '../api/api-client.js';
import type { ApiResult, ListEntitiesRequest, ListEntitiesResponse } from '../api/api-types.js';
import { listEntities } from '../db/entity-queries.js';
import { getTrustDb } from '../db/trust-db.js';

export async function listEntityPage(request: ListEntitiesRequest): Promise<ApiResult<ListEntitiesResponse>> {
  try {
    return { ok: true, value: await listEntities(await getTrustDb(), request) };
  } catch {
    return api.listEntities(request);
  }
}

interface Prefetch {
  key: string;
  page: Promise<ApiResult<ListEntitiesResponse>>;
}
let prefetched: Prefetch | undefined;

/** Starts reading a page before the UI exists, so the read overlaps the first render. */
export function prefetchPage(request: ListEntitiesRequest): void {
  prefetched = { key: JSON.stringify(request), page: listEntityPage(request) };
}

/** The prefetched read for exactly `request`, once; undefined if none. */
export function takePrefetched(request: ListEntitiesRequest): Promise<ApiResult<ListEntitiesResponse>> | undefined {
  const found = prefetched?.key === JSON.stringify(request) ? prefetched.page : undefined;
  prefetched = undefined;
  return found;
}
