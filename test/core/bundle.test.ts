import { describe, expect, it } from 'vitest';
import { EntityTrust, TrustFormatError, createBundle, planImport, summarizePlan, type EntityJson } from '../../core/index.js';

const T0 = Date.UTC(2026, 10, 24);

function entity(id: string, { at = T0, outcomes = 1, witnessedBy = [] as string[] } = {}): EntityTrust {
  const e = EntityTrust.create(id, T0);
  for (let i = 0; i < outcomes; i++) e.updateFromOutcome(true, 0.5, at);
  for (const w of witnessedBy) e.receiveWitness(w, true, 0.1, at);
  return e;
}
const ids = (list: EntityTrust[]) => list.map((e) => e.entityId);

describe('planImport', () => {
  it('accepts a bundle, a bare array or a single entity, naming paths accordingly', () => {
    const bad = { ...entity('mcp:a').toJSON(), talent: -1 };
    expect(planImport([], { format: 'web4-trust-store', version: 1, entities: [bad] }, { mode: 'merge' }).rejected[0]!.message)
      .toMatch(/^entities\[0\]\.talent: /);
    expect(planImport([], [bad], { mode: 'merge' }).rejected[0]!.message).toMatch(/^\[0\]\.talent: /);
    expect(planImport([], bad, { mode: 'merge' }).rejected[0]!.message).toMatch(/^talent: /);
    expect(ids(planImport([], entity('mcp:one').toJSON(), { mode: 'merge' }).added)).toEqual(['mcp:one']);
  });

  it('explains an unusable input instead of throwing', () => {
    const error = (input: unknown) => planImport([], input, { mode: 'merge' }).error;
    expect(error({ format: 'web4-trust-store', version: 2, entities: [] })).toBe(
      'version: version 2 is newer than this app reads (1); update Web4 Trust',
    );
    expect(error({ format: 'other', version: 1, entities: [] })).toBe('format: expected "web4-trust-store", got "other"');
    expect(error({ format: 'web4-trust-store', version: 1 })).toBe('entities: expected an array of entities, got nothing');
    expect(error({ format: 'web4-trust-store', version: '1', entities: [] })).toMatch(/^version: expected a whole number/);
    expect(error(42)).toMatch(/expected a web4-trust-store bundle, an array of entities or one entity, got 42/);
    expect(error({ hello: 'world' })).toMatch(/^format: expected "web4-trust-store", got nothing/);
  });

  it('rejects a repeated id and keeps the first', () => {
    const plan = planImport([], [entity('mcp:a').toJSON(), entity('mcp:a', { outcomes: 3 }).toJSON()], { mode: 'merge' });
    expect(plan.added[0]!.actionCount).toBe(1);
    expect(plan.rejected).toEqual([{ index: 1, entity_id: 'mcp:a', message: '[1]: duplicate of entity 0, "mcp:a"' }]);
  });

  it('merges on a tie of last activity by observations, then keeps the stored one', () => {
    const stored = entity('mcp:a', { outcomes: 2 });
    const more = entity('mcp:a', { outcomes: 3 });
    expect(ids(planImport([stored], [more.toJSON()], { mode: 'merge' }).updated)).toEqual(['mcp:a']);
    const fewer = entity('mcp:a', { outcomes: 1 });
    expect(planImport([stored], [fewer.toJSON()], { mode: 'merge' }).unchanged).toEqual(['mcp:a']);
    const twin = entity('mcp:a', { outcomes: 2 });
    expect(planImport([stored], [twin.toJSON()], { mode: 'merge' }).unchanged).toEqual(['mcp:a']);
  });

  it('merges witness lists from whichever side loses', () => {
    const stored = entity('mcp:a', { at: T0 + 10, witnessedBy: ['session:a'] });
    const older = entity('mcp:a', { at: T0, witnessedBy: ['session:b'] });
    const [merged] = planImport([stored], [older.toJSON()], { mode: 'merge' }).updated;
    expect(merged!.witnessedBy).toEqual(['session:a', 'session:b']);
    expect(merged!.lastActivity).toBe(T0 + 10);
  });

  it('keeps, in replace mode, a stored entity whose incoming copy was rejected', () => {
    const plan = planImport([entity('mcp:a'), entity('mcp:b')], [{ ...entity('mcp:a').toJSON(), training: 'x' }], { mode: 'replace' });
    expect(plan.removed).toEqual(['mcp:b']);
    expect(plan.rejected.map((r) => r.entity_id)).toEqual(['mcp:a']);
  });

  it('does not change the current entities or the input', () => {
    const stored = entity('mcp:a', { witnessedBy: ['session:a'] });
    const before = JSON.stringify(stored);
    const input: EntityJson[] = [entity('mcp:a', { at: T0 - 5, witnessedBy: ['session:b'] }).toJSON()];
    const inputText = JSON.stringify(input);
    planImport([stored], input, { mode: 'merge' });
    expect(JSON.stringify(stored)).toBe(before);
    expect(JSON.stringify(input)).toBe(inputText);
  });
});

describe('createBundle', () => {
  it('sorts by id in code-unit order and dates the bundle by its latest activity', () => {
    const bundle = createBundle([entity('mcp:b', { at: T0 + 7 }), entity('Mcp:c'), entity('mcp:a')], T0 + 999);
    expect(bundle.entities.map((e) => e.entity_id)).toEqual(['Mcp:c', 'mcp:a', 'mcp:b']);
    expect(bundle.exported_at).toBe(new Date(T0 + 7).toISOString());
    expect(createBundle([], T0).exported_at).toBe(new Date(T0).toISOString());
  });
});

describe('witness list union', () => {
  it('adds each missing id once, keeping the order', () => {
    const e = entity('mcp:a', { witnessedBy: ['session:a'] });
    expect(e.unionWitnessLists(['session:b', 'session:a', 'session:b'], [])).toBe(true);
    expect(e.witnessedBy).toEqual(['session:a', 'session:b']);
    expect(e.unionWitnessLists(['session:b'], [])).toBe(false);
  });
});

describe('summarizePlan', () => {
  it('names each entity of a plan by id', () => {
    const plan = planImport([entity('mcp:old'), entity('mcp:same')], [entity('mcp:new').toJSON(), entity('mcp:same').toJSON(), 'x'], { mode: 'replace' });
    expect(summarizePlan(plan)).toEqual({
      mode: 'replace', added: ['mcp:new'], updated: [], unchanged: ['mcp:same'], removed: ['mcp:old'],
      rejected: [{ index: 2, entity_id: undefined, message: '[2]: expected an entity object, got "x"' }],
    });
  });
});

describe('TrustFormatError.within', () => {
  it('places a path inside a prefix, whatever the path starts with', () => {
    const error = (path: string) => new TrustFormatError(path, 'bad').within('entities[4]').message;
    expect(error('')).toBe('entities[4]: bad');
    expect(error('training')).toBe('entities[4].training: bad');
    expect(error('has_witnessed[1]')).toBe('entities[4].has_witnessed[1]: bad');
    expect(new TrustFormatError('[1]', 'bad').within('').message).toBe('[1]: bad');
  });
});
