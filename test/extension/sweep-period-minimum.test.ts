// Issue 13, item 8: one sweep-period minimum (1 minute) in both browsers; a 30 s period saved by an
// earlier Chrome build reads as 1 minute, not as the default hour.
import { describe, expect, it } from 'vitest';
import { MIN_SWEEP_PERIOD_MINUTES } from '@/utils/api/api-schemas.js';
import { DEFAULT_SETTINGS, settingsFrom } from '@/utils/db/settings.js';

describe('the sweep period', () => {
  it('is at least 1 minute', () => {
    expect(MIN_SWEEP_PERIOD_MINUTES).toBe(1);
    expect(settingsFrom({ sweepPeriodMinutes: 0.2 }).sweepPeriodMinutes).toBe(DEFAULT_SETTINGS.sweepPeriodMinutes);
  });

  it('reads a saved 30 s period as 1 minute, and keeps a longer one', () => {
    expect(settingsFrom({ sweepPeriodMinutes: 0.5 }).sweepPeriodMinutes).toBe(1);
    expect(settingsFrom({ sweepPeriodMinutes: 0.75 }).sweepPeriodMinutes).toBe(1);
    expect(settingsFrom({ sweepPeriodMinutes: 5 }).sweepPeriodMinutes).toBe(5);
  });
});
