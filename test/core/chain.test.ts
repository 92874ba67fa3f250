import { describe, expect, it } from 'vitest';
import { EntityTrust, MAX_CHAIN_DEPTH, MAX_LINKS_PER_ENTITY, buildWitnessingChain, type EntityLookup } from '../../core/index.js';

/** An entity with T3 scores (t, t, t), so that its t3_average is t, and these witness lists. */
function entity(id: string, t: number, witnessedBy: string[] = [], hasWitnessed: string[] = []): EntityTrust {
  return EntityTrust.fromJSON({
    entity_id: id, talent: t, training: t, temperament: t, valuation: 0.5, veracity: 0.5, validity: 0.5,
    witnessed_by: witnessedBy, has_witnessed: hasWitnessed,
  });
}

/** A lookup over `entities` that records every call. */
function lookupOf(entities: EntityTrust[]): EntityLookup & { calls: string[][] } {
  const byId = new Map(entities.map((e) => [e.entityId, e]));
  const calls: string[][] = [];
  return Object.assign(async (ids: string[]) => {
    calls.push(ids);
    return ids.map((id) => byId.get(id));
  }, { calls });
}

describe('buildWitnessingChain', () => {
  // root ← a (0.9) ← c (0.2); root ← b (0.5); root ← ghost (not stored); c ← root (a cycle).
  // root → d (0.25) → e (0.75).
  const root = entity('mcp:root', 0.6, ['session:a', 'session:b', 'session:ghost'], ['mcp:d']);
  const others = [
    entity('session:a', 0.9, ['session:c']), entity('session:b', 0.5), entity('session:c', 0.2, ['mcp:root']),
    entity('mcp:d', 0.25, [], ['mcp:e']), entity('mcp:e', 0.75),
  ];

  it('walks both directions breadth-first, and weighs its own T3 against its direct witnesses', async () => {
    const lookup = lookupOf(others);
    const chain = await buildWitnessingChain(root, 2, lookup);
    expect(chain).toStrictEqual({
      entity_id: 'mcp:root', t3_average: 0.6, trust_level: 'medium-high',
      witnessed_by: [
        { entity_id: 'session:a', t3_average: 0.9, trust_level: 'high', depth: 1 },
        { entity_id: 'session:b', t3_average: 0.5, trust_level: 'medium', depth: 1 },
        { entity_id: 'session:c', t3_average: expect.closeTo(0.2, 15), trust_level: 'low', depth: 2 },
      ],
      has_witnessed: [
        { entity_id: 'mcp:d', t3_average: 0.25, trust_level: 'low', depth: 1 },
        { entity_id: 'mcp:e', t3_average: 0.75, trust_level: 'medium-high', depth: 2 },
      ],
      // (0.9 + 0.5) / 2; 0.7 · 0.6 + 0.3 · 0.7.
      aggregate_witness_trust: expect.closeTo(0.7, 15),
      transitive_trust: expect.closeTo(0.63, 15),
    });
    // One lookup per level and direction, each with only the new ids; never an empty one.
    expect(lookup.calls).toEqual([['session:a', 'session:b', 'session:ghost'], ['session:c'], ['mcp:d'], ['mcp:e']]);
  });

  it('stops at the depth asked for', async () => {
    const chain = await buildWitnessingChain(root, 1, lookupOf(others));
    expect(chain.witnessed_by.map((l) => l.entity_id)).toEqual(['session:a', 'session:b']);
    expect(chain.has_witnessed.map((l) => l.entity_id)).toEqual(['mcp:d']);
  });

  it('with no witnesses, the aggregate is 0 and the transitive trust 0.7 of its own', async () => {
    const lookup = lookupOf([]);
    const chain = await buildWitnessingChain(entity('mcp:alone', 0.5), MAX_CHAIN_DEPTH, lookup);
    expect([chain.aggregate_witness_trust, chain.transitive_trust]).toEqual([0, 0.35]);
    expect(lookup.calls).toEqual([]);
  });

  it(`follows at most ${MAX_LINKS_PER_ENTITY} links of each entity`, async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `session:${String(i).padStart(2, '0')}`);
    const lookup = lookupOf(ids.map((id) => entity(id, 0.5)));
    const chain = await buildWitnessingChain(entity('mcp:popular', 0.5, ids), 1, lookup);
    expect(chain.witnessed_by.map((l) => l.entity_id)).toEqual(ids.slice(0, 10));
    // Ids already visited do not count against the limit.
    const again = await buildWitnessingChain(entity('mcp:popular', 0.5, ['mcp:popular', ...ids]), 1, lookupOf(ids.map((id) => entity(id, 0.5))));
    expect(again.witnessed_by).toHaveLength(10);
    expect(again.witnessed_by[0]!.entity_id).toBe('session:00');
  });

  it.each([0, 11, 1.5, Number.NaN])('refuses depth %s', async (depth) => {
    await expect(buildWitnessingChain(root, depth, lookupOf(others))).rejects.toThrow(
      new RangeError(`chain depth must be a whole number from 1 to 10, got ${depth}`),
    );
  });

  it('accepts depth 10', async () => {
    expect((await buildWitnessingChain(root, 10, lookupOf(others))).witnessed_by).toHaveLength(3);
    expect(MAX_CHAIN_DEPTH).toBe(10);
  });
});
