// The decay sweep: does the core's `sweepEntity` to every stored entity at one moment, in bounded
// batches of buckets. The cursor (the next bucket) is saved with each batch, so a sweep cut short by
// a stopped worker resumes where it was on the next wake instead of starting over.
import * as v from 'valibot';
import { assertSweepConfig, sweepEntity, type DecayConfig, type EpochMs, type SweepRule } from '@/core/index.js';
import type { SweepResult } from '../api/api-types.js';
import { BUCKET_COUNT, BucketSet, readableEntities } from '../db/entity-buckets.js';
import { MAX_EVENT_ENTITY_IDS, appendEvent } from '../db/event-log.js';
import { PendingWrites, inTransaction } from '../db/transaction.js';
import type { SweepCursor, TrustDb } from '../db/schema.js';

const wholeNumber = v.pipe(v.number(), v.integer(), v.minValue(0));
const cursorSchema = v.object({
  now: v.pipe(v.number(), v.finite()),
  config: v.object({ ratePerDay: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), graceDays: v.pipe(v.number(), v.minValue(0)) }),
  rule: v.object({ minChange: v.pipe(v.number(), v.minValue(0), v.maxValue(1)), sessionRetentionDays: v.pipe(v.number(), v.minValue(0)) }),
  started_at: v.pipe(v.number(), v.finite()),
  next_bucket: v.pipe(wholeNumber, v.maxValue(BUCKET_COUNT)),
  scanned: wholeNumber,
  changed: wholeNumber,
  removed: wholeNumber,
  busy_ms: v.pipe(v.number(), v.minValue(0)),
});

/** A saved cursor, checked: one that is not valid (damaged, another version's) is no sweep to resume. */
function cursorFrom(stored: unknown): SweepCursor | undefined {
  return v.is(cursorSchema, stored) ? stored : undefined;
}

/** Buckets per batch: ~6,400 entities per transaction with 100,000 entities. */
export const SWEEP_BATCH_BUCKETS = 64;

export interface SweepOptions {
  /** The moment to decay to (ignored when resuming: a sweep keeps its moment). */
  now: EpochMs;
  config: DecayConfig;
  rule: SweepRule;
  /** Continue a saved, unfinished sweep if there is one (the alarm does; an explicit sweep does not). */
  resume: boolean;
  eventLogCap: number;
  /** Buckets per batch. */
  batchSize?: number;
  /** Where `finished_at` comes from. */
  clockNow?: () => EpochMs;
  /** Called after each committed batch, e.g. to keep a service worker awake. */
  onBatch?: ((progress: SweepCursor) => void | Promise<void>) | undefined;
}

/** Runs (or resumes) a sweep to its end and returns its summary, which is also logged and saved. */
export async function runSweep(db: TrustDb, options: SweepOptions): Promise<SweepResult> {
  const { eventLogCap, batchSize = SWEEP_BATCH_BUCKETS, clockNow = () => Date.now(), onBatch } = options;
  assertSweepConfig(options.config, options.rule);
  const saved = options.resume ? cursorFrom(await db.get('meta', 'sweep-cursor')) : undefined;
  const state: SweepCursor = saved ?? {
    now: options.now, config: { ...options.config }, rule: { ...options.rule }, started_at: clockNow(),
    next_bucket: 0, scanned: 0, changed: 0, removed: 0, busy_ms: 0,
  };

  // The ids this run rewrote, for the sweep's event (an entity's history shows the sweeps that
  // changed it). Kept in memory only: a sweep resumed after a stop lists what it changed since.
  const changedIds: string[] = [];
  for (;;) {
    const started = performance.now();
    // Relaxed: a batch lost to a crash is simply swept again on the next run.
    const tx = db.transaction(['entity-buckets', 'summary-buckets', 'events', 'meta'], 'readwrite', { durability: 'relaxed' });
    const result = await inTransaction(tx, async () => {
      const buckets = new BucketSet(tx.objectStore('entity-buckets'), tx.objectStore('summary-buckets'), { now: state.now, decay: state.config });
      const end = Math.min(state.next_bucket + batchSize, BUCKET_COUNT);
      await buckets.loadRange(state.next_bucket, end);
      for (const entity of readableEntities([...buckets.texts()].map(([, text]) => text))) {
        const action = sweepEntity(entity, state.now, state.config, state.rule);
        if (action === 'write') {
          buckets.put(entity);
          state.changed++;
          if (changedIds.length <= MAX_EVENT_ENTITY_IDS) changedIds.push(entity.entityId);
        } else if (action === 'remove') {
          buckets.delete(entity.entityId);
          state.removed++;
        } else {
          // Kept as stored (it moved less than the rule's minimum), but it may have crossed into or
          // out of low trust since it was written: the badge counts it as it stands now.
          buckets.refreshLowTrust(entity.entityId);
        }
        state.scanned++;
      }
      const writes = new PendingWrites();
      buckets.write(writes);
      state.next_bucket = end;
      state.busy_ms += performance.now() - started;
      const meta = tx.objectStore('meta');
      if (end < BUCKET_COUNT) {
        writes.add(meta.put({ ...state }, 'sweep-cursor'));
        await writes.all();
        return undefined;
      }
      const summary: SweepResult = {
        scanned: state.scanned, changed: state.changed, removed: state.removed,
        duration_ms: Math.round(state.busy_ms), finished_at: clockNow(),
      };
      writes.add(meta.delete('sweep-cursor'));
      writes.add(meta.put(summary, 'last-sweep'));
      writes.add(appendEvent(tx.objectStore('events'), {
        at: summary.finished_at, kind: 'sweep', entity_ids: changedIds.slice(0, MAX_EVENT_ENTITY_IDS),
        details: {
          scanned: summary.scanned, changed: summary.changed, removed: summary.removed,
          duration_ms: summary.duration_ms, decayed_to: state.now,
          ...(changedIds.length > MAX_EVENT_ENTITY_IDS && { ids_truncated: true }),
        },
      }, eventLogCap));
      await writes.all();
      return summary;
    });
    if (result) return result;
    await onBatch?.(state);
  }
}

/** Whether a sweep was cut short and is waiting to be resumed. */
export async function hasUnfinishedSweep(db: TrustDb): Promise<boolean> {
  return cursorFrom(await db.get('meta', 'sweep-cursor')) !== undefined;
}
