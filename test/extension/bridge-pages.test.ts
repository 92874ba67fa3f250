// The pages' side of the live bridge: the port each page holds, the status it follows, the store
// changes it gathers into one re-read, and what the popup and the options page say in words.
import { parseMessagesFile, generateChromeMessages } from '@wxt-dev/i18n/build';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { ApiResult, BridgeStatus } from '@/utils/api/api-types.js';
import { PAGE_PORT as BACKGROUND_PAGE_PORT } from '@/utils/bridge/bridge-link.js';
import { PAGE_PORT } from '@/utils/pages/page-port-name.js';
import type { PortRuntime } from '@/utils/pages/page-port.js';

const LOCAL: BridgeStatus = { state: 'local', problem: null, store: null, hostVersion: null, lastSync: null, outbox: 0, hostEntities: null, linked: false };
const NOT_INSTALLED: BridgeStatus = { ...LOCAL, problem: { kind: 'not-installed', message: 'Specified native messaging host not found.' } };
const LIVE: BridgeStatus = {
  state: 'live', problem: null, store: { kind: 'folder', location: '/home/me/.web4/governance/entities' },
  hostVersion: '0.2.0', lastSync: Date.UTC(2026, 0, 1), outbox: 0, hostEntities: 12, linked: true,
};

let messages: Record<string, { message: string }>;
beforeAll(async () => {
  messages = generateChromeMessages(await parseMessagesFile('locales/en.yml'));
});

/** The browser's getMessage, on this project's messages (the fake browser has none). */
function stubMessages() {
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, subs?: string[]) =>
    (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => subs?.[Number(n) - 1] ?? '')) as never);
}

beforeEach(() => {
  fakeBrowser.reset();
  stubMessages();
  // A fresh copy of the page modules: their state is per page.
  vi.resetModules();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A runtime whose ports the test can end, as a stopped background would. */
function fakeRuntime() {
  const ports: { name: string; disconnect: ReturnType<typeof vi.fn>; end: () => void }[] = [];
  const runtime: PortRuntime & { failing: boolean } = {
    failing: false,
    connect({ name }) {
      if (runtime.failing) throw new Error('Extension context invalidated.');
      const listeners: (() => void)[] = [];
      const port = { name, disconnect: vi.fn(), end: () => listeners.forEach((l) => l()) };
      ports.push(port);
      return { onDisconnect: { addListener: (l: () => void) => void listeners.push(l) }, disconnect: port.disconnect };
    },
  };
  return { runtime, ports };
}

describe('the page port', () => {
  it('is named as the background expects', () => {
    expect(PAGE_PORT).toBe(BACKGROUND_PAGE_PORT);
  });

  it('opens once per page, opens again after the background went away, and closes when released', async () => {
    vi.useFakeTimers();
    const { holdPagePort, releasePagePort } = await import('@/utils/pages/page-port.js');
    const { runtime, ports } = fakeRuntime();
    holdPagePort(runtime, 1000);
    holdPagePort(runtime, 1000);
    expect(ports.map((p) => p.name)).toEqual([PAGE_PORT]);

    ports[0]!.end();
    vi.advanceTimersByTime(999);
    expect(ports).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ports).toHaveLength(2);

    releasePagePort();
    expect(ports[1]!.disconnect).toHaveBeenCalledOnce();
    ports[1]!.end();
    vi.advanceTimersByTime(5000);
    expect(ports).toHaveLength(2);
  });

  it('gives up quietly when the extension went away under the page', async () => {
    vi.useFakeTimers();
    const { holdPagePort } = await import('@/utils/pages/page-port.js');
    const { runtime, ports } = fakeRuntime();
    holdPagePort(runtime, 1000);
    runtime.failing = true;
    ports[0]!.end();
    expect(() => vi.advanceTimersByTime(5000)).not.toThrow();
    expect(ports).toHaveLength(1);
  });
});

/** Answers the page's calls as the background would; `answer` may hold an answer back. */
function serveApi(answer: (type: string) => Promise<ApiResult<BridgeStatus>>) {
  const calls: string[] = [];
  (fakeBrowser.runtime as { lastError?: unknown }).lastError = undefined;
  // Chrome's callback-style sendMessage, which the messaging library calls.
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: { type: string }, reply: (response: unknown) => void) => {
    calls.push(message.type);
    void answer(message.type).then((res) => reply({ res }));
  }) as never);
  return calls;
}

