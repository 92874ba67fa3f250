// The pages' typed client: one function per background call, each resolving to an ApiResult (callApi turns
// a missing or failed background into an `internal` error, never a rejection).
import type { ImportRequest, ListEntitiesRequest, Settings } from './api-types.js';
import { callApi, importPieces } from './messaging.js';

export const api = {
  listEntities: (request: ListEntitiesRequest) => callApi('listEntities', request),
  getEntity: (id: string) => callApi('getEntity', { id }),
  recordOutcome: (id: string, success: boolean, magnitude: number) => callApi('recordOutcome', { id, success, magnitude }),
  exportStore: () => callApi('exportStore'),
  importStore: (request: ImportRequest) => callApi('importStore', request),
  /** `importStore` of a file's text as `readFilePieces` gives it. */
  importPieces: (pieces: readonly string[], mode: ImportRequest['mode'], dryRun: boolean) => importPieces(pieces, { mode, dryRun }),
  getStatus: () => callApi('getStatus'),
  setSettings: (settings: Partial<Settings>) => callApi('setSettings', settings),
  sweepNow: () => callApi('sweepNow'),
  deleteEntity: (id: string) => callApi('deleteEntity', { id }),
  resetEntity: (id: string) => callApi('resetEntity', { id }),
  deleteAll: () => callApi('deleteAll'),
};
