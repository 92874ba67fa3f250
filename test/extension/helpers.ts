// Shared set-up for the extension's unit tests: a fresh fake IndexedDB and background services.
import { IDBFactory } from 'fake-indexeddb';
import { EntityTrust, type EntityJson } from '@/core/index.js';
import type { BackgroundServices } from '@/utils/api/background-api.js';
import type { ImportProgress } from '@/utils/api/messaging.js';
import { createSweeper } from '@/utils/background/sweep-alarm.js';
import { closeSharedTrustDb, openTrustDb } from '@/utils/db/trust-db.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { ManualClock } from '../contract/trust-store-contract.js';

export const OWN = { id: 'test-extension-id', baseUrl: 'chrome-extension://test-extension-id/' };
export const OWN_PAGE = { id: OWN.id, url: `${OWN.baseUrl}options.html`, origin: 'chrome-extension://test-extension-id' };

/** A fresh, empty database (and forgets any shared connection to the previous one). */
export async function freshDb(): Promise<TrustDb> {
  closeSharedTrustDb();
  indexedDB = new IDBFactory();
  return openTrustDb();
}

export interface TestServices extends BackgroundServices {
  clock: ManualClock;
  changes: number;
  progress: ImportProgress[];
  periods: number[];
}

export function testServices(db: TrustDb): TestServices {
  const clock = new ManualClock();
  const sweeper = createSweeper(async () => db, () => clock.now());
  const services: TestServices = {
    db: async () => db,
    clock,
    startedAt: clock.now(),
    changes: 0,
    progress: [],
    periods: [],
    changed: () => void services.changes++,
    settingsChanged: async (next, previous) => {
      if (next.sweepPeriodMinutes !== previous.sweepPeriodMinutes) services.periods.push(next.sweepPeriodMinutes);
    },
    sweepNow: () => sweeper.now(),
    importProgress: (p) => void services.progress.push(p),
  };
  return services;
}

/** An entity whose three T3 scores are `t3`, last active at `at`. */
export function entityWithTrust(id: string, t3: number, at: number): EntityJson {
  const json = EntityTrust.create(id, at).toJSON();
  const stamp = new Date(at).toISOString();
  return {
    ...json, talent: t3, training: t3, temperament: t3, t3_at_last_activity: [t3, t3, t3],
    last_action: stamp, last_activity: stamp,
  };
}
