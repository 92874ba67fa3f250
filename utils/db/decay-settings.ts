// The decay settings as the lists read them, straight from the meta store. Without valibot, which
// the popup does not otherwise load: the same bounds as `settingsFields` (api-schemas.ts), and a test
// checks that both read every stored value alike (a missing or invalid field is its default).
import { DEFAULT_DECAY, type DecayConfig } from '@/core/index.js';

/** The longest grace period the settings accept. */
export const MAX_GRACE_DAYS = 3650;

/** The decay settings in a stored settings record (any value, as read). */
export function storedDecayConfig(stored: unknown): DecayConfig {
  const fields = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  return {
    ratePerDay: inRange(fields.decayRatePerDay, 0, 1) ?? DEFAULT_DECAY.ratePerDay,
    graceDays: inRange(fields.graceDays, 0, MAX_GRACE_DAYS) ?? DEFAULT_DECAY.graceDays,
  };
}

function inRange(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && value >= min && value <= max ? value : undefined;
}
