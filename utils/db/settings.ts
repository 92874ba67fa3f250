// The user's settings, kept in the database's meta store (never in worker memory).
import { DEFAULT_DECAY, DEFAULT_SWEEP_RULE, type DecayConfig, type SweepRule } from '@/core/index.js';
import * as v from 'valibot';
import type { Settings } from '../api/api-types.js';
import { MIN_SWEEP_PERIOD_MINUTES, settingsFields } from '../api/api-schemas.js';
import { DEFAULT_EVENT_LOG_CAP } from './event-log.js';
import type { TrustDb } from './schema.js';

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  decayRatePerDay: DEFAULT_DECAY.ratePerDay,
  graceDays: DEFAULT_DECAY.graceDays,
  sweepPeriodMinutes: 60,
  eventLogCap: DEFAULT_EVENT_LOG_CAP,
  sweepMinChange: DEFAULT_SWEEP_RULE.minChange,
  sessionRetentionDays: DEFAULT_SWEEP_RULE.sessionRetentionDays,
});

export async function readSettings(db: TrustDb): Promise<Settings> {
  return settingsFrom(await db.get('meta', 'settings'));
}

/**
 * The settings in a stored value, each field checked with the schema `setSettings` uses: a field
 * that is missing or invalid (an older version's, a damaged record) is its default, so that one bad
 * stored value can never make every call fail. Settings added later (the sweep rule) are read as
 * their defaults until they are first saved.
 */
export function settingsFrom(stored: unknown): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  if (typeof stored !== 'object' || stored === null) return settings;
  for (const key of Object.keys(settingsFields) as (keyof Settings)[]) {
    let value = (stored as Record<string, unknown>)[key];
    // Chrome allowed a 30 s period before the minimum became 1 minute in both browsers: the
    // nearest period allowed now, rather than the default.
    if (key === 'sweepPeriodMinutes' && typeof value === 'number' && value >= 0.5 && value < MIN_SWEEP_PERIOD_MINUTES) {
      value = MIN_SWEEP_PERIOD_MINUTES;
    }
    if (v.is(settingsFields[key], value)) (settings as Record<keyof Settings, unknown>)[key] = value;
  }
  return settings;
}

/** Applies an already validated change and returns all the settings after it. */
export async function writeSettings(db: TrustDb, patch: { [K in keyof Settings]?: Settings[K] | undefined }): Promise<Settings> {
  const tx = db.transaction('meta', 'readwrite');
  const current = settingsFrom(await tx.store.get('settings'));
  const next: Settings = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof Settings, Settings[keyof Settings] | undefined][]) {
    if (value !== undefined) (next as Record<keyof Settings, Settings[keyof Settings]>)[key] = value;
  }
  await tx.store.put(next, 'settings');
  await tx.done;
  return next;
}

export function decayConfigOf(settings: Settings): DecayConfig {
  return { ratePerDay: settings.decayRatePerDay, graceDays: settings.graceDays };
}

/** What a sweep writes back and removes; sessions kept forever are an infinite retention. */
export function sweepRuleOf(settings: Settings): SweepRule {
  return { minChange: settings.sweepMinChange, sessionRetentionDays: settings.sessionRetentionDays ?? Infinity };
}
