// The typed protocol between the extension's pages and the background. Every call resolves to an
// ApiResult; `callApi` also turns transport failures (no background, message too large) into one.
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { EntityJson } from '@/core/index.js';
import type {
  ApiResult, EntityDetail, ImportRequest, ImportSummary, ListEntitiesRequest, ListEntitiesResponse,
  Settings, StatusResponse, SweepResult, TrustBundle,
} from './api-types.js';
import type { EntityIdRequest, EntityRequest, OutcomeRequest, SettingsPatch, WitnessRequest } from './api-schemas.js';

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
  getSettings(): ApiResult<Settings>;
  /** Takes any subset of the settings; resolves to all of them after the change. */
  setSettings(patch: SettingsPatch): ApiResult<Settings>;
  sweepNow(): ApiResult<SweepResult>;
  getStatus(): ApiResult<StatusResponse>;
}

export type ApiCall = keyof TrustApi;
export type ApiRequest<K extends ApiCall> = Parameters<TrustApi[K]>[0];
export type ApiResponse<K extends ApiCall> = ReturnType<TrustApi[K]>;

/** Background → pages notifications (no response expected). */
export interface PageNotifications {
  importProgress(progress: ImportProgress): void;
}

const messenger = defineExtensionMessaging<TrustApi>({ logger: undefined });
export const sendApiMessage = messenger.sendMessage;
export const onApiMessage = messenger.onMessage;

const notifier = defineExtensionMessaging<PageNotifications>({ logger: undefined });
export const sendPageNotification = notifier.sendMessage;
export const onPageNotification = notifier.onMessage;

/** Calls the background; never rejects. */
export async function callApi<K extends ApiCall>(call: K, ...request: ApiRequest<K> extends undefined ? [] : [ApiRequest<K>]): Promise<ApiResponse<K>> {
  try {
    const send = sendApiMessage as (type: K, data: unknown) => Promise<ApiResponse<K>>;
    const result = await send(call, request[0]);
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: false, error: { code: 'internal', message: `the background gave no answer to ${call}` } } as ApiResponse<K>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `could not reach the background for ${call}: ${message}` } } as ApiResponse<K>;
  }
}
