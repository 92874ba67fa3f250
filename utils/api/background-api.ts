// The background's side of the typed API: checks who is asking, validates the request, runs its
// handler, and turns every outcome, including failures, into an ApiResult.
import type { GenericSchema } from 'valibot';
import * as schemas from './api-schemas.js';
import { ApiFailure, toApiError } from './api-failure.js';
import { HANDLERS, type BackgroundServices, type Handler } from './handlers.js';
import type { ApiCall, ApiRequest, ApiResponse } from './messaging.js';

export type { BackgroundServices } from './handlers.js';

/** Who sent a message, as `runtime.onMessage` reports it. */
export interface Sender {
  id?: string;
  url?: string;
  origin?: string;
}

/** Whether `sender` is a page of this extension (not a content script, web page or other extension). */
export function isOwnPage(sender: Sender, ownId: string, ownBaseUrl: string): boolean {
  if (sender.id !== ownId || typeof sender.url !== 'string') return false;
  let url: URL, base: URL;
  try {
    url = new URL(sender.url);
    base = new URL(ownBaseUrl);
  } catch {
    return false;
  }
  // Compared by scheme and host: `URL.origin` is "null" for extension schemes in some runtimes.
  const ownOrigin = `${base.protocol}//${base.host}`;
  if (`${url.protocol}//${url.host}` !== ownOrigin) return false;
  return sender.origin === undefined || sender.origin === ownOrigin;
}

const REQUEST_SCHEMAS: { [K in ApiCall]: GenericSchema } = {
  listEntities: schemas.listEntitiesRequest,
  getEntity: schemas.entityRequest,
  recordOutcome: schemas.outcomeRequest,
  recordWitness: schemas.witnessRequest,
  deleteEntity: schemas.entityIdRequest,
  resetEntity: schemas.entityIdRequest,
  deleteAll: schemas.noRequest,
  exportStore: schemas.noRequest,
  importStore: schemas.importRequest,
  uploadChunk: schemas.uploadChunkRequest,
  getSettings: schemas.noRequest,
  setSettings: schemas.settingsPatch,
  sweepNow: schemas.noRequest,
  getStatus: schemas.noRequest,
  getBridgeStatus: schemas.noRequest,
  syncBridge: schemas.noRequest,
};

export const API_CALLS = Object.keys(REQUEST_SCHEMAS) as ApiCall[];

/**
 * Answers one API message. Never rejects: refusals, invalid requests and failures all come back
 * as `{ ok: false, error }`.
 */
export async function handleApiMessage<K extends ApiCall>(
  call: K, data: unknown, sender: Sender, own: { id: string; baseUrl: string }, services: BackgroundServices,
): Promise<ApiResponse<K>> {
  try {
    if (!isOwnPage(sender, own.id, own.baseUrl)) {
      throw new ApiFailure('forbidden', `${call} is only served to this extension's own pages`);
    }
    // `call` comes from a message: typed as a known call, it may be anything.
    const schema = (REQUEST_SCHEMAS as Partial<Record<string, GenericSchema>>)[call];
    if (!schema) throw new ApiFailure('invalid-request', `unknown call ${call}`);
    const checked = schemas.validateRequest(schema, data);
    if (!checked.ok) throw new ApiFailure('invalid-request', `${call}: ${checked.message}`, undefined, checked.issues);
    const handler = HANDLERS[call] as Handler<K>;
    const value = await handler(checked.value as ApiRequest<K>, services);
    return { ok: true, value } as ApiResponse<K>;
  } catch (error) {
    return { ok: false, error: toApiError(error) } as ApiResponse<K>;
  }
}
