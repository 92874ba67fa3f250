// The background's side of the typed API: checks who is asking, validates the request, runs it on
// the store, and turns every outcome, including failures, into an ApiResult.
import type { GenericSchema } from 'valibot';
import { TrustFormatError, summarizePlan, type Clock } from '@/core/index.js';
import * as schemas from './api-schemas.js';
import type { ApiError, ApiErrorCode, ApiResult, Settings, SweepResult } from './api-types.js';
import { listEntities } from './entity-queries.js';
import { eventsOf, trimEvents } from './event-log.js';
import { IndexedDbTrustStore } from './indexed-db-store.js';
import type { ApiCall, ApiRequest, ApiResponse, ImportProgress } from './messaging.js';
import { decayConfigOf, readSettings, writeSettings } from './settings.js';
import { StorageError } from './transaction.js';
import { DatabaseVersionError, type TrustDb } from './trust-db.js';

/** What the handlers need from the background; tests pass their own. */
export interface BackgroundServices {
  db: () => Promise<TrustDb>;
  clock: Clock;
  /** When this background started (epoch ms). */
  startedAt: number;
  /** The number of entities at low or minimal trust may have changed (refresh the badge). */
  changed: () => void;
  /** The settings changed (reschedule the alarm if the period did). */
  settingsChanged: (next: Settings, previous: Settings) => Promise<void>;
  /** Runs a full sweep now, after any sweep already running. */
  sweepNow: () => Promise<SweepResult>;
  /** Tells open extension pages how an import is going. */
  importProgress: (progress: ImportProgress) => void;
}

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

type ValueOf<K extends ApiCall> = ApiResponse<K> extends ApiResult<infer T> ? T : never;
type Handler<K extends ApiCall> = (request: ApiRequest<K>, services: BackgroundServices) => Promise<ValueOf<K>>;

/** Thrown by a handler to answer with a specific error code. */
class ApiFailure extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
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
};

export const API_CALLS = Object.keys(REQUEST_SCHEMAS) as ApiCall[];

