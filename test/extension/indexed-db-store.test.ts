import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityTrust, MS_PER_DAY } from '@/core/index.js';
import { bucketOf } from '@/utils/db/entity-buckets.js';
import { rowOf, rowsOf } from '@/utils/db/summary-rows.js';
import { IndexedDbTrustStore } from '@/utils/store/indexed-db-store.js';
import { eventsOf, recentEvents } from '@/utils/db/event-log.js';
import { hasUnfinishedSweep } from '@/utils/store/decay-sweep.js';
import { openTrustDb } from '@/utils/db/trust-db.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { describeTrustStoreContract, ManualClock } from '../contract/trust-store-contract.js';

describeTrustStoreContract('IndexedDbTrustStore', async ({ clock }) => {
  indexedDB = new IDBFactory();
  const db = await openTrustDb();
  return { store: new IndexedDbTrustStore(db, { clock }), close: async () => db.close() };
});

describe('IndexedDbTrustStore event log and transactions', () => {
  let db: TrustDb;
  let clock: ManualClock;
  let store: IndexedDbTrustStore;

  beforeEach(async () => {
    indexedDB = new IDBFactory();
    db = await openTrustDb();
    clock = new ManualClock();
    store = new IndexedDbTrustStore(db, { clock, eventLogCap: 5 });
    return () => db.close();
  });

  it('keeps each entity in its bucket: its text, its list row, its low-trust flag; empty buckets go', async () => {
    await store.update('mcp:a', false, 1);
    await store.witness('session:s', 'mcp:a', false, 1);
    const stored = await store.get('mcp:a');
    const bucket = bucketOf('mcp:a');
    expect((await db.get('entity-buckets', bucket))!.entities['mcp:a']).toBe(JSON.stringify(stored.toJSON()));
    const summaries = (await db.get('summary-buckets', bucket))!;
    expect(rowsOf(summaries).find((row) => row.entity_id === 'mcp:a')).toEqual(rowOf(stored));
    expect(summaries.low_trust.includes('mcp:a')).toBe(stored.t3Average < 0.4);

    await store.delete('mcp:a');
    await store.delete('session:s');
    expect(await db.count('entity-buckets')).toBe(0);
    expect(await db.count('summary-buckets')).toBe(0);
  });

  it('logs each outcome, witness, delete, reset and import with its inputs', async () => {
    await store.update('mcp:a', true, 0.4);
    clock.advanceDays(1);
    await store.witness('session:s', 'mcp:a', false, 0.2);
    await store.reset('mcp:a');
    await store.importBundle([EntityTrust.create('role:r', clock.now()).toJSON()], 'merge');
    await store.delete('session:s');
    const events = await eventsOf(db, 'mcp:a', 10);
    expect(events.map((e) => [e.kind, e.details])).toEqual([
      ['reset', {}],
      ['witness', { witness_id: 'session:s', target_id: 'mcp:a', success: false, magnitude: 0.2 }],
      ['outcome', { success: true, magnitude: 0.4 }],
    ]);
    expect(events[1]!.at).toBe(clock.now());
    expect(events[2]!.at).toBe(clock.now() - MS_PER_DAY);
    const all = await recentEvents(db, 10);
    expect(all.map((e) => e.kind)).toEqual(['delete', 'import', 'reset', 'witness', 'outcome']);
    expect(all[1]!.details).toMatchObject({ mode: 'merge', added: 1 });
  });

  it('keeps only the newest events up to the cap', async () => {
    for (let i = 0; i < 8; i++) await store.update('mcp:a', true, i / 10);
    const events = await recentEvents(db, 100);
    expect(events).toHaveLength(5);
    expect(events.map((e) => e.details.magnitude)).toEqual([0.7, 0.6, 0.5, 0.4, 0.3]);
  });

  it('refuses a bad witness before opening a transaction and changes nothing', async () => {
    await store.update('mcp:a', true, 1);
    await expect(store.witness('mcp:a', 'mcp:b', true, Number.NaN)).rejects.toThrow(RangeError);
    expect(await store.exists('mcp:b')).toBe(false);
    expect(await recentEvents(db, 10)).toHaveLength(1);
  });

  it('leaves the store exactly as it was when a write fails midway through an import', async () => {
    await store.update('mcp:kept', true, 1);
    const before = JSON.stringify(await store.exportBundle());
    const incoming = Array.from({ length: 50 }, (_, i) => EntityTrust.create(`mcp:n${i}`, clock.now()).toJSON());
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 30) throw new DOMException('no space left', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      await expect(store.importBundle(incoming, 'replace')).rejects.toThrow(/no storage space left.*nothing was changed/);
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    expect(JSON.stringify(await store.exportBundle())).toBe(before);
    expect((await recentEvents(db, 10)).map((e) => e.kind)).toEqual(['outcome']);
  });

  it('plans without writing on a dry run', async () => {
    const plan = await store.importBundle([EntityTrust.create('mcp:new', clock.now()).toJSON()], 'merge', { dryRun: true });
    expect(plan.added.map((e) => e.entityId)).toEqual(['mcp:new']);
    expect(await store.count()).toBe(0);
  });

  it('deletes everything and the log, leaving one event that says so', async () => {
    await store.update('mcp:a', true, 1);
    await store.witness('session:s', 'mcp:a', true, 1);
    expect(await store.deleteAll()).toBe(2);
    expect(await store.count()).toBe(0);
    const events = await recentEvents(db, 10);
    expect(events.map((e) => [e.kind, e.entity_ids, e.details])).toEqual([['delete', [], { all: true, entities: 2 }]]);
  });

  it('delete-all also forgets an unfinished sweep, and tells the badge only when something went', async () => {
    let told = 0;
    const watched = new IndexedDbTrustStore(db, { clock, onLowTrustChange: () => told++ });
    expect(await watched.deleteAll()).toBe(0);
    expect(told).toBe(0);
    await watched.update('mcp:a', false, 1);
    told = 0;
    await expect(watched.sweep({ resume: false, onBatch: () => Promise.reject(new Error('stopped')) })).rejects.toThrow('stopped');
    expect(await hasUnfinishedSweep(db)).toBe(true);
    expect(await watched.deleteAll()).toBe(1);
    expect(told).toBe(1);
    expect(await hasUnfinishedSweep(db)).toBe(false);
  });

  it('logs a delete only when there was something to delete, with its id; an import with none', async () => {
    await store.update('mcp:a', true, 1);
    expect(await store.delete('mcp:absent')).toBe(false);
    await store.delete('mcp:a');
    await store.importBundle([], 'merge');
    expect((await recentEvents(db, 10)).map((e) => [e.kind, e.entity_ids])).toEqual([['import', []], ['delete', ['mcp:a']], ['outcome', ['mcp:a']]]);
  });

  it('waits for the disk on deletes, resets and imports, not on outcomes and witnesses', async () => {
    const open = vi.spyOn(db, 'transaction');
    const durabilities = () => open.mock.calls.filter(([, mode]) => mode === 'readwrite').map(([, , options]) => options?.durability);
    await store.update('mcp:a', true, 1);
    await store.witness('session:s', 'mcp:a', true, 1);
    await store.save(EntityTrust.create('mcp:b', clock.now()));
    await store.reset('mcp:a');
    await store.delete('mcp:b');
    await store.importBundle([], 'merge');
    await store.deleteAll();
    expect(durabilities()).toEqual(['relaxed', 'relaxed', 'default', 'strict', 'strict', 'strict', 'strict']);
  });

  it('an explicit sweep starts over at its own moment, even when one was cut short', async () => {
    await store.importBundle(Array.from({ length: 200 }, (_, i) => {
      const entity = EntityTrust.create(`mcp:${i}`, clock.now());
      entity.updateFromOutcome(true, 1, clock.now());
      return entity.toJSON();
    }));
    // Cut short after its first batch of buckets (a few of the 200), at a moment 400 days ahead.
    await expect(store.sweep({ now: clock.now() + 400 * MS_PER_DAY, resume: false, onBatch: () => Promise.reject(new Error('stopped')) })).rejects.toThrow();
    await store.sweepDecay(clock.now());
    const undecayed = (await store.list()).filter((entity) => entity.t3Average > 0.5);
    expect(undecayed.length).toBeGreaterThan(150);
  });

  it('tells the badge after a change only when an entity moved into or out of low trust', async () => {
    let told = 0;
    const watched = new IndexedDbTrustStore(db, { clock, onLowTrustChange: () => told++ });
    await watched.update('mcp:a', true, 1);
    expect(told).toBe(0);
    for (let i = 0; i < 20 && (await watched.get('mcp:a')).t3Average >= 0.4; i++) await watched.update('mcp:a', false, 1);
    expect(told).toBe(1);
    await watched.update('mcp:a', false, 1);
    expect(told).toBe(1);
  });

  it('a sweep ends at the store\'s clock', async () => {
    await store.update('mcp:a', true, 1);
    expect(await store.sweep({ resume: false })).toMatchObject({ scanned: 1, finished_at: clock.now() });
  });

  it('reads healthy entities without a warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    await store.update('mcp:a', true, 1);
    expect((await store.exportBundle()).entities).toHaveLength(1);
    expect(await store.list()).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('IndexedDbTrustStore and an entity stored by an older version that this one refuses', () => {
  it('leaves it out of lists, exports and sweeps, names it when it is asked for, and an import replaces it', async () => {
    indexedDB = new IDBFactory();
    const db = await openTrustDb();
    const store = new IndexedDbTrustStore(db, { clock: new ManualClock() });
    await store.update('mcp:good', true, 0.1);
    // What version 0.1 accepted: an unknown field nested 20,000 deep (JSON.stringify cannot even write it).
    const deep = JSON.stringify(EntityTrust.create('mcp:deep', 0).toJSON()).replace('{', `{"future":${'['.repeat(20_000)}0${']'.repeat(20_000)},`);
    const bucket = bucketOf('mcp:deep');
    const record = (await db.get('entity-buckets', bucket)) ?? { bucket, entities: {} };
    await db.put('entity-buckets', { ...record, entities: { ...record.entities, 'mcp:deep': deep } });

    expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:good']);
    expect((await store.exportBundle()).entities.map((e) => e.entity_id)).toEqual(['mcp:good']);
    expect(await store.sweepDecay()).toMatchObject({ scanned: 1 });
    await expect(store.get('mcp:deep')).rejects.toThrow('the stored entity "mcp:deep" cannot be read: future: nested more than 32 levels deep');
    await store.importBundle([EntityTrust.create('mcp:deep', 0).toJSON()], 'merge');
    expect((await store.get('mcp:deep')).toJSON()).not.toHaveProperty('future');
    db.close();
  });
});
