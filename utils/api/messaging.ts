// The typed protocol between the extension's pages and the background. Every call resolves to an
// ApiResult; `callApi` also turns transport failures (no background, message too large) into one.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EntityJson } from '@/core/index.js';
import type {
  ApiResult, BridgeStatus, EntityDetail, ImportRequest, ImportSummary, ListEntitiesRequest, ListEntitiesResponse,
  Settings, StatusResponse, SweepResult, TrustBundle,
} from './api-types.js';
import type { EntityIdRequest, EntityRequest, OutcomeRequest, SettingsPatch, UploadChunkRequest, WitnessRequest } from './api-schemas.js';

export interface WitnessResponse {
  witness: EntityJson;
  target: EntityJson;
}

/** Sent by the background to extension pages while a large import runs. */
export interface ImportProgress {
  phase: 'parse' | 'plan' | 'write' | 'done';
  done: number;
  total: number;
}

/** The calls the background serves, by message type: request → ApiResult of the response. */
export interface TrustApi {
  listEntities(request: ListEntitiesRequest): ApiResult<ListEntitiesResponse>;
  /** The entity, its newest `events` (default 50) and its witnessing chain to `depth` (default 3). */
  getEntity(request: EntityRequest): ApiResult<EntityDetail>;
  recordOutcome(request: OutcomeRequest): ApiResult<EntityJson>;
  recordWitness(request: WitnessRequest): ApiResult<WitnessResponse>;
  /** Fails with `not-found` when there is no such entity. */
  deleteEntity(request: EntityIdRequest): ApiResult<{ deleted: true }>;
  /** Replaces the entity with a fresh neutral one (logged as a `reset` event). */
  resetEntity(request: EntityIdRequest): ApiResult<EntityJson>;
  /** Deletes every entity and the whole event log; resolves to how many entities there were. */
  deleteAll(): ApiResult<{ deleted: number }>;
  exportStore(): ApiResult<TrustBundle>;
  importStore(request: ImportRequest): ApiResult<ImportSummary>;
  /**
   * One piece of a large import text, in order from index 0 (which starts a new upload); then
   * `importStore({ upload })` imports the whole. `callApi` does this by itself for large texts,
   * because Chrome refuses runtime messages over 64 MiB.
   */
  uploadChunk(request: UploadChunkRequest): ApiResult<{ received: number }>;
  getSettings(): ApiResult<Settings>;
  /** Takes any subset of the settings; resolves to all of them after the change. */
  setSettings(patch: SettingsPatch): ApiResult<Settings>;
  sweepNow(): ApiResult<SweepResult>;
  getStatus(): ApiResult<StatusResponse>;
  /** The live bridge to this computer's store: live or local, why, the store, the last sync, the outbox. */
  getBridgeStatus(): ApiResult<BridgeStatus>;
  /** Connects (or syncs, when connected) now. */
  syncBridge(): ApiResult<BridgeStatus>;
}

export type ApiCall = keyof TrustApi;
export type ApiRequest<K extends ApiCall> = Parameters<TrustApi[K]>[0];
export type ApiResponse<K extends ApiCall> = ReturnType<TrustApi[K]>;

/** Background → pages notifications (no response expected). */
export interface PageNotifications {
  importProgress(progress: ImportProgress): void;
  /** The bridge's status changed. */
  bridgeStatus(status: BridgeStatus): void;
  /** Entities changed in the extension's store from outside the page (this computer's store, through the bridge). */
  storeChanged(): void;
}

const messenger = defineExtensionMessaging<TrustApi>({});
export const sendApiMessage = messenger.sendMessage;
export const onApiMessage = messenger.onMessage;

const notifier = defineExtensionMessaging<PageNotifications>({});
export const sendPageNotification = notifier.sendMessage;
export const onPageNotification = notifier.onMessage;

/** What Chromium and Firefox say when the background went away during a call. */
const BACKGROUND_STOPPED = /message (channel|port) closed|receiving end does not exist|context invalidated|disconnected|Could not establish connection/i;

/**
 * Import texts longer than this go to the background in pieces of this size. Sending a message
 * costs the page ~6 ms a MiB (Chromium serializes it on the page's main thread): 8 MiB pieces held
 * it for ~50 ms each.
 */
export const UPLOAD_CHUNK_CHARS = 2 * 1024 * 1024;

/** Calls the background; never rejects. Large import texts are sent in pieces. */
export async function callApi<K extends ApiCall>(call: K, ...request: ApiRequest<K> extends undefined ? [] : [ApiRequest<K>]): Promise<ApiResponse<K>> {
  const data = request[0];
  if (call === 'importStore') return importInPieces(data as ImportRequest) as Promise<ApiResponse<K>>;
  return send(call, data as ApiRequest<K>);
}

/** `importStore`, its text sent ahead in pieces of `pieceChars` when it is longer than that. */
export async function importInPieces(request: ImportRequest, pieceChars = UPLOAD_CHUNK_CHARS): Promise<ApiResponse<'importStore'>> {
  const { text, ...rest } = request;
  if (text === undefined || text.length <= pieceChars) return send('importStore', request);
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += pieceChars) pieces.push(text.slice(at, at + pieceChars));
  return importPieces(pieces, rest);
}

/**
 * `importStore` of a text held in pieces (as the options page reads a file, never joining them):
 * one piece is sent as the text, more are sent ahead one by one, each message a turn of its own.
 */
export async function importPieces(pieces: readonly string[], request: Omit<ImportRequest, 'text' | 'upload'>): Promise<ApiResponse<'importStore'>> {
  if (pieces.length <= 1) return send('importStore', { ...request, text: pieces[0] ?? '' });
  const upload = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  for (const [index, text] of pieces.entries()) {
    const sent = await send('uploadChunk', { upload, index, text });
    if (!sent.ok) return uploadLostIsInterrupted(sent);
  }
  return uploadLostIsInterrupted(await send('importStore', { ...request, upload }));
}

/**
 * A background that lost the pieces sent so far was stopped and started again by the browser
 * mid-upload: for the page that is an interrupted import, which changed nothing and can be tried again.
 */
function uploadLostIsInterrupted<R extends ApiResponse<ApiCall>>(response: R): R {
  if (response.ok || response.error.reason !== 'upload-lost') return response;
  return { ok: false, error: { code: 'interrupted', message: `the background stopped during the upload (${response.error.message})` } } as R;
}

async function send<K extends ApiCall>(call: K, data: ApiRequest<K>): Promise<ApiResponse<K>> {
  try {
    const sendTyped = sendApiMessage as (type: K, data: unknown) => Promise<ApiResponse<K>>;
    // Typed as an answer, but a background that is not ours (or none) may reply anything.
    const result: unknown = await sendTyped(call, data);
    if (result && typeof result === 'object' && 'ok' in result) return result as ApiResponse<K>;
    return { ok: false, error: { code: 'internal', message: `the background gave no answer to ${call}` } } as ApiResponse<K>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The browser stopped the background mid-call ("message channel closed"): pages say so in
    // their own words and may retry; the browser's are kept for the log.
    if (BACKGROUND_STOPPED.test(message)) {
      return { ok: false, error: { code: 'interrupted', message: `the background stopped before it answered ${call} (${message})` } } as ApiResponse<K>;
    }
    return { ok: false, error: { code: 'internal', message: `could not reach the background for ${call}: ${message}` } } as ApiResponse<K>;
  }
}
