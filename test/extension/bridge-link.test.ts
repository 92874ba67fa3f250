// The background's bridge against the real host logic (HostSession on a folder store), in process:
// the first merge, syncs since a cursor, pushes, the outbox and its replay, what the pages are told.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_PROTOCOL, EntityTrust, type BridgeMessage, type EntityJson, type SyncPage } from '@/core/index.js';
import { HostSession } from '@/node/bridge/host-session.js';
import { FolderFeed } from '@/node/bridge/folder-feed.js';
import { OperationLedger } from '@/node/bridge/operation-ledger.js';
import { FileTrustStore } from '@/node/index.js';
import { HANDLERS, openStore } from '@/utils/api/handlers.js';
import type { BridgeStatus } from '@/utils/api/api-types.js';
import { BridgeError } from '@/utils/bridge/native-port.js';
import { BridgeLink, type PortLike } from '@/utils/bridge/bridge-link.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { freshDb, testServices, type TestServices } from './helpers.js';

let dir: string;
let db: TrustDb;
let services: TestServices;
let host: FileTrustStore;
let hostUp = true;
const statuses: BridgeStatus[] = [];
let link: BridgeLink;
let closeCurrent: ((reason: string) => void) | undefined;
let attempts = 0;

/** A connection to a HostSession in this process, as NativePort would give one. */
function connect(onPush: (entities: EntityJson[], removed: string[]) => void, onClose: (reason: string) => void): PortLike {
  attempts++;
  if (!hostUp) throw new BridgeError('disconnected', 'Specified native messaging host not found.');
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: BridgeError) => void; onPage?: ((p: SyncPage) => Promise<void>) | undefined }>();
  let closed = false;
  let nextId = 1;
  let pages = Promise.resolve();
  const feed = new FolderFeed(host.dir, () => {});
  const session = new HostSession({
    store: host, feed, ledger: new OperationLedger(path.join(dir, 'ledger')), version: 'test',
    send: async (message: BridgeMessage) => {
      if ('push' in message) return void onPush(message.entities, message.removedNames);
      const w = waiting.get(message.id);
      if (!w) return;
      if ('page' in message) {
        pages = pages.then(() => w.onPage?.(message.page));
        return;
      }
      waiting.delete(message.id);
      await pages;
      if (message.ok) w.resolve(message.result);
      else w.reject(new BridgeError(message.error.code, message.error.message));
    },
  });
  const stopWatching = feed.watch((entities, removedNames) => onPush(entities, removedNames));
  const port: PortLike & { kill(reason: string): void } = {
    get closed() {
      return closed;
    },
    request<T>(body: object, onPage?: (page: SyncPage) => Promise<void>): Promise<T> {
      if (closed) return Promise.reject(new BridgeError('disconnected', 'the host exited'));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, onPage });
        void session.handle({ ...body, id });
      });
    },
    close() {
      closed = true;
      stopWatching();
    },
    kill(reason) {
      this.close();
      for (const w of waiting.values()) w.reject(new BridgeError('disconnected', reason));
      onClose(reason);
    },
  };
  closeCurrent = (reason) => port.kill(reason);
  return port;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-link-'));
  host = new FileTrustStore(path.join(dir, 'store'));
  hostUp = true;
  attempts = 0;
  statuses.length = 0;
  db = await freshDb();
  services = testServices(db);
  link = new BridgeLink({
    db: async () => db, openStore: () => openStore(services), version: () => '0.3.0',
    statusChanged: (status) => void statuses.push(status), storeChanged: () => {}, connect,
  });
  services.bridge = link;
});
afterEach(() => {
  closeCurrent?.('closed');
  fs.rmSync(dir, { recursive: true, force: true });
});

const local = async (id: string) => (await openStore(services)).getExisting(id);
const outcome = (id: string, success = true) => HANDLERS.recordOutcome({ id, success, magnitude: 0.1 }, services);

describe('the first connection', () => {
  it('merges both sides (newer activity wins), then the browser mirrors the computer\'s store', async () => {
    const old = Date.UTC(2026, 0, 1);
    await host.importBundle([EntityTrust.create('mcp:only-host', old).toJSON()]);
    await (await openStore(services)).importBundle([EntityTrust.create('mcp:only-browser', old).toJSON()]);
    expect(await link.connect()).toBe(true);
    expect((await host.list()).map((e) => e.entityId)).toEqual(['mcp:only-browser', 'mcp:only-host']);
    expect((await (await openStore(services)).list()).map((e) => e.entityId)).toEqual(['mcp:only-browser', 'mcp:only-host']);
    expect(link.status()).toMatchObject({ state: 'live', problem: null, store: { kind: 'folder', location: host.dir }, hostEntities: 2, outbox: 0, linked: true });
    expect(statuses.map((s) => s.state).filter((state, i, all) => state !== all[i - 1])).toEqual(['connecting', 'live']);
  });
});

