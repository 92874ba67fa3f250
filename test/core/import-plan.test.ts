import { describe, expect, it } from 'vitest';
import { EntityTrust, planImport, summarizePlan, type EntityJson, type ImportMode } from '../../core/index.js';

// What planImport decides for each kind of entry, compared as whole entities (their JSON).

const T0 = Date.UTC(2026, 10, 24);
const at = (ms: number) => new Date(ms).toISOString();

/** An entity's JSON: last active at `active` (or never), with `observations` outcome counts and these witnesses. */
function json(id: string, { active = T0 as number | null, observations = 1, training = 0.5, witnessedBy = [] as string[], hasWitnessed = [] as string[] } = {}): EntityJson {
  return {
    entity_id: id, entity_type: id.split(':')[0]!, entity_name: id.split(':')[1]!,
    talent: 0.5, training, temperament: 0.5, t3_observation_counts: [observations, observations, observations],
    valuation: 0.5, veracity: 0.5, validity: 0.5, v3_observation_counts: [0, 0, 0],
    witnessed_by: witnessedBy, has_witnessed: hasWitnessed, action_count: observations, success_count: 0, witness_count: 0,
    last_action: null, created_at: at(T0 - 1000), last_activity: active === null ? null : at(active),
  };
}
const entity = (...args: Parameters<typeof json>) => EntityTrust.fromJSON(json(...args));
const jsonOf = (list: EntityTrust[]) => list.map((e) => e.toJSON());
const plan = (stored: EntityTrust[], input: unknown, mode: ImportMode) => planImport(stored, input, { mode });

describe('merge', () => {
  it('keeps the newer entity and unions the witness lists, whichever side wins', () => {
    const stored = entity('mcp:a', { active: T0 + 10, training: 0.6, witnessedBy: ['session:a'], hasWitnessed: ['mcp:x'] });
    const older = json('mcp:a', { active: T0, training: 0.4, witnessedBy: ['session:b', 'session:a'], hasWitnessed: ['mcp:y'] });
    const keep = plan([stored], [older], 'merge');
    expect(jsonOf(keep.updated)).toStrictEqual([{ ...stored.toJSON(), witnessed_by: ['session:a', 'session:b'], has_witnessed: ['mcp:x', 'mcp:y'] }]);
    expect([keep.added, keep.unchanged, keep.removed, keep.rejected]).toEqual([[], [], [], []]);

    const newer = json('mcp:a', { active: T0 + 20, training: 0.7, witnessedBy: ['session:c'] });
    const take = plan([stored], [newer], 'merge');
    expect(jsonOf(take.updated)).toStrictEqual([{ ...newer, witnessed_by: ['session:c', 'session:a'], has_witnessed: ['mcp:x'] }]);
  });

  it('takes a newer entity even when it adds no witnesses', () => {
    const stored = entity('mcp:a', { active: T0 });
    const newer = json('mcp:a', { active: T0 + 1 });
    expect(jsonOf(plan([stored], [newer], 'merge').updated)).toStrictEqual([newer]);
  });

  it('leaves an older entity that adds no witnesses unchanged', () => {
    const stored = entity('mcp:a', { active: T0 + 10, witnessedBy: ['session:a'] });
    const result = plan([stored], [json('mcp:a', { active: T0, witnessedBy: ['session:a'] })], 'merge');
    expect([result.updated, result.unchanged]).toEqual([[], ['mcp:a']]);
  });

  it('on a tie of last activity, the one with more observations wins; on a full tie, the stored one', () => {
    const stored = entity('mcp:a', { observations: 2, training: 0.6 });
    const more = json('mcp:a', { observations: 3, training: 0.7 });
    expect(jsonOf(plan([stored], [more], 'merge').updated)).toStrictEqual([more]);
    const fewer = json('mcp:a', { observations: 1, training: 0.7 });
    expect(plan([stored], [fewer], 'merge')).toMatchObject({ updated: [], unchanged: ['mcp:a'] });
    const twin = json('mcp:a', { observations: 2, training: 0.7 });
    expect(plan([stored], [twin], 'merge')).toMatchObject({ updated: [], unchanged: ['mcp:a'] });
  });

  it('a later activity wins over more observations', () => {
    const stored = entity('mcp:a', { active: T0 + 10, observations: 1 });
    expect(plan([stored], [json('mcp:a', { active: T0, observations: 9 })], 'merge')).toMatchObject({ updated: [], unchanged: ['mcp:a'] });
    const newer = json('mcp:a', { active: T0 + 20, observations: 0 });
    expect(summarizePlan(plan([stored], [newer], 'merge'))).toStrictEqual({
      mode: 'merge', added: [], updated: ['mcp:a'], unchanged: [], removed: [], rejected: [],
    });
  });

  it('an entity with no known activity is older than any with one; two such tie', () => {
    const dated = entity('mcp:a', { active: T0 - 10_000 });
    const undated = json('mcp:a', { active: null, observations: 5 });
    expect(plan([dated], [undated], 'merge')).toMatchObject({ updated: [], unchanged: ['mcp:a'] });
    expect(jsonOf(plan([EntityTrust.fromJSON(undated)], [dated.toJSON()], 'merge').updated)).toStrictEqual([dated.toJSON()]);
    const undatedMore = json('mcp:a', { active: null, observations: 6 });
    expect(jsonOf(plan([EntityTrust.fromJSON(undated)], [undatedMore], 'merge').updated)).toStrictEqual([undatedMore]);
  });

  it('adds new entities as given and removes nothing', () => {
    const input = [json('mcp:new', { training: 0.9 })];
    const result = plan([entity('mcp:old')], input, 'merge');
    expect(jsonOf(result.added)).toStrictEqual(input);
    expect(result.removed).toEqual([]);
  });
});

