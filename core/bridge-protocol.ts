import type { EntityJson } from './entity-json.js';
import type { ImportMode } from './import-plan.js';
import type { SweepSummary } from './store/trust-store.js';
import type { TrustOperation } from './store/operations.js';

// The live bridge between the browser extension and the machine's store (`web4-trust native-host`,
// started by the browser through native messaging). Both sides import these types and checks; each
// side validates every message it receives (entities with the core's strict parser) before acting.
//
// The extension asks, the host answers with the request's `id`. Long answers come as `page`
// messages before the final answer. The host also pushes what changed in the store on its own.

/** Bumped on any change either side must know of; `hello` carries it. */
export const BRIDGE_PROTOCOL = 1;
/** The native messaging host's name, as browsers know it (`<name>.json` in their host folders). */
export const BRIDGE_HOST_NAME = 'web4_trust';

/** The extension's requests. */
export type BridgeRequest =
  | { id: number; op: 'hello'; protocol: number; version: string }
  /** What changed since `cursor` (everything when null), as pages of entities, then the new cursor. */
  | { id: number; op: 'sync'; cursor: string | null }
  /** The first connection ever: the extension's entities merged into the store (the import's merge rules). */
  | { id: number; op: 'merge'; entities: EntityJson[] }
  /** One of the extension's writes, applied at most once by its `operationId`. */
  | { id: number; op: 'apply'; operationId: string; change: BridgeChange };

export type BridgeChange =
  | { kind: 'record'; operations: TrustOperation[] }
  | { kind: 'reset'; entityId: string }
  | { kind: 'delete'; entityId: string }
  | { kind: 'delete-all' }
  /** A bundle (or a list of entities), as import takes it. */
  | { kind: 'import'; input: unknown; mode: ImportMode }
  | { kind: 'sweep' };

export type BridgeErrorCode = 'bad-request' | 'version' | 'not-found' | 'store' | 'internal';

/** What a change left in the store: the entities it wrote, as stored, and the ids it removed. */
export interface ChangeResult {
  entities: EntityJson[];
  removed: string[];
  /** A sweep's summary. */
  sweep?: SweepSummary;
  /** The operation id was applied before (a replayed outbox entry): nothing was done again. */
  duplicate?: boolean;
}

export interface HelloResult {
  protocol: number;
  version: string;
  store: { kind: 'folder' | 'postgres'; location: string };
}

export interface SyncResult {
  cursor: string;
  /** How many entities the store holds. */
  entities: number;
}

/**
 * A page of a `sync` answer: changed entities and, when the sync had a cursor, the names of every
 * entity in the store (`entityFileName` of its id), so that the extension drops what is gone.
 */
export interface SyncPage {
  entities: EntityJson[];
  present?: string[];
}

/** The host's messages. */
export type BridgeMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { code: BridgeErrorCode; message: string } }
  | { id: number; page: SyncPage }
  /** Entities the store changed (any writer: a hook, the CLI, this host), and names of entities it removed. */
  | { push: 'changed'; entities: EntityJson[]; removedNames: string[] };

/** Why `value` is not a request the host can act on, or undefined. Entities and operations are checked by the host's store. */
export function requestProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'a request must be a JSON object';
  if (!Number.isSafeInteger(value.id)) return 'a request needs a whole-number id';
  switch (value.op) {
    case 'hello':
      return Number.isSafeInteger(value.protocol) && typeof value.version === 'string' ? undefined : 'hello needs protocol and version';
    case 'sync':
      return value.cursor === null || typeof value.cursor === 'string' ? undefined : 'sync needs a cursor (a string or null)';
    case 'merge':
      return Array.isArray(value.entities) ? undefined : 'merge needs an array of entities';
    case 'apply':
      if (typeof value.operationId !== 'string' || !/^[A-Za-z0-9_-]{8,64}$/.test(value.operationId)) return 'apply needs an operationId of 8 to 64 letters, digits, _ or -';
      return changeProblem(value.change);
    default:
      return `unknown op ${JSON.stringify(value.op)}`;
  }
}

function changeProblem(change: unknown): string | undefined {
  if (!isObject(change)) return 'apply needs a change object';
  switch (change.kind) {
    case 'record':
      return Array.isArray(change.operations) && change.operations.length > 0 ? undefined : 'record needs operations';
    case 'reset':
    case 'delete':
      return typeof change.entityId === 'string' ? undefined : `${change.kind} needs an entityId`;
    case 'delete-all':
    case 'sweep':
      return undefined;
    case 'import':
      return 'input' in change && (change.mode === 'merge' || change.mode === 'replace')
        ? undefined : 'import needs an input and a mode (merge or replace)';
    default:
      return `unknown change kind ${JSON.stringify(change.kind)}`;
  }
}

/** Why `value` is not a message from the host, or undefined (entities are left to the strict parser). */
export function hostMessageProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'a host message must be a JSON object';
  if (value.push === 'changed') {
    return Array.isArray(value.entities) && isStringArray(value.removedNames) ? undefined : 'a change push needs entities and removedNames';
  }
  if (!Number.isSafeInteger(value.id)) return 'a host message needs an id or a push';
  if (isObject(value.page)) {
    const { entities, present } = value.page;
    return Array.isArray(entities) && (present === undefined || isStringArray(present)) ? undefined : 'a page needs entities';
  }
  if (value.ok === true) return 'result' in value ? undefined : 'an answer needs a result';
  if (value.ok === false) {
    return isObject(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string'
      ? undefined : 'an error needs a code and a message';
  }
  return 'a host message must be an answer, a page or a push';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