describe('connected', () => {
  it('writes go to the computer\'s store and come back mirrored', async () => {
    await link.connect();
    const entity = await outcome('mcp:github');
    expect(entity.action_count).toBe(1);
    expect((await host.get('mcp:github')).actionCount).toBe(1);
    expect((await local('mcp:github'))!.actionCount).toBe(1);
    await expect(HANDLERS.deleteEntity({ id: 'mcp:none' }, services)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('what a hook writes arrives by push, and what it removes goes', async () => {
    await link.connect();
    await host.witness('session:hook', 'mcp:pushed', true, 0.1);
    await vi.waitFor(async () => expect((await local('mcp:pushed'))?.witnessCount).toBe(1), { timeout: 5000, interval: 20 });
    await host.delete('mcp:pushed');
    await vi.waitFor(async () => expect(await local('mcp:pushed')).toBeUndefined(), { timeout: 5000, interval: 20 });
  });

  it('a later sync sends what changed since its cursor, and drops what the store no longer holds', async () => {
    await link.connect();
    closeCurrent!('closed'); // idle
    await host.update('mcp:later', true, 0.1);
    hostUp = false;
    await outcome('mcp:kept'); // offline: queued
    await host.importBundle([], 'replace'); // the store emptied meanwhile (mcp:later gone too)
    await host.update('mcp:fresh', true, 0.1);
    hostUp = true;
    expect(await link.connect()).toBe(true);
    // The queued write was replayed after the store was emptied: it is there again, once.
    expect((await host.list()).map((e) => [e.entityId, e.actionCount])).toEqual([['mcp:fresh', 1], ['mcp:kept', 1]]);
    expect((await (await openStore(services)).list()).map((e) => e.entityId)).toEqual(['mcp:fresh', 'mcp:kept']);
  });
});

describe('not connected', () => {
  it('before the first connection: local only, nothing queued, the reason kept', async () => {
    hostUp = false;
    expect(await link.connect()).toBe(false);
    await outcome('mcp:a');
    expect(link.status()).toMatchObject({ state: 'local', outbox: 0, problem: { kind: 'not-installed' } });
    expect(await db.count('outbox')).toBe(0);
  });

  it('after it: writes are kept in the outbox (with the change, in its transaction) and replayed once, in order', async () => {
    await link.connect();
    closeCurrent!('Native host has exited.');
    expect(link.status()).toMatchObject({ state: 'local', problem: { kind: 'disconnected' } });
    hostUp = false;
    await outcome('mcp:a');
    await outcome('mcp:a', false);
    await HANDLERS.recordWitness({ witnessId: 'session:s', targetId: 'mcp:a', success: true, magnitude: 0.1 }, services);
    expect(link.status().outbox).toBe(3);
    expect((await local('mcp:a'))!.actionCount).toBe(2);
    hostUp = true;
    expect(await link.connect()).toBe(true);
    const a = await host.get('mcp:a');
    expect([a.actionCount, a.successCount, a.witnessCount]).toEqual([2, 1, 1]);
    expect(link.status().outbox).toBe(0);
    // A second connection replays nothing again.
    closeCurrent!('closed');
    await link.connect();
    expect((await host.get('mcp:a')).actionCount).toBe(2);
  });

  it('after a failed connection, writes stay local for 10 s without trying again; then one tries', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      hostUp = false;
      await outcome('mcp:a');
      expect(attempts).toBe(1);
      for (let i = 0; i < 5; i++) await outcome('mcp:a');
      expect(attempts).toBe(1);
      expect((await local('mcp:a'))!.actionCount).toBe(6);
      hostUp = true;
      vi.setSystemTime(Date.now() + 10_000);
      await outcome('mcp:a');
      expect(attempts).toBe(2);
      expect(link.status().state).toBe('live');
      expect((await host.get('mcp:a')).actionCount).toBe(7);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a write whose answer was lost is not applied twice: the outbox keeps its operation id', async () => {
    await link.connect();
    const apply = link.apply.bind(link);
    // The host applies it, then the connection breaks before the answer.
    link.apply = async (operationId, change) => {
      await apply(operationId, change);
      return undefined;
    };
    await outcome('mcp:once');
    link.apply = apply;
    closeCurrent!('closed');
    await link.connect();
    expect((await host.get('mcp:once')).actionCount).toBe(1);
  });

  it('a host of another protocol version: local, saying which to update', async () => {
    const session = HostSession.prototype.handle;
    vi.spyOn(HostSession.prototype, 'handle').mockImplementation(function (this: HostSession, value: unknown) {
      const request = value as { op: string };
      return session.call(this, request.op === 'hello' ? { ...request, protocol: BRIDGE_PROTOCOL + 1 } : value);
    });
    expect(await link.connect()).toBe(false);
    expect(link.status().problem).toMatchObject({ kind: 'version' });
    vi.restoreAllMocks();
  });
});
