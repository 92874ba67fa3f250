import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_PROTOCOL, EntityTrust, entityFileName, type BridgeMessage } from '../../core/index.js';
import { FrameReader, framesFor } from '../../node/bridge/framing.js';
import { runNativeHost } from '../../node/bridge/native-host.js';
import { FileTrustStore } from '../../node/index.js';

// The host as the browser sees it: framed requests in, framed answers and pushes out.

let home: string;
let storeDir: string;
let savedHome: string | undefined;
beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-host-'));
  storeDir = path.join(home, 'store');
  savedHome = process.env.HOME;
  process.env.HOME = home;
});
afterEach(() => {
  process.env.HOME = savedHome;
  fs.rmSync(home, { recursive: true, force: true });
});

interface Connection {
  request(message: Record<string, unknown>): Promise<BridgeMessage & { id: number }>;
  /** Every message received so far. */
  received: BridgeMessage[];
  waitFor(test: (m: BridgeMessage) => boolean): Promise<BridgeMessage>;
  close(): Promise<number>;
}

function connect(): Connection {
  const input = new PassThrough();
  const output = new PassThrough();
  const logs: string[] = [];
  const done = runNativeHost({ input, output, log: (line) => logs.push(line) }, { HOME: home, WEB4_TRUST_DIR: storeDir });
  const reader = new FrameReader();
  const received: BridgeMessage[] = [];
  const waiters: { test: (m: BridgeMessage) => boolean; resolve: (m: BridgeMessage) => void }[] = [];
  output.on('data', (piece: Buffer) => {
    for (const message of reader.push(piece) as BridgeMessage[]) {
      received.push(message);
      for (const waiter of waiters.splice(0)) {
        if (waiter.test(message)) waiter.resolve(message);
        else waiters.push(waiter);
      }
    }
  });
  const waitFor = (test: (m: BridgeMessage) => boolean) => {
    const seen = received.find(test);
    return seen ? Promise.resolve(seen) : new Promise<BridgeMessage>((resolve) => waiters.push({ test, resolve }));
  };
  return {
    received,
    waitFor,
    request(message) {
      for (const f of framesFor(message)) input.write(f);
      return waitFor((m) => 'id' in m && m.id === message.id && !('page' in m)) as Promise<BridgeMessage & { id: number }>;
    },
    async close() {
      input.end();
      return done;
    },
  };
}

const hello = { id: 1, op: 'hello', protocol: BRIDGE_PROTOCOL, version: 'test' };
const outcome = (entityId: string, success = true) => ({ kind: 'outcome', entityId, success, magnitude: 0.1 });

