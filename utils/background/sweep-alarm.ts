// The `decay-sweep` alarm, and the one sweep that runs at a time in this background.
import { browser } from 'wxt/browser';
import type { SweepResult } from '../api/api-types.js';
import { IndexedDbTrustStore } from '../store/indexed-db-store.js';
import { decayConfigOf, readSettings, sweepRuleOf } from '../db/settings.js';
import type { TrustDb } from '../db/schema.js';

export const SWEEP_ALARM = 'decay-sweep';

/**
 * Creates the alarm unless it exists: re-creating an alarm resets its timer, so a worker that
 * starts more often than the period would otherwise never sweep.
 */
export async function ensureSweepAlarm(db: TrustDb): Promise<void> {
  if (await browser.alarms.get(SWEEP_ALARM)) return;
  await scheduleSweepAlarm((await readSettings(db)).sweepPeriodMinutes);
}

/** (Re)creates the alarm with a new period; used when the setting changes. */
export async function scheduleSweepAlarm(periodInMinutes: number): Promise<void> {
  await browser.alarms.create(SWEEP_ALARM, { periodInMinutes, delayInMinutes: periodInMinutes });
}

/** Runs sweeps one at a time; `resume` continues a sweep a stopped worker left unfinished. */
export function createSweeper(db: () => Promise<TrustDb>, now: () => number) {
  let running: Promise<SweepResult> | undefined;

  const run = async (resume: boolean): Promise<SweepResult> => {
    const database = await db();
    const settings = await readSettings(database);
    const store = new IndexedDbTrustStore(database, {
      clock: { now }, decay: decayConfigOf(settings), sweep: sweepRuleOf(settings), eventLogCap: settings.eventLogCap,
    });
    // An extension API call between batches tells Chrome the worker is busy, so it is not
    // stopped for idleness in the middle of a long sweep.
    return store.sweep({ resume, onBatch: () => browser.alarms.get(SWEEP_ALARM).then(() => {}, () => {}) });
  };
  const start = (resume: boolean): Promise<SweepResult> => {
    const sweep: Promise<SweepResult> = run(resume).finally(() => {
      if (running === sweep) running = undefined;
    });
    running = sweep;
    return sweep;
  };

  return {
    /** The alarm's sweep: resumes an unfinished one, or joins the one running. */
    scheduled(): Promise<SweepResult> {
      return running ?? start(true);
    },
    /** A full sweep to now, after the one running (if any) ends. */
    async now(): Promise<SweepResult> {
      if (running) await running.catch(() => {});
      return start(false);
    },
  };
}
