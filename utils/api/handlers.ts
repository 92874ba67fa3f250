// What each API call does, on the store and the database.
import { summarizePlan, type Clock } from '@/core/index.js';
import type { TrustDb } from '../db/schema.js';
import { listEntities } from '../db/entity-queries.js';
import { eventsOf, trimEvents } from '../db/event-log.js';
import { decayConfigOf, readSettings, sweepRuleOf, writeSettings } from '../db/settings.js';
import { IndexedDbTrustStore } from '../store/indexed-db-store.js';
import { ApiFailure, notFound } from './api-failure.js';
import type { ApiResult, DirectLink, Settings, SweepResult } from './api-types.js';
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
}

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

async function openStore(services: BackgroundServices): Promise<IndexedDbTrustStore> {
  const db = await services.db();
  const settings = await cachedSettings(db);
  return new IndexedDbTrustStore(db, {
    clock: services.clock, decay: decayConfigOf(settings), sweep: sweepRuleOf(settings), eventLogCap: settings.eventLogCap,
    // Only changes to the badge's count refresh it: an outcome that leaves it as it is costs no read.
    onLowTrustChange: services.changed,
  });
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
