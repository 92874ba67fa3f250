import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, DEFAULT_SWEEP_RULE, EntityTrust, MS_PER_DAY, TrustFormatError,
  type Clock, type EntityJson, type TrustStore, type TrustStoreOptions,
} from '../../core/index.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 24)) {}
  now(): number {
    return this.time;
  }
  advanceDays(days: number): void {
    this.time += days * MS_PER_DAY;
  }
}

export interface StoreUnderTest {
  store: TrustStore;
  /** Called after each test. */
  close?: () => Promise<void>;
}

/**
 * The rules every `TrustStore` keeps. Each implementation runs this suite with its own factory,
 * which must return an empty store that reads time from `options.clock`.
 */
export function describeTrustStoreContract(
  name: string,
  open: (options: Required<Pick<TrustStoreOptions, 'clock'>>) => Promise<StoreUnderTest>,
): void {
  describe(`${name} (TrustStore contract)`, () => {
    let clock: ManualClock;
    let store: TrustStore;
    let close: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      clock = new ManualClock();
      ({ store, close } = await open({ clock }));
    });
    afterEach(async () => {
      await close?.();
    });

    const snapshot = async () => JSON.stringify(await store.exportBundle());

    describe('reads', () => {
      it('returns a neutral entity for an unknown id without saving it', async () => {
        const entity = await store.get('mcp:unknown');
        expect(entity.t3Average).toBe(0.5);
        expect(entity.createdAt).toBe(clock.now());
        expect(await store.exists('mcp:unknown')).toBe(false);
        expect(await store.getExisting('mcp:unknown')).toBeUndefined();
        expect(await store.count()).toBe(0);
      });

      it('every method refuses every kind of invalid id, the same way, and changes nothing', async () => {
        await store.update('mcp:a', true, 0.5);
        const before = await snapshot();
        const invalid: [unknown, RegExp][] = [
          ['', /must not be empty/], ['x'.repeat(1025), /at most 1024 characters/], ['mcp:\u0007', /control characters/],
          ['mcp:a\u202eb', /bidirectional/], ['mcp:\ud800', /well-formed Unicode/], [42, /expected an entity id string/],
        ];
        for (const [id, message] of invalid) {
          const bad = id as string;
          const calls: [string, () => Promise<unknown>][] = [
            ['get', () => store.get(bad)], ['getExisting', () => store.getExisting(bad)], ['exists', () => store.exists(bad)],
            ['delete', () => store.delete(bad)], ['update', () => store.update(bad, true, 0.1)],
            ['witness (witness)', () => store.witness(bad, 'mcp:a', true, 0.1)], ['witness (target)', () => store.witness('mcp:a', bad, true, 0.1)],
            ['witnessingChain', () => store.witnessingChain(bad)],
          ];
          for (const [name, call] of calls) await expect(call(), `${name}(${JSON.stringify(id)})`).rejects.toThrow(message);
        }
        expect(await snapshot()).toBe(before);
      });

      it('refuses invalid ids', async () => {
        await expect(store.get('')).rejects.toThrow(/empty/);
        await expect(store.get('mcp:\u0007bell')).rejects.toThrow(/control characters/);
        await expect(store.get('x'.repeat(1025))).rejects.toThrow(/1024/);
      });

      it('lists entities sorted by id and filters and counts by type', async () => {
        for (const id of ['session:b', 'mcp:z', 'mcp:a', 'plain']) await store.update(id, true, 0.1);
        expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:z', 'plain', 'session:b']);
        expect((await store.list({ type: 'mcp' })).map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:z']);
        expect(await store.count({ type: 'mcp' })).toBe(2);
        expect(await store.count({ type: '' })).toBe(1);
        expect(await store.count()).toBe(4);
      });
    });

    describe('writes', () => {
      it('saves and reads back every field', async () => {
        const entity = EntityTrust.create('role:reviewer', clock.now());
        entity.updateFromOutcome(false, 0.7, clock.now());
        entity.receiveWitness('session:s', true, 0.3, clock.now());
        await store.save(entity);
        expect((await store.get('role:reviewer')).toJSON()).toEqual(entity.toJSON());
        expect(await store.exists('role:reviewer')).toBe(true);
      });

      it('hands out copies: changing one changes nothing until it is saved', async () => {
        await store.update('mcp:a', true, 1);
        const copy = await store.get('mcp:a');
        const before = copy.toJSON();
        copy.updateFromOutcome(false, 1, clock.now());
        expect((await store.get('mcp:a')).toJSON()).toEqual(before);
        const saved = EntityTrust.create('mcp:b', clock.now());
        await store.save(saved);
        saved.updateFromOutcome(true, 1, clock.now());
        expect((await store.get('mcp:b')).actionCount).toBe(0);
      });

      it('keeps unknown fields as its own copies: changing the imported input or a returned JSON changes nothing', async () => {
        const future = { level: 1, list: [1, 2] };
        const input = { ...EntityTrust.create('mcp:x', clock.now()).toJSON(), future };
        await store.importBundle([input], 'merge');
        future.level = 99;
        future.list.push(3);
        const json = (await store.get('mcp:x')).toJSON();
        expect(json.future).toEqual({ level: 1, list: [1, 2] });
        (json.future as { list: number[] }).list.push(4);
        expect((await store.get('mcp:x')).toJSON().future).toEqual({ level: 1, list: [1, 2] });
        expect((await store.exportBundle()).entities[0]!.future).toEqual({ level: 1, list: [1, 2] });
      });

      it('keeps ids that are also names of JavaScript object properties as plain ids', async () => {
        const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
        expect(await store.exists('constructor')).toBe(false);
        expect(await store.getExisting('toString')).toBeUndefined();
        expect(await store.delete('hasOwnProperty')).toBe(false);
        for (const id of ids) await store.update(id, true, 0.5);
        await store.witness('__proto__', 'constructor', true, 0.5);
        expect((await store.list()).map((e) => e.entityId)).toEqual([...ids].sort());
        expect((await store.get('constructor')).witnessedBy).toEqual(['__proto__']);
        expect(await store.delete('__proto__')).toBe(true);
        expect(await store.count()).toBe(3);
      });

      it('deletes, saying whether the entity existed', async () => {
        await store.update('mcp:a', true, 0.5);
        expect(await store.delete('mcp:a')).toBe(true);
        expect(await store.delete('mcp:a')).toBe(false);
        expect(await store.exists('mcp:a')).toBe(false);
      });
    });

    describe('outcomes and witnesses', () => {
      it('records an outcome exactly as the entity does', async () => {
        const expected = EntityTrust.create('mcp:fs', clock.now());
        expected.updateFromOutcome(true, 0.1, clock.now());
        const returned = await store.update('mcp:fs', true, 0.1);
        expect(returned.toJSON()).toEqual(expected.toJSON());
        expect((await store.get('mcp:fs')).toJSON()).toEqual(expected.toJSON());
      });

      it('refuses a non-finite magnitude and changes nothing', async () => {
        await store.update('mcp:a', true, 0.5);
        const before = await snapshot();
        await expect(store.update('mcp:a', true, Number.NaN)).rejects.toThrow(RangeError);
        await expect(store.witness('mcp:a', 'mcp:b', true, Infinity)).rejects.toThrow(RangeError);
        await expect(store.witness('mcp:a', '', true, 0.5)).rejects.toThrow();
        expect(await snapshot()).toBe(before);
      });

      it('saves both sides of a witness', async () => {
        const [witness, target] = await store.witness('session:s', 'mcp:fs', false, 0.4);
        expect(witness.hasWitnessed).toEqual(['mcp:fs']);
        expect(target.witnessedBy).toEqual(['session:s']);
        expect(target.witnessCount).toBe(1);
        expect((await store.get('session:s')).toJSON()).toEqual(witness.toJSON());
        expect((await store.get('mcp:fs')).toJSON()).toEqual(target.toJSON());
      });

      it('refuses an entity witnessing itself, and changes nothing', async () => {
        await store.update('lct:me', true, 0.5);
        const before = await snapshot();
        await expect(store.witness('lct:me', 'lct:me', true, 0.5)).rejects.toThrow('an entity cannot witness itself ("lct:me")');
        expect(await snapshot()).toBe(before);
      });

      it('never records before an entity\'s last activity, even when the clock is set back', async () => {
        await store.update('mcp:a', true, 1);
        const last = clock.now();
        clock.time -= MS_PER_DAY;
        const entity = await store.update('mcp:a', false, 1);
        expect(entity.lastAction).toBe(last);
        expect(entity.lastActivity).toBe(last);
      });

      it('applies an outcome after inactivity to the decayed state', async () => {
        await store.update('mcp:a', true, 1);
        const reference = (await store.get('mcp:a')).clone();
        clock.advanceDays(40);
        reference.decayTo(clock.now(), DEFAULT_DECAY);
        reference.updateFromOutcome(true, 1, clock.now());
        expect((await store.update('mcp:a', true, 1)).toJSON()).toEqual(reference.toJSON());
      });
    });

    describe('several operations as one change', () => {
      it('applies them in order, at one moment, and returns every entity as stored', async () => {
        await store.update('mcp:a', false, 1);
        clock.advanceDays(3);
        const entities = await store.record([
          { kind: 'outcome', entityId: 'mcp:a', success: true, magnitude: 0.5 },
          { kind: 'witness', witnessId: 'session:s', targetId: 'mcp:a', success: false, magnitude: 0.2 },
          { kind: 'outcome', entityId: 'mcp:b', success: true, magnitude: 1 },
        ]);
        const a = (await store.get('mcp:a')).clone();
        const expectedA = EntityTrust.create('mcp:a', clock.now() - 3 * MS_PER_DAY);
        expectedA.updateFromOutcome(false, 1, clock.now() - 3 * MS_PER_DAY);
        expectedA.decayTo(clock.now(), DEFAULT_DECAY);
        expectedA.updateFromOutcome(true, 0.5, clock.now());
        expectedA.receiveWitness('session:s', false, 0.2, clock.now());
        expect(a.toJSON()).toEqual(expectedA.toJSON());
        expect([...entities.keys()]).toEqual(['mcp:a', 'mcp:b', 'session:s']);
        for (const [id, entity] of entities) expect(entity.toJSON()).toEqual((await store.get(id)).toJSON());
        expect(entities.get('session:s')!.hasWitnessed).toEqual(['mcp:a']);
        expect(entities.get('mcp:b')!.actionCount).toBe(1);
        expect(a.lastActivity).toBe(clock.now());
      });

      it('changes nothing when one of them is invalid, wherever it is', async () => {
        await store.update('mcp:a', true, 1);
        const before = await snapshot();
        const valid = { kind: 'outcome', entityId: 'mcp:a', success: true, magnitude: 1 } as const;
        await expect(store.record([valid, { kind: 'witness', witnessId: 'mcp:a', targetId: 'mcp:a', success: true, magnitude: 1 }]))
          .rejects.toThrow(/cannot witness itself/);
        await expect(store.record([valid, { kind: 'outcome', entityId: 'mcp:b', success: true, magnitude: Number.NaN }]))
          .rejects.toThrow(RangeError);
        await expect(store.record([valid, { kind: 'outcome', entityId: 'bad\u0000id', success: true, magnitude: 1 }]))
          .rejects.toThrow(RangeError);
        expect(await snapshot()).toBe(before);
        expect((await store.record([])).size).toBe(0);
        expect(await snapshot()).toBe(before);
      });
    });

    describe('decay', () => {
      it('every read shows the state at now, without a sweep and without writing', async () => {
        await store.witness('session:s', 'mcp:a', true, 1);
        const expected = (await store.get('mcp:a')).clone();
        const before = await snapshot();
        clock.advanceDays(40);
        expected.decayTo(clock.now(), DEFAULT_DECAY);
        expect(expected.temperament).toBeLessThan(0.5);
        expect((await store.get('mcp:a')).toJSON()).toEqual(expected.toJSON());
        expect((await store.getExisting('mcp:a'))!.toJSON()).toEqual(expected.toJSON());
        expect((await store.list()).find((e) => e.entityId === 'mcp:a')!.toJSON()).toEqual(expected.toJSON());
        expect((await store.exportBundle()).entities.find((e) => e.entity_id === 'mcp:a')).toEqual(expected.toJSON());
        const chain = await store.witnessingChain('mcp:a', 1);
        expect(chain.t3_average).toBe(expected.t3Average);
        expect((await store.witnessingChain('session:s', 1)).has_witnessed[0]!.t3_average).toBe(expected.t3Average);
        clock.time -= 40 * MS_PER_DAY;
        expect(await snapshot()).toBe(before);
      });

      it('a sweep never changes what reads show, however often it runs', async () => {
        await store.update('mcp:a', true, 1);
        await store.witness('session:s', 'mcp:a', true, 1);
        const start = clock.now();
        const once = (await store.get('mcp:a')).clone();
        for (let day = 1; day <= 30; day++) await store.sweepDecay(start + day * MS_PER_DAY);
        clock.advanceDays(30);
        once.decayTo(clock.now(), DEFAULT_DECAY);
        expect((await store.get('mcp:a')).toJSON()).toEqual(once.toJSON());
      });

      it('writes back only entities whose scores moved by at least the minimum change', async () => {
        await store.update('mcp:a', true, 1);
        await store.update('mcp:b', true, 1);
        const start = clock.now();
        expect(await store.sweepDecay(start)).toEqual({ scanned: 2, changed: 0, removed: 0 });
        expect(await store.sweepDecay(start + 10 * MS_PER_DAY)).toEqual({ scanned: 2, changed: 2, removed: 0 });
        // Right after, or a minute later (a move far below 0.001), nothing is written again.
        expect(await store.sweepDecay(start + 10 * MS_PER_DAY)).toEqual({ scanned: 2, changed: 0, removed: 0 });
        expect(await store.sweepDecay(start + 10 * MS_PER_DAY + 60_000)).toEqual({ scanned: 2, changed: 0, removed: 0 });
        expect(await store.sweepDecay(start + 20 * MS_PER_DAY)).toEqual({ scanned: 2, changed: 2, removed: 0 });
      });

      it(`removes sessions idle longer than ${DEFAULT_SWEEP_RULE.sessionRetentionDays} days, and nothing else`, async () => {
        await store.witness('session:old', 'mcp:a', true, 1);
        clock.advanceDays(DEFAULT_SWEEP_RULE.sessionRetentionDays - 1);
        await store.witness('session:new', 'mcp:b', true, 1);
        clock.advanceDays(2);
        const summary = await store.sweepDecay();
        expect(summary).toMatchObject({ scanned: 4, removed: 1 });
        expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:b', 'session:new']);
        expect((await store.get('mcp:a')).witnessedBy).toEqual(['session:old']);
      });
    });

    describe('witnessing chain', () => {
      it('walks both directions breadth-first, each entity once, through cycles', async () => {
        await store.witness('session:s', 'mcp:fs', true, 1);
        await store.witness('mcp:fs', 'session:s', true, 1);
        await store.witness('role:r', 'session:s', true, 1);
        const chain = await store.witnessingChain('mcp:fs', 3);
        expect(chain.witnessed_by.map((l) => [l.entity_id, l.depth])).toEqual([['session:s', 1], ['role:r', 2]]);
        expect(chain.has_witnessed.map((l) => [l.entity_id, l.depth])).toEqual([['session:s', 1]]);
        const session = await store.get('session:s');
        expect(chain.aggregate_witness_trust).toBe(session.t3Average);
        expect(chain.transitive_trust).toBeCloseTo(0.7 * chain.t3_average + 0.3 * session.t3Average, 15);
        const direct = await store.witnessingChain('mcp:fs', 1);
        expect(direct.witnessed_by.map((l) => l.entity_id)).toEqual(['session:s']);
      });

      it('follows at most 10 links per entity per level', async () => {
        for (let i = 0; i < 12; i++) await store.witness(`session:${i}`, 'mcp:popular', true, 0.1);
        const chain = await store.witnessingChain('mcp:popular', 1);
        expect(chain.witnessed_by).toHaveLength(10);
      });
    });

    describe('export and import', () => {
      it('exports sorted by id, and export → import → export is byte-identical', async () => {
        await store.witness('session:z', 'mcp:a', true, 0.3);
        await store.update('role:m', false, 0.9);
        const bundle = await store.exportBundle();
        expect(bundle.format).toBe('web4-trust-store');
        expect(bundle.entities.map((e) => e.entity_id)).toEqual(['mcp:a', 'role:m', 'session:z']);
        const text = JSON.stringify(bundle);
        const plan = await store.importBundle(JSON.parse(text), 'replace');
        expect(plan.unchanged).toHaveLength(3);
        expect(JSON.stringify(await store.exportBundle())).toBe(text);
      });

      it('merges: newer activity wins, witness lists are unioned', async () => {
        await store.witness('session:old', 'mcp:a', true, 0.5);
        const stored = (await store.get('mcp:a')).toJSON();
        clock.advanceDays(0.5);
        const newer = witnessedCopy(stored, 'session:new', clock.now() + 1000);
        const plan = await store.importBundle([newer], 'merge');
        expect(plan.updated.map((e) => e.entityId)).toEqual(['mcp:a']);
        const merged = await store.get('mcp:a');
        expect(merged.witnessedBy).toEqual(['session:new', 'session:old']);
        expect(merged.veracity).toBe(newer.veracity);
      });

      it('merges: an older incoming entity only adds its witnesses', async () => {
        await store.update('mcp:a', true, 1);
        const stored = (await store.get('mcp:a')).toJSON();
        const older = witnessedCopy(stored, 'session:x', clock.now() - MS_PER_DAY);
        older.training = 0.01;
        const plan = await store.importBundle({ format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00Z', entities: [older] });
        expect(plan.updated).toHaveLength(1);
        expect(plan.mode).toBe('merge');
        const merged = await store.get('mcp:a');
        expect(merged.training).toBe(stored.training);
        expect(merged.witnessedBy).toEqual(['session:x']);
        expect((await store.importBundle([older])).unchanged).toEqual(['mcp:a']);
      });

      it('replaces: the store becomes the input', async () => {
        await store.update('mcp:gone', true, 1);
        await store.update('mcp:kept', true, 1);
        const kept = (await store.get('mcp:kept')).toJSON();
        const plan = await store.importBundle([kept, EntityTrust.create('mcp:new', clock.now()).toJSON()], 'replace');
        expect(plan.removed).toEqual(['mcp:gone']);
        expect(plan.added.map((e) => e.entityId)).toEqual(['mcp:new']);
        expect(plan.unchanged).toEqual(['mcp:kept']);
        expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:kept', 'mcp:new']);
      });

      it('replaces with removals only', async () => {
        await store.update('mcp:gone', true, 1);
        await store.update('mcp:kept', true, 1);
        const plan = await store.importBundle([(await store.get('mcp:kept')).toJSON()], 'replace');
        expect(plan.removed).toEqual(['mcp:gone']);
        expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:kept']);
      });

      it('imports valid entities and reports rejected ones with their path', async () => {
        const plan = await store.importBundle([
          EntityTrust.create('mcp:ok', clock.now()).toJSON(),
          { ...EntityTrust.create('mcp:bad', clock.now()).toJSON(), training: 'high' },
        ]);
        expect(plan.added.map((e) => e.entityId)).toEqual(['mcp:ok']);
        expect(plan.rejected).toEqual([
          { index: 1, entity_id: 'mcp:bad', message: '[1].training: expected a number in [0,1], got "high"' },
        ]);
        expect(await store.exists('mcp:bad')).toBe(false);
      });

      it('plans a dry run without writing, and reports its progress when it writes', async () => {
        await store.update('mcp:gone', true, 1);
        await store.update('mcp:same', true, 1);
        await store.update('mcp:newer', true, 1);
        const same = (await store.get('mcp:same')).toJSON();
        const newer = EntityTrust.fromJSON((await store.get('mcp:newer')).toJSON());
        newer.updateFromOutcome(false, 1, clock.now() + 1000);
        const incoming = [same, newer.toJSON(), EntityTrust.create('mcp:new', clock.now()).toJSON()];
        const before = await snapshot();
        const steps: unknown[] = [];
        const dry = await store.importBundle(incoming, 'replace', { dryRun: true, onProgress: (step) => steps.push(step) });
        expect(dry.added.map((e) => e.entityId)).toEqual(['mcp:new']);
        expect(dry.removed).toEqual(['mcp:gone']);
        expect(await snapshot()).toBe(before);
        expect(steps).toEqual([]);

        const plan = await store.importBundle(incoming, 'replace', { onProgress: (step) => steps.push(step) });
        expect(plan.added.map((e) => e.entityId)).toEqual(['mcp:new']);
        expect(plan.updated.map((e) => e.entityId)).toEqual(['mcp:newer']);
        expect(steps).toEqual([{ phase: 'plan', done: 0, total: 3 }, { phase: 'write', done: 3, total: 3 }]);
        expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:new', 'mcp:newer', 'mcp:same']);
      });

      it('refuses an unusable input as a whole and changes nothing', async () => {
        await store.update('mcp:a', true, 1);
        const before = await snapshot();
        for (const input of [
          { format: 'something-else', version: 1, entities: [] },
          { format: 'web4-trust-store', version: 2, entities: [] },
          'not an object',
          null,
        ]) {
          await expect(store.importBundle(input, 'replace')).rejects.toThrow(TrustFormatError);
        }
        expect(await snapshot()).toBe(before);
      });
    });
  });
}

/** Another copy of a stored entity, in which `witnessId` witnessed it at `at` (epoch ms): for imports. */
function witnessedCopy(stored: EntityJson, witnessId: string, at: number): EntityJson {
  const entity = EntityTrust.fromJSON({ ...stored, witnessed_by: [], last_activity: new Date(at).toISOString() });
  entity.receiveWitness(witnessId, true, 1, at);
  return entity.toJSON();
}
