// The trust engine's home: serves the extension's pages, sweeps decay on an alarm, keeps the badge.
// Nothing lives only in memory: Chrome stops an idle worker after ~30 s and Firefox unloads event
// pages, so every call reads and writes IndexedDB.
import { browser } from 'wxt/browser';
import { API_CALLS, handleApiMessage, isOwnPage, type BackgroundServices, type Sender } from '@/utils/api/background-api.js';
import { openStore } from '@/utils/api/handlers.js';
import { BridgeLink, PAGE_PORT } from '@/utils/bridge/bridge-link.js';
import { createBadgeUpdater } from '@/utils/background/badge.js';
import { hasUnfinishedSweep } from '@/utils/store/decay-sweep.js';
import { onApiMessage, sendPageNotification, type ApiCall } from '@/utils/api/messaging.js';
import { SWEEP_ALARM, createSweeper, ensureSweepAlarm, scheduleSweepAlarm } from '@/utils/background/sweep-alarm.js';
import { getTrustDb } from '@/utils/db/trust-db.js';

export default defineBackground(() => {
  const db = getTrustDb;
  const clock = { now: () => Date.now() };
  const refreshBadge = createBadgeUpdater(db);
  const sweeper = createSweeper(db, clock.now);
  const own = { id: browser.runtime.id, baseUrl: browser.runtime.getURL('/') };

  const bridge = new BridgeLink({
    db,
    openStore: () => openStore(services),
    version: () => browser.runtime.getManifest().version,
    statusChanged: (status) => void sendPageNotification('bridgeStatus', status).catch(() => {}),
    storeChanged: () => {
      void refreshBadge();
      sendPageNotification('storeChanged', undefined).catch(() => {});
    },
    log: (message) => console.warn(`[web4-trust] ${message}`),
  });

  const services: BackgroundServices = {
    bridge,
    db,
    clock,
    startedAt: clock.now(),
    changed: () => void refreshBadge(),
    async settingsChanged(next, previous) {
      if (next.sweepPeriodMinutes !== previous.sweepPeriodMinutes) await scheduleSweepAlarm(next.sweepPeriodMinutes);
    },
    sweepNow: () => sweeper.now(),
    importProgress(progress) {
      // Pages that are not listening make this fail; progress is only a courtesy.
      sendPageNotification('importProgress', progress).catch(() => {});
    },
  };

  // Every listener is registered synchronously, before anything is awaited.
  for (const call of API_CALLS) {
    // The library types `sender` with Chrome's globals, which this project does not load; it is checked as a Sender.
    onApiMessage(call, ({ data, sender }) => handleApiMessage(call as ApiCall, data, sender as Sender, own, services));
  }

  // Connected, the sweep is done once, on this computer's store (the host's); the pushes bring it here.
  const sweepAndRefresh = () =>
    bridge.connect()
      .then(async (live) => {
        if (!live || !(await bridge.apply(crypto.randomUUID(), { kind: 'sweep' }))) await sweeper.scheduled();
      })
      .then(() => refreshBadge())
      .catch((error: unknown) => console.error('[web4-trust] decay sweep failed', error));

  // Each open page holds a port: the bridge stays connected while any is open.
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_PORT || !isOwnPage((port.sender ?? {}) as Sender, own.id, own.baseUrl)) return;
    bridge.pageOpened();
    port.onDisconnect.addListener(() => bridge.pageClosed());
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SWEEP_ALARM) void sweepAndRefresh();
  });
  browser.runtime.onInstalled.addListener(() => {
    void db().then(ensureSweepAlarm).then(() => refreshBadge());
  });
  browser.runtime.onStartup.addListener(() => {
    // A browser closed for a week: the sweep decays to now, so exactly that week is applied.
    void db().then(ensureSweepAlarm).then(sweepAndRefresh);
  });

  // A sweep cut short when this worker was last stopped continues now.
  void db()
    .then(hasUnfinishedSweep)
    .then((unfinished) => (unfinished ? sweepAndRefresh() : undefined))
    .catch((error: unknown) => console.error('[web4-trust] could not open the database', error));
});