const HANDLERS: { [K in ApiCall]: Handler<K> } = {
  async listEntities(request, { db }) {
    return listEntities(await db(), request);
  },

  async getEntity({ id, events = 50, depth = 3 }, services) {
    const store = await openStore(services);
    const entity = await store.getExisting(id);
    if (!entity) throw notFound(id);
    const db = await services.db();
    const [history, chain] = await Promise.all([eventsOf(db, id, events), store.witnessingChainOf(entity, depth)]);
    return { entity: entity.toJSON(), events: history, chain };
  },

  async recordOutcome({ id, success, magnitude }, services) {
    const entity = await (await openStore(services)).update(id, success, magnitude);
    return entity.toJSON();
  },

  async recordWitness({ witnessId, targetId, success, magnitude }, services) {
    const [witness, target] = await (await openStore(services)).witness(witnessId, targetId, success, magnitude);
    return { witness: witness.toJSON(), target: target.toJSON() };
  },

  async deleteEntity({ id }, services) {
    if (!(await (await openStore(services)).delete(id))) throw notFound(id);
    return { deleted: true as const };
  },

  async resetEntity({ id }, services) {
    const store = await openStore(services);
    if (!(await store.exists(id))) throw notFound(id);
    const fresh = await store.reset(id);
    return fresh.toJSON();
  },

  async deleteAll(_request, services) {
    const deleted = await (await openStore(services)).deleteAll();
    return { deleted };
  },

  async exportStore(_request, services) {
    return (await openStore(services)).exportBundle();
  },

  async uploadChunk({ upload, index, text }) {
    return { received: receiveChunk(upload, index, text) };
  },

  async importStore({ text: inline, bundle, upload, mode, dryRun }, services) {
    let input = bundle;
    const text = upload === undefined ? inline : takeUpload(upload);
    if (text !== undefined) {
      services.importProgress({ phase: 'parse', done: 0, total: text.length });
      input = parseJson(text);
    }
    const store = await openStore(services);
    const plan = await store.importBundle(input, mode, {
      dryRun,
      onProgress: (step) => services.importProgress(step),
    });
    if (!dryRun) {
      services.importProgress({ phase: 'done', done: 1, total: 1 });
    }
    return { ...summarizePlan(plan), applied: !dryRun };
  },

  async getSettings(_request, { db }) {
    return readSettings(await db());
  },

  async setSettings(patch, services) {
    const db = await services.db();
    const previous = await readSettings(db);
    settingsCache.delete(db);
    const next = await writeSettings(db, patch);
    settingsCache.set(db, Promise.resolve(next));
    if (next.eventLogCap < previous.eventLogCap) await trimEvents(db, next.eventLogCap);
    await services.settingsChanged(next, previous);
    return next;
  },

  async sweepNow(_request, services) {
    const result = await services.sweepNow();
    services.changed();
    return result;
  },

  async getStatus(_request, { db, startedAt }) {
    const database = await db();
    const [settings, lastSweep] = await Promise.all([readSettings(database), database.get('meta', 'last-sweep')]);
    return { settings, lastSweep: (lastSweep as SweepResult | undefined) ?? null, backgroundStartedAt: startedAt };
  },
};

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
    const schema = REQUEST_SCHEMAS[call];
    if (!schema) throw new ApiFailure('invalid-request', `unknown call ${String(call)}`);
    const checked = schemas.validateRequest(schema, data);
    if (!checked.ok) throw new ApiFailure('invalid-request', `${call}: ${checked.message}`);
    const handler = HANDLERS[call] as Handler<K>;
    const value = await handler(checked.value as ApiRequest<K>, services);
    return { ok: true, value } as ApiResponse<K>;
  } catch (error) {
    return { ok: false, error: toApiError(error) } as ApiResponse<K>;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return { code: error.code, message: error.message };
  if (error instanceof TrustFormatError) return { code: 'bad-input', message: error.message };
  if (error instanceof StorageError || error instanceof DatabaseVersionError) return { code: 'storage', message: error.message };
  if (error instanceof RangeError || error instanceof TypeError) return { code: 'invalid-request', message: error.message };
  if (error instanceof DOMException) return { code: 'storage', message: `${error.name}: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'unexpected failure' };
}

// Settings as last read or written by this background, which is their only writer; saves a read
// per call. A stopped worker starts with an empty cache.
const settingsCache = new WeakMap<TrustDb, Promise<Settings>>();

function cachedSettings(db: TrustDb): Promise<Settings> {
  let settings = settingsCache.get(db);
  if (!settings) {
    settings = readSettings(db);
    settings.catch(() => settingsCache.delete(db));
    settingsCache.set(db, settings);
  }
  return settings;
}

async function openStore(services: BackgroundServices): Promise<IndexedDbTrustStore> {
  const db = await services.db();
  const settings = await cachedSettings(db);
  return new IndexedDbTrustStore(db, {
    clock: services.clock, decay: decayConfigOf(settings), eventLogCap: settings.eventLogCap,
    // Only changes to the badge's count refresh it: an outcome that leaves it as it is costs no read.
    onLowTrustChange: services.changed,
  });
}

function notFound(id: string): ApiFailure {
  return new ApiFailure('not-found', `there is no entity ${JSON.stringify(id)}`);
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ApiFailure('bad-input', 'the file is empty');
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiFailure('bad-input', `the file is not valid JSON (${reason}); nothing was imported`);
  }
}

// Pieces of large import texts, until `importStore` takes them. Only in memory: if the worker stops
// mid-upload the import fails with a clear error and the page sends the file again.
const uploads = new Map<string, string[]>();
const MAX_UPLOADS = 2;

function receiveChunk(upload: string, index: number, text: string): number {
  let chunks = uploads.get(upload);
  if (index === 0) {
    chunks = [];
    uploads.delete(upload);
    uploads.set(upload, chunks);
    // Forget abandoned uploads, oldest first.
    for (const id of uploads.keys()) if (uploads.size > MAX_UPLOADS) uploads.delete(id);
  }
  if (!chunks || chunks.length !== index) {
    throw new ApiFailure('bad-input', `upload ${upload}: expected piece ${chunks?.length ?? 0}, got ${index}; send the file again`);
  }
  chunks.push(text);
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

function takeUpload(upload: string): string {
  const chunks = uploads.get(upload);
  if (!chunks) throw new ApiFailure('bad-input', `upload ${upload} is unknown (the background may have restarted); send the file again`);
  uploads.delete(upload);
  return chunks.join('');
}