/** A notification from the background, as the page's listener receives it. */
async function notify(type: 'bridgeStatus' | 'storeChanged', data?: BridgeStatus) {
  // It resolves once every listener has (its typing says it returns their results).
  const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
  await trigger({ id: 1, type, data, timestamp: Date.now() }, { id: fakeBrowser.runtime.id });
}

describe('following the bridge', () => {
  beforeEach(() => {
    // The fake browser has no ports: the page's port is a stub that never ends.
    Object.assign(fakeBrowser.runtime, { connect: vi.fn(() => ({ onDisconnect: { addListener: () => {} }, disconnect: () => {} })) });
  });

  it('holds the port, asks the status once, then follows the notifications', async () => {
    const calls = serveApi(async () => ({ ok: true, value: NOT_INSTALLED }));
    const watch = await import('@/utils/pages/bridge-watch.js');
    const seen: BridgeStatus[] = [];
    watch.onBridgeStatus((s) => seen.push(s));
    expect(watch.bridgeStatusNow()).toBeNull();
    watch.watchBridge();
    watch.watchBridge();
    expect(fakeBrowser.runtime.connect).toHaveBeenCalledExactlyOnceWith({ name: PAGE_PORT });
    await vi.waitFor(() => expect(watch.bridgeStatusNow()).toEqual(NOT_INSTALLED));
    expect(calls).toEqual(['getBridgeStatus']);

    await notify('bridgeStatus', LIVE);
    expect(watch.bridgeStatusNow()).toEqual(LIVE);
    expect(seen).toEqual([NOT_INSTALLED, LIVE]);
  });

  it('keeps a notification that came while its question was on the way, over the older answer', async () => {
    let release!: () => void;
    serveApi(() => new Promise((resolve) => {
      release = () => resolve({ ok: true, value: { ...LOCAL, state: 'connecting' } });
    }));
    const watch = await import('@/utils/pages/bridge-watch.js');
    watch.watchBridge();
    await notify('bridgeStatus', LIVE);
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(watch.bridgeStatusNow()).toEqual(LIVE);
  });

  it('asks again when the background was not there to answer', async () => {
    let tries = 0;
    serveApi(async () => (++tries < 2
      ? { ok: false, error: { code: 'interrupted', message: 'the background stopped' } }
      : { ok: true, value: NOT_INSTALLED }));
    const watch = await import('@/utils/pages/bridge-watch.js');
    watch.watchBridge();
    await vi.waitFor(() => expect(watch.bridgeStatusNow()).toEqual(NOT_INSTALLED), { timeout: 2000 });
    expect(tries).toBe(2);
  });

  it('Sync now: its answer is everyone\'s status at once', async () => {
    const calls = serveApi(async (type) => ({ ok: true, value: type === 'syncBridge' ? LIVE : NOT_INSTALLED }));
    const watch = await import('@/utils/pages/bridge-watch.js');
    const seen: BridgeStatus[] = [];
    watch.onBridgeStatus((s) => seen.push(s));
    expect(await watch.syncBridgeNow()).toEqual({ ok: true, value: LIVE });
    expect(seen).toEqual([LIVE]);
    expect(calls).toEqual(['syncBridge']);
  });

  it('gathers a burst of store changes into one call, at most 100 ms after the first, for every subscriber', async () => {
    vi.useFakeTimers();
    const watch = await import('@/utils/pages/bridge-watch.js');
    const first = vi.fn();
    const second = vi.fn();
    watch.onStoreChanged(first);
    const stop = watch.onStoreChanged(second);
    for (let i = 0; i < 5; i++) {
      await notify('storeChanged');
      vi.advanceTimersByTime(30);
    }
    // The first came 150 ms ago: one call at 100 ms, one for those after it.
    expect(first).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(100);
    expect(first).toHaveBeenCalledTimes(2);
    expect(second).toHaveBeenCalledTimes(2);
    stop();
    await notify('storeChanged');
    vi.advanceTimersByTime(100);
    expect(first).toHaveBeenCalledTimes(3);
    expect(second).toHaveBeenCalledTimes(2);
  });
});

