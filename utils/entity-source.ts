// Where the pages read the entity list from: straight from IndexedDB (same origin as the background),
// so the popup's first rows never wait for a stopped service worker to start. Falls back to the
// background's API if the database cannot be opened here.
import { api } from './api-client.js';
import type { ApiResult, ListEntitiesRequest, ListEntitiesResponse } from './api-types.js';
import { listEntities } from './entity-queries.js';
import { getTrustDb } from './trust-db.js';

export async function listEntityPage(request: ListEntitiesRequest): Promise<ApiResult<ListEntitiesResponse>> {
  try {
    return { ok: true, value: await listEntities(await getTrustDb(), request) };
  } catch {
    return api.listEntities(request);
  }
}