describe('replace', () => {
  it('takes the incoming entity as it is, even an older one, without merging witness lists', () => {
    const stored = entity('mcp:a', { active: T0 + 10, training: 0.6, witnessedBy: ['session:a'] });
    const older = json('mcp:a', { active: T0, training: 0.4, witnessedBy: ['session:b'] });
    const result = plan([stored], [older], 'replace');
    expect(jsonOf(result.updated)).toStrictEqual([older]);
    expect([result.unchanged, result.removed]).toEqual([[], []]);
  });

  it('leaves an identical entity unchanged, adds new ones and removes those not in the input', () => {
    const result = plan([entity('mcp:same'), entity('mcp:gone')], [json('mcp:same'), json('mcp:new')], 'replace');
    expect(summarizePlan(result)).toStrictEqual({
      mode: 'replace', added: ['mcp:new'], updated: [], unchanged: ['mcp:same'], removed: ['mcp:gone'], rejected: [],
    });
  });

  it('counts any difference, even in a field a merge would not look at', () => {
    const stored = entity('mcp:a');
    const result = plan([stored], [{ ...json('mcp:a'), witness_count: 4 }], 'replace');
    expect(result.updated.map((e) => e.witnessCount)).toEqual([4]);
  });

  it('keeps a stored entity whose incoming copy was rejected, and one whose id comes twice', () => {
    const result = plan([entity('mcp:a'), entity('mcp:b'), entity('mcp:c')], [
      { ...json('mcp:a'), training: 2 }, json('mcp:b'), json('mcp:b', { training: 0.1 }),
    ], 'replace');
    expect(result.removed).toEqual(['mcp:c']);
    expect(result.unchanged).toEqual(['mcp:b']);
    expect(result.rejected).toStrictEqual([
      { index: 0, entity_id: 'mcp:a', message: '[0].training: expected a number in [0,1], got 2' },
      { index: 2, entity_id: 'mcp:b', message: '[2]: duplicate of entity 1, "mcp:b"' },
    ]);
  });
});

