import type { Settings } from './api-types.js';
import { readSettings } from '../db/settings.js';
import type { TrustDb } from '../db/schema.js';

// Settings as last read or written by this background, which is their only writer; saves a read
// per call. A stopped worker starts with an empty cache.
export const settingsCache = new WeakMap<TrustDb, Promise<Settings>>();

export function cachedSettings(db: TrustDb): Promise<Settings> {
  let settings = settingsCache.get(db);
  if (!settings) {
    settings = readSettings(db);
    settings.catch(() => settingsCache.delete(db));
    settingsCache.set(db, settings);
  }
  return settings;
}
