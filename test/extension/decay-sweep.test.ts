import { beforeEach, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY } from '@/core/index.js';
import { hasUnfinishedSweep, runSweep } from '@/utils/store/decay-sweep.js';
import { bucketOf } from '@/utils/db/entity-buckets.js';
import { countLowTrust } from '@/utils/db/entity-queries.js';
import { recentEvents } from '@/utils/db/event-log.js';
import { IndexedDbAdapter } from '@/utils/store/indexed-db-adapter.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { entityWithTrust, freshDb } from './helpers.js';

const T0 = Date.UTC(2026, 0, 1);
let db: TrustDb;
let store: IndexedDbTrustStore;
beforeEach(async () => {
  db = await freshDb();
  store = new IndexedDbTrustStore(db);
  await store.importBundle(Array.from({ length: 25 }, (_, i) => entityWithTrust(`mcp:${String(i).padStart(2, '0')}`, 0.9, T0)));
  return () => db.close();
});

/** The entities as stored (reads through the store show them at now, whatever a sweep wrote). */
const stored = () => new IndexedDbAdapter(db, { eventLogCap: 100, clockNow: Date.now, decay: DEFAULT_DECAY }).all();

const options = { config: DEFAULT_DECAY, rule: { minChange: 0, sessionRetentionDays: Infinity }, eventLogCap: 100, batchSize: 10, clockNow: () => T0 + 8 * MS_PER_DAY };

it('resumes a sweep cut short after a batch, and ends as one uninterrupted sweep would', async () => {
  const now = T0 + 7 * MS_PER_DAY;
  let batches = 0;
  const killed = runSweep(db, {
    ...options, now, resume: true,
    onBatch: () => {
      if (++batches === 2) throw new Error('worker stopped');
    },
  });
  await expect(killed).rejects.toThrow('worker stopped');
  expect(await hasUnfinishedSweep(db)).toBe(true);
  // Two batches of 10 buckets done: an entity in a later bucket is not reached yet.
  const later = (await stored()).find((e) => bucketOf(e.entityId) >= 2 * options.batchSize)!;
  expect(later.training).toBe(0.9);

  // The next wake resumes with the sweep's own moment, even if asked for another.
  const result = await runSweep(db, { ...options, now: now + 99 * MS_PER_DAY, resume: true });
  expect(result).toMatchObject({ scanned: 25, changed: 25, finished_at: T0 + 8 * MS_PER_DAY });
  expect(await hasUnfinishedSweep(db)).toBe(false);
  for (const entity of await stored()) {
    const expected = EntityTrust.fromJSON(entityWithTrust(entity.entityId, 0.9, T0));
    expected.decayTo(now, DEFAULT_DECAY);
    expect(entity.toJSON()).toEqual(expected.toJSON());
  }
  const [event] = await recentEvents(db, 1);
  expect(event).toMatchObject({ kind: 'sweep', details: { scanned: 25, changed: 25, decayed_to: now } });
});

it('applies exactly a week of decay after a week away, however many sweeps ran before', async () => {
  await runSweep(db, { ...options, now: T0 + 2 * MS_PER_DAY, resume: false });
  await runSweep(db, { ...options, now: T0 + 7 * MS_PER_DAY, resume: false });
  const swept = (await stored()).find((e) => e.entityId === 'mcp:00')!;
  const once = EntityTrust.fromJSON(entityWithTrust('mcp:00', 0.9, T0));
  once.applyDecay(7 - DEFAULT_DECAY.graceDays, DEFAULT_DECAY.ratePerDay);
  expect(swept.training).toBeCloseTo(once.training, 12);
  expect(swept.temperament).toBeCloseTo(once.temperament, 12);
});

it('starts over when not resuming', async () => {
  await expect(runSweep(db, { ...options, now: T0 + 3 * MS_PER_DAY, resume: false, onBatch: () => Promise.reject(new Error('stop')) })).rejects.toThrow();
  const result = await runSweep(db, { ...options, now: T0 + 3 * MS_PER_DAY, resume: false });
  expect(result.scanned).toBe(25);
});

it('flags an entity low when it is written low at that moment, and a sweep that keeps entities as stored still brings their flags to its moment', async () => {
  const lowTrustAt = async () => (await db.getAll('summary-buckets')).flatMap((b) => b.low_trust).sort();
  // Medium (0.45) when last active 400 days ago: written low at once, as lists show it now.
  const importer = new IndexedDbTrustStore(db, { clock: { now: () => T0 } });
  await importer.importBundle([entityWithTrust('mcp:old', 0.45, T0 - 400 * MS_PER_DAY), entityWithTrust('mcp:aging', 0.45, T0)]);
  expect(await lowTrustAt()).toEqual(['mcp:old']);
  expect(await countLowTrust(db)).toBe(1);
  // 100 days on, the second one is low too. A sweep that writes nothing back (minimum change 1) keeps
  // every text and score as stored, and flags it.
  const before = await stored();
  const result = await runSweep(db, { ...options, now: T0 + 100 * MS_PER_DAY, resume: false, rule: { minChange: 1, sessionRetentionDays: Infinity } });
  expect(result).toMatchObject({ scanned: 27, changed: 0 });
  expect((await stored()).map((e) => e.toJSON())).toEqual(before.map((e) => e.toJSON()));
  expect(await lowTrustAt()).toEqual(['mcp:aging', 'mcp:old']);
  expect(await countLowTrust(db)).toBe(2);
});
