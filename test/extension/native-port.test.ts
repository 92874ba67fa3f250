// The extension's end of native messaging, against a fake port: answers by id, pages before their
// answer, pushes, chunks joined, and a malformed message ending the connection.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { framesFor } from '@/node/bridge/framing.js';
import { BridgeError, NativePort } from '@/utils/bridge/native-port.js';

interface FakePort {
  sent: unknown[];
  deliver(message: unknown): void;
  disconnect(): void;
  hostCloses(error?: string): void;
}

let port: FakePort;
beforeEach(() => {
  fakeBrowser.reset();
  const listeners: ((m: unknown) => void)[] = [];
  const closers: ((p: unknown) => void)[] = [];
  const fake = {
    sent: [] as unknown[],
    error: null as { message: string } | null,
    postMessage: (m: unknown) => void fake.sent.push(m),
    disconnect: () => {},
    onMessage: { addListener: (l: (m: unknown) => void) => void listeners.push(l) },
    onDisconnect: { addListener: (l: (p: unknown) => void) => void closers.push(l) },
  };
  port = {
    sent: fake.sent,
    deliver: (m) => listeners.forEach((l) => l(m)),
    disconnect: () => {},
    hostCloses(error) {
      fake.error = error === undefined ? null : { message: error };
      closers.forEach((l) => l(fake));
    },
  };
  Object.assign(fakeBrowser.runtime, { connectNative: () => fake });
});

/** The messages the host writes for `message`, as the browser hands them over (parsed frames). */
const asBrowserGets = (message: unknown) => framesFor(message).map((frame) => JSON.parse(frame.subarray(4).toString('utf8')) as unknown);

describe('NativePort', () => {
  it('matches answers to requests, runs pages first, and hands pushes over', async () => {
    const pushes: unknown[] = [];
    const native = new NativePort((push) => pushes.push(push), () => {});
    const pages: unknown[] = [];
    const answer = native.request({ op: 'sync', cursor: null }, async (page) => void pages.push(page));
    expect(port.sent).toEqual([{ op: 'sync', cursor: null, id: 1 }]);
    port.deliver({ id: 1, page: { entities: [{ entity_id: 'mcp:a' }] } });
    port.deliver({ push: 'changed', entities: [], removedNames: ['0123456789abcdef.json'] });
    port.deliver({ id: 1, ok: true, result: { cursor: 'folder:1', entities: 1 } });
    expect(await answer).toEqual({ cursor: 'folder:1', entities: 1 });
    expect(pages).toEqual([{ entities: [{ entity_id: 'mcp:a' }] }]);
    expect(pushes).toEqual([{ push: 'changed', entities: [], removedNames: ['0123456789abcdef.json'] }]);
  });

  it('joins a message the host sent in chunks (over 1 MB)', async () => {
    const native = new NativePort(() => {}, () => {});
    const answer = native.request({ op: 'apply', operationId: 'op-0000001', change: { kind: 'sweep' } });
    const big = { id: 1, ok: true, result: { entities: [], removed: Array.from({ length: 60_000 }, (_, i) => `ref:entity-${i}-é`) } };
    const parts = asBrowserGets(big);
    expect(parts.length).toBeGreaterThan(1);
    // In any order: the index places each part.
    for (const part of [...parts].reverse()) port.deliver(part);
    expect(await answer).toEqual(big.result);
  });

  it('an error answer rejects with the host\'s code; a closed connection rejects what waits, with the browser\'s words', async () => {
    const reasons: string[] = [];
    const native = new NativePort(() => {}, (reason) => reasons.push(reason));
    const refused = native.request({ op: 'apply', operationId: 'op-0000001', change: { kind: 'delete', entityId: 'mcp:x' } });
    port.deliver({ id: 1, ok: false, error: { code: 'not-found', message: 'no entity "mcp:x"' } });
    await expect(refused).rejects.toEqual(new BridgeError('not-found', 'no entity "mcp:x"'));
    const waiting = native.request({ op: 'sync', cursor: null });
    port.hostCloses('Native host has exited.');
    await expect(waiting).rejects.toMatchObject({ code: 'disconnected', message: 'Native host has exited.' });
    expect(reasons).toEqual(['Native host has exited.']);
    await expect(native.request({ op: 'sync', cursor: null })).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('a malformed message ends the connection: nothing the host says next is used', async () => {
    const native = new NativePort(() => {}, () => {});
    const waiting = native.request({ op: 'sync', cursor: null });
    port.deliver({ id: 1, page: 'not a page' });
    await expect(waiting).rejects.toMatchObject({ code: 'disconnected', message: 'the host sent a malformed message (a host message must be an answer, a page or a push)' });
    expect(native.closed).toBe(true);
    const bad = new NativePort(() => {}, () => {});
    const again = bad.request({ op: 'sync', cursor: null });
    port.deliver({ chunk: { id: 1, index: 5, count: 2 }, text: 'x' });
    await expect(again).rejects.toMatchObject({ code: 'disconnected' });
  });
});
