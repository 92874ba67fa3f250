// The toolbar badge: how many entities are at low or minimal trust (nothing when none).
import { browser } from 'wxt/browser';
import { countLowTrust } from '../db/entity-queries.js';
import type { TrustDb } from '../db/schema.js';

const BADGE_COLOR = '#b3261e';

/** What the badge says for `count` entities: at most 4 characters. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(Math.floor(count / 100) / 10).toString()}k`;
  return `${Math.min(999, Math.floor(count / 1000))}k`;
}

/**
 * Returns a function that refreshes the badge from the database. Calls made while a refresh runs
 * are folded into one more refresh, so a burst of changes costs two reads, not one per change.
 */
export function createBadgeUpdater(db: () => Promise<TrustDb>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  // What this worker last showed; extension API calls cost more than the count, so skip repeats.
  let shown: string | undefined;
  const refresh = async (): Promise<void> => {
    const text = badgeText(await countLowTrust(await db()));
    if (text === shown) return;
    if (shown === undefined) await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
    await browser.action.setBadgeText({ text });
    shown = text;
  };
  const run = (): Promise<void> => {
    running = refresh()
      .catch((error: unknown) => console.warn('[web4-trust] could not refresh the badge', error))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          void run();
        }
      });
    return running;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    return run();
  };
}
