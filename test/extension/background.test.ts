import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EntityTrust, MS_PER_DAY } from '@/core/index.js';
import { entityWithTrust, freshDb, OWN_PAGE } from './helpers.js';

beforeEach(async () => {
  fakeBrowser.reset();
  // The fake browser has no ports (pages' and native): the bridge then stays local, as without the host.
  Object.assign(fakeBrowser.runtime, { onConnect: { addListener: () => {} } });
  (await freshDb()).close();
  // A fresh copy of the background's modules, as in a newly started worker.
  vi.resetModules();
  const { default: background } = await import('@/entrypoints/background.js');
  background.main();
});

/** Sends a message as an extension page would, through the registered runtime.onMessage listener. */
async function send(type: string, data?: unknown, sender: object = OWN_PAGE): Promise<unknown> {
  const reply = new Promise((resolve) => {
    // Chrome passes a sendResponse callback as the third argument; the typing of trigger omits it.
    const trigger = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown>;
    void trigger({ id: 1, type, data, timestamp: Date.now() }, sender, resolve);
  });
  const { res } = (await reply) as { res: unknown };
  return res;
}

/** The badge is refreshed in the background after a change: wait (up to 2 s) until it shows `text`. */
const badgeShows = (text: string) =>
  vi.waitFor(async () => expect(await fakeBrowser.action.getBadgeText({})).toBe(text), { timeout: 2000 });

it('creates the decay-sweep alarm once, and never resets an existing one', async () => {
  const setBadgeText = vi.spyOn(fakeBrowser.action, 'setBadgeText');
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  const alarm = await vi.waitFor(async () => {
    const created = await fakeBrowser.alarms.get('decay-sweep');
    expect(created).toMatchObject({ periodInMinutes: 60 });
    return created;
  });
  // Each listener's work ends with a badge refresh (an update) or a logged sweep (a browser start):
  // once those are seen, the alarm has been looked at.
  await vi.waitFor(() => expect(setBadgeText).toHaveBeenCalled());
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
  await fakeBrowser.runtime.onStartup.trigger();
  await vi.waitFor(async () => expect(await send('getStatus')).toMatchObject({ value: { lastSweep: { scanned: 0 } } }));
  expect(await fakeBrowser.alarms.get('decay-sweep')).toEqual(alarm);
});

it('serves the API through runtime messages, and refuses other senders', async () => {
  const recorded = await send('recordOutcome', { id: 'mcp:fs', success: true, magnitude: 0.1 });
  expect(recorded).toMatchObject({ ok: true, value: { entity_id: 'mcp:fs', action_count: 1 } });
  expect(await send('recordOutcome', { id: 'mcp:fs', success: true, magnitude: 1 }, { id: 'test-extension-id', url: 'https://example.com/' }))
    .toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await send('getEntity', { id: 'mcp:fs' })).toMatchObject({ ok: true, value: { entity: { action_count: 1 } } });
});

it('shows the number of entities at low or minimal trust now on the badge, refreshed after changes and sweeps', async () => {
  const now = Date.now();
  expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  await send('importStore', {
    bundle: [
      entityWithTrust('mcp:low', 0.3, now), entityWithTrust('mcp:ok', 0.9, now),
      entityWithTrust('mcp:old', 0.45, now - 400 * MS_PER_DAY), entityWithTrust('mcp:aging', 0.45, now - 20 * MS_PER_DAY),
    ],
    mode: 'merge', dryRun: false,
  });
  // The long-idle entity was medium when last active and is low now: counted at once, before any sweep.
  await badgeShows('2');
  const old = (await send('getEntity', { id: 'mcp:old' })) as { value: { entity: unknown } };
  expect(EntityTrust.fromJSON(old.value.entity).t3Average).toBeLessThan(0.4);

  // Faster decay takes the entity idle for 20 days below 0.4 too. The alarm's sweep, told to write
  // nothing back, still counts it.
  await send('setSettings', { decayRatePerDay: 0.1, sweepMinChange: 1 });
  await fakeBrowser.alarms.onAlarm.trigger({ name: 'decay-sweep', scheduledTime: now, periodInMinutes: 60 });
  await badgeShows('3');
  const status = (await send('getStatus')) as { value: { lastSweep: { scanned: number; changed: number } } };
  expect(status.value.lastSweep).toMatchObject({ scanned: 4, changed: 0 });

  await send('deleteEntity', { id: 'mcp:low' });
  await badgeShows('2');
});

it('reschedules the alarm when the sweep period changes', async () => {
  await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
  await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('decay-sweep')).toBeDefined());
  await send('setSettings', { sweepPeriodMinutes: 5 });
  expect(await fakeBrowser.alarms.get('decay-sweep')).toMatchObject({ periodInMinutes: 5 });
});