describe('the native host', () => {
  it('hello: the protocol, this version and the store it serves; nothing else before it', async () => {
    const c = connect();
    expect(await c.request({ id: 9, op: 'sync', cursor: null })).toEqual({ id: 9, ok: false, error: { code: 'bad-request', message: 'say hello first' } });
    expect(await c.request(hello)).toMatchObject({ ok: true, result: { protocol: BRIDGE_PROTOCOL, store: { kind: 'folder', location: storeDir } } });
    expect(await c.close()).toBe(0);
  });

  it('a protocol mismatch names what to update', async () => {
    const c = connect();
    const answer = await c.request({ ...hello, protocol: BRIDGE_PROTOCOL + 1 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'version' } });
    expect((answer as { error: { message: string } }).error.message).toMatch(/^the extension test needs web4-trust test on this computer, which has .*: `npm i -g web4-trust@test`, then `web4-trust bridge install`$/);
    await c.close();
  });

  it('refuses bad requests with the reason, and goes on', async () => {
    const c = connect();
    await c.request(hello);
    for (const [request, message] of [
      [{ id: 2, op: 'explode' }, 'unknown op "explode"'],
      [{ id: 3, op: 'apply', operationId: 'short', change: { kind: 'sweep' } }, 'apply needs an operationId of 8 to 64 letters, digits, _ or -'],
      [{ id: 4, op: 'apply', operationId: 'op-0000001', change: { kind: 'record', operations: [outcome('')] } }, /entity id/],
    ] as const) {
      const answer = await c.request(request);
      expect(answer).toMatchObject({ ok: false, error: { code: 'bad-request' } });
      expect((answer as { error: { message: string } }).error.message).toMatch(message);
    }
    expect(fs.existsSync(storeDir) ? fs.readdirSync(storeDir).filter((n) => n.endsWith('.json')) : []).toEqual([]);
    await c.close();
  });

  it('applies a write once per operation id, and answers with what it left', async () => {
    const c = connect();
    await c.request(hello);
    const change = { kind: 'record', operations: [outcome('mcp:a'), { kind: 'witness', witnessId: 'session:s', targetId: 'mcp:a', success: true, magnitude: 0.1 }] };
    const first = await c.request({ id: 2, op: 'apply', operationId: 'op-00000001', change });
    expect((first as { result: { entities: { entity_id: string }[] } }).result.entities.map((e) => e.entity_id).sort()).toEqual(['mcp:a', 'session:s']);
    expect(await c.request({ id: 3, op: 'apply', operationId: 'op-00000001', change })).toMatchObject({ ok: true, result: { duplicate: true } });
    expect((await new FileTrustStore(storeDir).get('mcp:a')).actionCount).toBe(1);
    expect(await c.request({ id: 4, op: 'apply', operationId: 'op-00000002', change: { kind: 'delete', entityId: 'mcp:nope' } }))
      .toMatchObject({ ok: false, error: { code: 'not-found' } });
    const all = await c.request({ id: 5, op: 'apply', operationId: 'op-00000003', change: { kind: 'delete-all' } });
    expect((all as { result: { removed: string[] } }).result.removed.sort()).toEqual(['mcp:a', 'session:s']);
    await c.close();
  });

  it('sync: everything at first; with a cursor, what changed since and the names of all', async () => {
    const store = new FileTrustStore(storeDir);
    await store.importBundle(Array.from({ length: 1500 }, (_, i) => EntityTrust.create(`ref:e${i}`, Date.UTC(2026, 0, 1)).toJSON()));
    const c = connect();
    await c.request(hello);
    const all = await c.request({ id: 2, op: 'sync', cursor: null });
    const pages = c.received.filter((m) => 'page' in m && m.id === 2) as { page: { entities: unknown[]; present?: string[] } }[];
    expect(pages.map((p) => p.page.entities.length)).toEqual([1000, 500]);
    const { cursor } = (all as { result: { cursor: string } }).result;
    // A file written before the cursor by more than the slack is not sent again.
    for (const name of fs.readdirSync(storeDir).filter((n) => n.endsWith('.json'))) {
      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(path.join(storeDir, name), old, old);
    }
    await store.update('ref:e7', true, 0.1);
    await store.delete('ref:e8');
    const since = await c.request({ id: 3, op: 'sync', cursor });
    const later = c.received.filter((m) => 'page' in m && m.id === 3) as { page: { entities: { entity_id: string }[]; present?: string[] } }[];
    expect(later.flatMap((p) => p.page.entities.map((e) => e.entity_id))).toEqual(['ref:e7']);
    const present = later.flatMap((p) => p.page.present ?? []);
    expect(present).toHaveLength(1499);
    expect(present).not.toContain(entityFileName('ref:e8'));
    expect(since).toMatchObject({ ok: true });
    await c.close();
  });

  it('pushes what another process changes, and what it removes, by name', async () => {
    const c = connect();
    await c.request(hello);
    const store = new FileTrustStore(storeDir);
    await store.witness('session:hook', 'mcp:github', false, 0.1);
    const push = await c.waitFor((m) => 'push' in m && m.entities.some((e) => e.entity_id === 'mcp:github'));
    expect((push as { entities: { entity_id: string; witness_count: number }[] }).entities.find((e) => e.entity_id === 'mcp:github')!.witness_count).toBe(1);
    await store.delete('mcp:github');
    await c.waitFor((m) => 'push' in m && m.removedNames.includes(entityFileName('mcp:github')));
    await c.close();
  });

  it('garbage on stdin ends the connection with exit code 1', async () => {
    const input = new PassThrough();
    const logs: string[] = [];
    const done = runNativeHost({ input, output: new PassThrough(), log: (line) => logs.push(line) }, { HOME: home, WEB4_TRUST_DIR: storeDir });
    input.write(Buffer.concat([Buffer.from([2, 0, 0, 0]), Buffer.from('{(')]));
    expect(await done).toBe(1);
    expect(logs).toEqual(['a message that is not JSON (2 bytes); closing']);
  });
});
