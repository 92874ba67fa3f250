import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECAY, EntityTrust, TrustFormatError, applyOperations, assertOperations, mergeEntity, operationIds,
  planImportOrThrow, recordWitness, type TrustOperation,
} from '../../core/index.js';

const T = Date.UTC(2026, 0, 1);
const outcome = (entityId: string): Extract<TrustOperation, { kind: 'outcome' }> => ({ kind: 'outcome', entityId, success: true, magnitude: 1 });
const witness = (witnessId: string, targetId: string): TrustOperation => ({ kind: 'witness', witnessId, targetId, success: true, magnitude: 1 });

describe('operationIds: the ids to lock, in one order', () => {
  it('one outcome: its id; one witness: both, sorted by code units', () => {
    expect(operationIds([outcome('mcp:a')])).toEqual(['mcp:a']);
    expect(operationIds([witness('session:s', 'mcp:a')])).toEqual(['mcp:a', 'session:s']);
    expect(operationIds([witness('mcp:a', 'session:s')])).toEqual(['mcp:a', 'session:s']);
    expect(operationIds([witness('mcp:B', 'mcp:a')])).toEqual(['mcp:B', 'mcp:a']);
  });

  it('several: every id once, sorted', () => {
    expect(operationIds([outcome('role:z'), witness('session:s', 'mcp:a'), outcome('mcp:a'), outcome('lct:x')]))
      .toEqual(['lct:x', 'mcp:a', 'role:z', 'session:s']);
    expect(operationIds([])).toEqual([]);
  });
});

describe('assertOperations', () => {
  it('refuses an unknown kind (operations also come from files), a bad id or magnitude', () => {
    expect(() => assertOperations([{ kind: 'bogus' } as unknown as TrustOperation])).toThrow(new TypeError('unknown operation kind "bogus"'));
    expect(() => assertOperations([{ ...outcome('mcp:a'), kind: '' } as unknown as TrustOperation])).toThrow(TypeError);
    expect(() => assertOperations([outcome('')])).toThrow(RangeError);
    expect(() => assertOperations([{ ...outcome('mcp:a'), magnitude: Number.NaN }])).toThrow(RangeError);
    expect(() => assertOperations([witness('mcp:a', 'mcp:a')])).toThrow('an entity cannot witness itself ("mcp:a")');
    expect(() => assertOperations([outcome('mcp:a'), witness('mcp:a', 'mcp:b')])).not.toThrow();
  });
});

describe('applyOperations', () => {
  it('applies in order at one moment to the entities passed in', () => {
    const a = EntityTrust.create('mcp:a', T);
    const s = EntityTrust.create('session:s', T);
    applyOperations(new Map([['mcp:a', a], ['session:s', s]]), [outcome('mcp:a'), witness('session:s', 'mcp:a')], T, DEFAULT_DECAY);
    expect(a.actionCount).toBe(1);
    expect(a.witnessedBy).toEqual(['session:s']);
    expect(s.hasWitnessed).toEqual(['mcp:a']);
    expect(a.lastActivity).toBe(T);
  });

  it('checks every operation first, and names an entity that was not passed in', () => {
    const a = EntityTrust.create('mcp:a', T);
    const before = a.toJSON();
    expect(() => applyOperations(new Map([['mcp:a', a]]), [outcome('mcp:a'), outcome('')], T, DEFAULT_DECAY)).toThrow(RangeError);
    expect(a.toJSON()).toEqual(before);
    expect(() => applyOperations(new Map(), [outcome('mcp:a')], T, DEFAULT_DECAY))
      .toThrow('applyOperations: no entity "mcp:a" was passed in');
  });
});

describe('recordWitness', () => {
  it('refuses one entity as both sides, changing nothing', () => {
    const a = EntityTrust.create('mcp:a', T);
    const twin = EntityTrust.create('mcp:a', T);
    expect(() => recordWitness(a, twin, true, 1, T, DEFAULT_DECAY)).toThrow('an entity cannot witness itself ("mcp:a")');
    expect(a.toJSON()).toEqual(EntityTrust.create('mcp:a', T).toJSON());
    const b = EntityTrust.create('mcp:b', T);
    recordWitness(a, b, true, 1, T, DEFAULT_DECAY);
    expect(b.witnessedBy).toEqual(['mcp:a']);
  });
});

describe('mergeEntity: an incoming copy merged into the stored one', () => {
  it('with nothing stored: the incoming entity', () => {
    const incoming = EntityTrust.create('mcp:a', T);
    expect(mergeEntity(undefined, incoming)!.toJSON()).toEqual(incoming.toJSON());
  });

  it('newer activity wins and witness lists are unioned; nothing new: undefined', () => {
    const stored = EntityTrust.create('mcp:a', T);
    stored.receiveWitness('session:old', true, 1, T);
    const newer = EntityTrust.create('mcp:a', T);
    newer.receiveWitness('session:new', false, 1, T + 1000);
    const merged = mergeEntity(stored, newer)!;
    expect(merged.veracity).toBe(newer.veracity);
    expect(merged.witnessedBy).toEqual(['session:new', 'session:old']);
    expect(mergeEntity(merged, stored)).toBeUndefined();
    expect(mergeEntity(merged, merged.clone())).toBeUndefined();
  });
});

describe('planImportOrThrow', () => {
  it('throws the plan\'s error as a TrustFormatError about the document itself', () => {
    let caught: unknown;
    try {
      planImportOrThrow([], { format: 'other', version: 1, entities: [] }, 'merge');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TrustFormatError);
    expect((caught as TrustFormatError).path).toBe('');
    expect((caught as TrustFormatError).message).toBe((caught as TrustFormatError).problem);
    expect(planImportOrThrow([], [], 'replace').mode).toBe('replace');
  });
});
