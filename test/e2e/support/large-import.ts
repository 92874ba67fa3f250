// Large imports and the meta store, driven from an extension page in Chromium or Firefox.
import type { EntityJson } from '../../../core/index.js';
import type { ExtensionPage, ExtensionRuntime } from './extension-api.js';

type Evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

/**
 * In the page: builds a bundle of `count` copies of `template` (ids `prefix` + i) and imports it as
 * the options page does: in pieces, then `importStore({ upload })`. Resolves once the background
 * reports the write phase, leaving the import running; `window.importDone` holds its result.
 */
export function startLargeImport(target: ExtensionPage, template: EntityJson, prefix: string, count: number): Promise<number> {
  return (target.evaluate.bind(target) as Evaluate)(async ({ template, prefix, count }: { template: EntityJson; prefix: string; count: number }) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
    const entities = [];
    for (let i = 0; i < count; i++) {
      const id = `${prefix}${i}`;
      entities.push({ ...template, entity_id: id, entity_type: id.slice(0, id.indexOf(':')), entity_name: id.slice(id.indexOf(':') + 1) });
    }
    const text = JSON.stringify({ format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00.000Z', entities });
    const send = (type: string, data: unknown) => new Promise<{ res: { ok: boolean } }>((resolve, reject) =>
      runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, (r) =>
        runtime.lastError ? reject(new Error(runtime.lastError.message)) : resolve(r as { res: { ok: boolean } })));
    const upload = `u${Date.now()}`;
    const piece = 8 * 1024 * 1024;
    for (let index = 0; index * piece < text.length; index++) {
      await send('uploadChunk', { upload, index, text: text.slice(index * piece, (index + 1) * piece) });
    }
    const writing = new Promise<void>((resolve) => runtime.onMessage.addListener((message) => {
      const m = message as { type?: string; data?: { phase?: string } };
      if (m.type === 'importProgress' && m.data?.phase === 'write') resolve();
    }));
    const w = window as unknown as { importDone: unknown };
    w.importDone = 'pending';
    send('importStore', { upload, mode: 'replace', dryRun: false }).then((r) => (w.importDone = r.res), (e: Error) => (w.importDone = e.message));
    await writing;
    return text.length;
  }, { template, prefix, count });
}

/** Reads the meta store straight from IndexedDB in the page (the worker may be stopped). */
export function readMeta(target: ExtensionPage, key: string): Promise<unknown> {
  return (target.evaluate.bind(target) as Evaluate)((key: string) => new Promise((resolve, reject) => {
    const open = indexedDB.open('web4-trust');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('meta').objectStore('meta').get(key);
      get.onsuccess = () => {
        resolve(get.result ?? null);
        db.close();
      };
    };
  }), key);
}

/** The bucket of an entity id in the database (schema 3 on): FNV-1a over its UTF-16 code units, modulo 1024. */
function bucketOf(entityId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < entityId.length; i++) {
    hash ^= entityId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % 1024;
}

/**
 * An entity as stored, read straight from IndexedDB in the page: what the last write or sweep left,
 * where the API shows every entity as it stands now.
 */
export function readStoredEntity(target: ExtensionPage, id: string): Promise<EntityJson | null> {
  return (target.evaluate.bind(target) as Evaluate)(({ id, bucket }: { id: string; bucket: number }) => new Promise((resolve, reject) => {
    const open = indexedDB.open('web4-trust');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const get = db.transaction('entity-buckets').objectStore('entity-buckets').get(bucket);
      get.onsuccess = () => {
        const entities = (get.result as { entities: Record<string, string> } | undefined)?.entities;
        resolve(entities && Object.hasOwn(entities, id) ? (JSON.parse(entities[id]!) as EntityJson) : null);
        db.close();
      };
    };
  }), { id, bucket: bucketOf(id) });
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

