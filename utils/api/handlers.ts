// What each API call does, on the store and the database.
import { summarizePlan, type BridgeChange, type ChangeResult, type Clock } from '@/core/index.js';
import type { OutboxEntry, TrustDb } from '../db/schema.js';
import { listEntities } from '../db/entity-queries.js';
import { eventsOf, trimEvents } from '../db/event-log.js';
import { decayConfigOf, readSettings, sweepRuleOf, writeSettings } from '../db/settings.js';
import { IndexedDbTrustStore } from '../store/indexed-db-store.js';
import { ApiFailure, notFound } from './api-failure.js';
import type { ApiResult, BridgeStatus, DirectLink, Settings, SweepResult } from './api-types.js';
import type { ApiCall, ApiRequest, ApiResponse, ImportProgress } from './messaging.js';
import { keptReasons } from './kept-reasons.js';
import { cachedSettings, settingsCache } from './settings-cache.js';
import { receiveChunk, takeUpload } from './uploads.js';

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
  /** The live bridge to this computer's store; without one, the extension works on IndexedDB alone. */
  bridge?: BridgeService;
}

/** What the handlers need of the bridge (`BridgeLink`). */
export interface BridgeService {
  /** Runs a write on this computer's store and mirrors its result; undefined when the store cannot be reached. */
  apply(operationId: string, change: BridgeChange): Promise<ChangeResult | undefined>;
  /** The outbox entry for a write made locally instead, or undefined before the first connection. */
  outboxEntry(operationId: string, change: BridgeChange): Promise<OutboxEntry | undefined>;
  /** A local write went to the outbox. */
  queued(): Promise<void>;
  /** The status, with what the database keeps (first merge done, last sync, outbox) read afresh. */
  current(): Promise<BridgeStatus>;
  syncNow(): Promise<BridgeStatus>;
}

/** The bridge of a browser without the host installed, or of tests: never reachable. */
export const NO_BRIDGE: BridgeService = {
  apply: async () => undefined,
  outboxEntry: async () => undefined,
  queued: async () => {},
  current: async () => ({ state: 'local', problem: null, store: null, hostVersion: null, lastSync: null, outbox: 0, hostEntities: null, linked: false }),
  syncNow: () => NO_BRIDGE.current(),
};

type ValueOf<K extends ApiCall> = ApiResponse<K> extends ApiResult<infer T> ? T : never;
export type Handler<K extends ApiCall> = (request: ApiRequest<K>, services: BackgroundServices) => Promise<ValueOf<K>>;

export const HANDLERS: { [K in ApiCall]: Handler<K> } = {
  async listEntities(request, { db, clock }) {
    return listEntities(await db(), request, clock.now());
  },

  async getEntity({ id, events = 50, depth = 3 }, services) {
    const store = await openStore(services);
    const entity = await store.getExisting(id);
    if (!entity) throw notFound(id);
    const db = await services.db();
    const [history, chain, witnessedBy, hasWitnessed] = await Promise.all([
      eventsOf(db, id, events), store.witnessingChainOf(entity, depth),
      directLinks(store, entity.witnessedBy), directLinks(store, entity.hasWitnessed),
    ]);
    return { entity: entity.toJSON(), events: history, chain, direct: { witnessedBy, hasWitnessed } };
  },

  recordOutcome({ id, success, magnitude }, services) {
    return write(services, { kind: 'record', operations: [{ kind: 'outcome', entityId: id, success, magnitude }] }, {
      remote: (result) => entityIn(result, id),
      local: async (store) => (await store.update(id, success, magnitude)).toJSON(),
    });
  },

  recordWitness({ witnessId, targetId, success, magnitude }, services) {
    return write(services, { kind: 'record', operations: [{ kind: 'witness', witnessId, targetId, success, magnitude }] }, {
      remote: (result) => ({ witness: entityIn(result, witnessId), target: entityIn(result, targetId) }),
      local: async (store) => {
        const [witness, target] = await store.witness(witnessId, targetId, success, magnitude);
        return { witness: witness.toJSON(), target: target.toJSON() };
      },
    });
  },

  deleteEntity({ id }, services) {
    return write(services, { kind: 'delete', entityId: id }, {
      remote: () => ({ deleted: true as const }),
      local: async (store) => {
        if (!(await store.delete(id))) throw notFound(id);
        return { deleted: true as const };
      },
    });
  },

  resetEntity({ id }, services) {
    return write(services, { kind: 'reset', entityId: id }, {
      remote: (result) => entityIn(result, id),
      local: async (store) => {
        if (!(await store.exists(id))) throw notFound(id);
        return (await store.reset(id)).toJSON();
      },
    });
  },

  deleteAll(_request, services) {
    return write(services, { kind: 'delete-all' }, {
      remote: (result) => ({ deleted: result.removed.length }),
      local: async (store) => ({ deleted: await store.deleteAll() }),
    });
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
    // The plan (and the preview) is computed on the mirror; an applied import runs on this computer's
    // store when the bridge is live, and its result is mirrored.
    const onProgress = (step: ImportProgress) => services.importProgress(step);
    let plan = await store.importBundle(input, mode, { dryRun: true, onProgress });
    if (!dryRun) {
      const planned = plan;
      plan = await write(services, { kind: 'import', input, mode }, {
        remote: () => planned,
        local: (local) => local.importBundle(input, mode, { onProgress }),
      });
    }
    if (!dryRun) {
      services.importProgress({ phase: 'done', done: 1, total: 1 });
    }
    const summary = summarizePlan(plan);
    if (dryRun && mode === 'merge' && summary.unchanged.length > 0) {
      const kept = keptReasons(input, summary.unchanged, await store.readStored(summary.unchanged));
      return { ...summary, applied: false, kept };
    }
    return { ...summary, applied: !dryRun };
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
    // Live, the sweep is done once, on this computer's store; its changes come back as pushes.
    const started = Date.now();
    const remote = await (services.bridge ?? NO_BRIDGE).apply(crypto.randomUUID(), { kind: 'sweep' }).catch(() => undefined);
    const result: SweepResult = remote?.sweep
      ? { ...remote.sweep, duration_ms: Date.now() - started, finished_at: Date.now() }
      : await services.sweepNow();
    services.changed();
    return result;
  },

  getBridgeStatus(_request, services) {
    return (services.bridge ?? NO_BRIDGE).current();
  },

  async syncBridge(_request, services) {
    return (services.bridge ?? NO_BRIDGE).syncNow();
  },

  async getStatus(_request, { db, startedAt }) {
    const database = await db();
    const [settings, lastSweep] = await Promise.all([readSettings(database), database.get('meta', 'last-sweep')]);
    return { settings, lastSweep: (lastSweep as SweepResult | undefined) ?? null, backgroundStartedAt: startedAt };
  },
};