describe('rejected entries', () => {
  it('a valid entity after a rejected one with the same id is a duplicate of it', () => {
    const result = plan([], { format: 'web4-trust-store', version: 1, entities: [{ entity_id: 'mcp:a' }, json('mcp:a')] }, 'merge');
    expect(result.added).toEqual([]);
    expect(result.rejected).toStrictEqual([
      { index: 0, entity_id: 'mcp:a', message: 'entities[0].talent: missing; an entity needs talent, training, temperament (or the legacy 6-D competence, reliability, consistency, lineage, witnesses, alignment)' },
      { index: 1, entity_id: 'mcp:a', message: 'entities[1]: duplicate of entity 0, "mcp:a"' },
    ]);
  });

  it('an entry without a string id is rejected without one', () => {
    const result = plan([], [{ entity_id: 5 }, 'x', null], 'merge');
    expect(result.rejected).toStrictEqual([
      { index: 0, entity_id: undefined, message: '[0].entity_id: expected an entity id string, got 5' },
      { index: 1, entity_id: undefined, message: '[1]: expected an entity object, got "x"' },
      { index: 2, entity_id: undefined, message: '[2]: expected an entity object, got null' },
    ]);
  });

  it('whatever an entry throws while it is read is a rejection, never an exception', () => {
    const throwingGetter = (thrown: unknown, after = 0) => {
      let reads = 0;
      return { ...json('mcp:a'), get talent() { if (reads++ >= after) throw thrown; return 0.5; } };
    };
    expect(plan([], [throwingGetter(new Error('broken getter'))], 'merge').rejected).toStrictEqual([
      { index: 0, entity_id: 'mcp:a', message: 'broken getter' },
    ]);
    expect(plan([], [throwingGetter('not an error')], 'merge').rejected).toStrictEqual([
      { index: 0, entity_id: 'mcp:a', message: 'not an error' },
    ]);
    // An id that throws when read: the plan names the entry by its path, or "entity" when it has none.
    const throwingId = (thrown: unknown, after: number) => {
      let reads = 0;
      return { ...json('mcp:a'), get entity_id() { if (reads++ >= after) throw thrown; return 'mcp:a'; } };
    };
    expect(plan([], [throwingId(new Error('no id'), 0)], 'merge').rejected).toStrictEqual([{ index: 0, message: '[0]: no id' }]);
    expect(plan([], throwingId('no id', 1), 'merge').rejected).toStrictEqual([{ index: 0, message: 'entity: no id' }]);
    expect(plan([], throwingId(new Error('no id at all'), 0), 'merge')).toMatchObject({ error: 'no id at all', rejected: [] });
    expect(plan([], { get format(): never { throw 'no format'; } }, 'merge')).toMatchObject({ error: 'no format' });
  });
});

describe('unusable inputs', () => {
  it.each<[unknown, string]>([
    [42, 'expected a web4-trust-store bundle, an array of entities or one entity, got 42'],
    [null, 'expected a web4-trust-store bundle, an array of entities or one entity, got null'],
    ['{}', 'expected a web4-trust-store bundle, an array of entities or one entity, got "{}"'],
    [{}, 'format: expected "web4-trust-store", got nothing'],
    [{ format: 'other', entity_id: 'mcp:a' }, 'format: expected "web4-trust-store", got "other"'],
    [{ format: 'web4-trust-store', entities: [] }, 'version: expected a whole number ≥ 1, got nothing'],
    [{ format: 'web4-trust-store', version: 0, entities: [] }, 'version: expected a whole number ≥ 1, got 0'],
    [{ format: 'web4-trust-store', version: 1.5, entities: [] }, 'version: expected a whole number ≥ 1, got 1.5'],
    [{ format: 'web4-trust-store', version: '1', entities: [] }, 'version: expected a whole number ≥ 1, got "1"'],
    [{ format: 'web4-trust-store', version: 2, entities: [] }, 'version: version 2 is newer than this app reads (1); update Web4 Trust'],
    [{ format: 'web4-trust-store', version: 1, entities: {} }, 'entities: expected an array of entities, got an object'],
  ])('%j', (input, error) => {
    expect(plan([entity('mcp:a')], input, 'replace')).toStrictEqual({
      mode: 'replace', error, added: [], updated: [], unchanged: [], removed: [], rejected: [],
    });
  });

  it('a bundle wins over a single entity when an object has both a format and an id', () => {
    const result = plan([], { format: 'web4-trust-store', version: 1, entities: [json('mcp:b')], ...json('mcp:a') }, 'merge');
    expect(result.added.map((e) => e.entityId)).toEqual(['mcp:b']);
  });

  it('a single entity object is entry 0, named by its fields alone', () => {
    const result = plan([], { ...json('mcp:a'), training: 'high' }, 'merge');
    expect(result.rejected).toStrictEqual([{ index: 0, entity_id: 'mcp:a', message: 'training: expected a number in [0,1], got "high"' }]);
    expect(plan([], { entity_id: 'mcp:a', format: undefined, talent: 0.5, training: 0.5, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5 }, 'merge').added).toHaveLength(1);
  });
});