describe('in words', () => {
  it('the popup line: live, connecting, local and why, and the writes waiting', async () => {
    const { popupLine } = await import('@/utils/pages/bridge-text.js');
    expect(popupLine(LIVE, 0)).toBe('Live · this computer\'s store');
    expect(popupLine(NOT_INSTALLED, 0)).toBe('Local only · install the bridge');
    expect(popupLine({ ...LOCAL, problem: { kind: 'disconnected', message: 'Native host has exited.' } }, 3))
      .toBe('Local only · this computer\'s store is not connected · 3 changes waiting');
    expect(popupLine(LOCAL, 1)).toBe('Local only · 1 change waiting');
    expect(popupLine({ ...LOCAL, state: 'connecting' }, 0)).toBe('Connecting to this computer\'s store…');
    // Retrying after a failure still says why it is local.
    expect(popupLine({ ...NOT_INSTALLED, state: 'connecting' }, 0)).toBe('Local only · install the bridge');
    for (const kind of ['forbidden', 'version', 'error'] as const) {
      expect(popupLine({ ...LOCAL, problem: { kind, message: 'x' } }, 0)).toMatch(/^Local only · \S.+$/);
    }
  });

  it('shows nothing while connecting at first, then what was last settled, then "Connecting…" after a while', async () => {
    const { shownStatus } = await import('@/utils/pages/bridge-text.js');
    const connecting: BridgeStatus = { ...LOCAL, state: 'connecting' };
    expect(shownStatus(null, null, true)).toBeNull();
    expect(shownStatus(connecting, null, false)).toBeNull();
    expect(shownStatus(LOCAL, null, false)).toBeNull();
    expect(shownStatus(connecting, LIVE, false)).toBe(LIVE);
    expect(shownStatus(connecting, null, true)).toBe(connecting);
    expect(shownStatus(NOT_INSTALLED, LIVE, false)).toBe(NOT_INSTALLED);
  });

  it('confirmations say that a change acts on this computer\'s store when live, or will once reconnected', async () => {
    const { confirmNote } = await import('@/utils/pages/bridge-text.js');
    expect(confirmNote('deleteAll', LIVE)).toBe('This deletes them from this computer\'s store, which the command line and Claude Code hooks use too.');
    expect(confirmNote('deleteOne', LIVE)).toMatch(/^This deletes it from this computer's store/);
    expect(confirmNote('reset', LIVE)).toMatch(/^This resets it in this computer's store/);
    expect(confirmNote('import', LIVE)).toMatch(/this computer's store/);
    expect(confirmNote('deleteAll', NOT_INSTALLED)).toBeNull();
    expect(confirmNote('deleteAll', null)).toBeNull();
    // Connected before: its writes wait in the outbox and reach the store later.
    expect(confirmNote('reset', { ...LIVE, state: 'local', problem: { kind: 'disconnected', message: 'x' } }))
      .toBe('This computer\'s store gets the same change the next time the extension connects to it.');
    expect(confirmNote('deleteOne', { ...NOT_INSTALLED, outbox: 2 })).toMatch(/next time/);
    // Linked, even after a restart that forgot the last sync, with nothing waiting yet.
    expect(confirmNote('deleteOne', { ...NOT_INSTALLED, linked: true })).toMatch(/next time/);
  });

  it('what Sync now came to', async () => {
    const { syncResultText } = await import('@/utils/pages/bridge-text.js');
    expect(syncResultText({ ok: true, value: LIVE })).toEqual({ ok: true, text: 'Synced: this computer\'s store holds 12 entities.' });
    expect(syncResultText({ ok: true, value: { ...LIVE, hostEntities: 1 } }).text).toBe('Synced: this computer\'s store holds 1 entity.');
    expect(syncResultText({ ok: true, value: NOT_INSTALLED }))
      .toEqual({ ok: false, text: 'Could not sync: the bridge is not installed on this computer.' });
    expect(syncResultText({ ok: false, error: { code: 'interrupted', message: 'x' } }))
      .toEqual({ ok: false, text: 'The extension\'s background stopped before it answered. Try again.' });
  });

  it('the commands to run', async () => {
    const { BRIDGE_INSTALL_COMMAND, allowCommand, isChromiumExtensionId } = await import('@/utils/pages/bridge-text.js');
    expect(BRIDGE_INSTALL_COMMAND).toBe('npm i -g web4-trust && web4-trust bridge install');
    expect(isChromiumExtensionId('aoflmkmcepchkjponjbbhapcbokmopdc')).toBe(true);
    expect(isChromiumExtensionId('web4-trust@web4.dev')).toBe(false);
    expect(allowCommand('aoflmkmcepchkjponjbbhapcbokmopdc')).toBe('web4-trust bridge install --extension-id aoflmkmcepchkjponjbbhapcbokmopdc');
  });
});