export async function openStore(services: BackgroundServices, outboxEntry?: OutboxEntry): Promise<IndexedDbTrustStore> {
  const db = await services.db();
  const settings = await cachedSettings(db);
  return new IndexedDbTrustStore(db, {
    clock: services.clock, decay: decayConfigOf(settings), sweep: sweepRuleOf(settings), eventLogCap: settings.eventLogCap,
    // Only changes to the badge's count refresh it: an outcome that leaves it as it is costs no read.
    onLowTrustChange: services.changed, outboxEntry,
  });
}

/**
 * One of the extension's writes: on this computer's store while the bridge is live (`remote` turns
 * the host's answer into the page's), else on IndexedDB with its outbox entry in the same
 * transaction, under one operation id either way.
 */
async function write<T>(
  services: BackgroundServices, change: BridgeChange,
  { remote, local }: { remote: (result: ChangeResult) => T | Promise<T>; local: (store: IndexedDbTrustStore) => Promise<T> },
): Promise<T> {
  const bridge = services.bridge ?? NO_BRIDGE;
  const operationId = crypto.randomUUID();
  const result = await bridge.apply(operationId, change).catch((error: unknown) => {
    throw remoteFailure(error);
  });
  if (result) {
    services.changed();
    return remote(result);
  }
  const entry = await bridge.outboxEntry(operationId, change);
  const value = await local(await openStore(services, entry));
  if (entry) await bridge.queued();
  return value;
}

function entityIn(result: ChangeResult, id: string) {
  const entity = result.entities.find((e) => e.entity_id === id);
  if (!entity) throw new ApiFailure('internal', `this computer's store did not return ${JSON.stringify(id)}`);
  return entity;
}

/** The host refused a write: not found stays not found; anything else is the store's failure, in its words. */
function remoteFailure(error: unknown): ApiFailure {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'not-found') return new ApiFailure('not-found', message ?? 'not found');
  if (code === 'bad-request') return new ApiFailure('invalid-request', `this computer's store refused it: ${message ?? ''}`);
  return new ApiFailure('storage', `this computer's store: ${message ?? String(error)}`);
}

async function directLinks(store: IndexedDbTrustStore, ids: readonly string[]): Promise<DirectLink[]> {
  const entities = await store.getMany(ids);
  return ids.map((entity_id, i) => {
    const entity = entities[i];
    return entity ? { entity_id, t3_average: entity.t3Average, trust_level: entity.trustLevel } : { entity_id };
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ApiFailure('bad-input', 'the file is empty', 'empty-file');
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ApiFailure('bad-input', `the file is not valid JSON (${reason}); nothing was imported`, 'not-json');
  }
}
