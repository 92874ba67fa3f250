// The user's settings, kept in the database's meta store (never in worker memory).
import { DEFAULT_DECAY, type DecayConfig } from '@/core/index.js';
import type { Settings } from './api-types.js';
import { DEFAULT_EVENT_LOG_CAP } from './event-log.js';
import type { TrustDb } from './trust-db.js';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  decayRatePerDay: DEFAULT_DECAY.ratePerDay,
  graceDays: DEFAULT_DECAY.graceDays,
  sweepPeriodMinutes: 60,
  eventLogCap: DEFAULT_EVENT_LOG_CAP,
});

export async function readSettings(db: TrustDb): Promise<Settings> {
  const stored = (await db.get('meta', 'settings')) as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

/** Applies an already validated change and returns all the settings after it. */
export async function writeSettings(db: TrustDb, patch: Partial<Settings>): Promise<Settings> {
  const tx = db.transaction('meta', 'readwrite');
  const current = { ...DEFAULT_SETTINGS, ...((await tx.store.get('settings')) as Partial<Settings> | undefined) };
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof Settings, number | undefined][]) {
    if (value !== undefined) next[key] = value;
  }
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}

export function decayConfigOf(settings: Settings): DecayConfig {
  return { ratePerDay: settings.decayRatePerDay, graceDays: settings.graceDays };
}
