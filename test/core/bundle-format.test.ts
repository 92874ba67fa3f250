import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION, DEFAULT_DECAY, EntityTrust, compareIds, createBundle, serializeBundle } from '../../core/index.js';

const T0 = Date.UTC(2026, 10, 24);

describe('createBundle', () => {
  it('is dated by the latest activity, else the latest creation, else now', () => {
    const active = EntityTrust.create('mcp:a', T0 - 5_000);
    active.updateFromOutcome(true, 0.1, T0 - 3_000);
    const createdLater = EntityTrust.create('mcp:b', T0 - 1_000);
    const unknown = EntityTrust.fromJSON({ entity_id: 'mcp:c', talent: 0.5, training: 0.5, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5 });
    expect(createBundle([active, createdLater, unknown], T0 + 1_000_000).exported_at).toBe('2026-11-23T23:59:59.000Z');
    expect(createBundle([active, unknown], T0).exported_at).toBe('2026-11-23T23:59:57.000Z');
    expect(createBundle([unknown], T0).exported_at).toBe('2026-11-24T00:00:00.000Z');
    expect(createBundle([], T0 + 1).exported_at).toBe('2026-11-24T00:00:00.001Z');
  });

  it('is dated now when decay has moved an entity since its last activity: the scores are those of now', () => {
    const idle = EntityTrust.create('mcp:idle', T0);
    idle.updateFromOutcome(true, 1, T0);
    const later = T0 + 30 * 86_400_000;
    expect(createBundle([idle.stateAt(T0 + 3_600_000, DEFAULT_DECAY)], later).exported_at).toBe('2026-11-24T00:00:00.000Z');
    expect(createBundle([idle.stateAt(later, DEFAULT_DECAY)], later).exported_at).toBe('2026-12-24T00:00:00.000Z');
    // One decayed entity is enough.
    const fresh = EntityTrust.create('mcp:fresh', later);
    expect(createBundle([fresh, idle.stateAt(later, DEFAULT_DECAY)], later + 1000).exported_at).toBe('2026-12-24T00:00:01.000Z');
  });

  it('holds the entities sorted by id, as their JSON', () => {
    const entities = ['mcp:b', 'Mcp:z', 'mcp:a', 'mcp:aa'].map((id) => EntityTrust.create(id, T0));
    const bundle = createBundle(entities, T0);
    expect(bundle).toStrictEqual({
      format: 'web4-trust-store', version: 1, exported_at: '2026-11-24T00:00:00.000Z',
      entities: ['Mcp:z', 'mcp:a', 'mcp:aa', 'mcp:b'].map((id) => EntityTrust.create(id, T0).toJSON()),
    });
    expect([BUNDLE_FORMAT, BUNDLE_VERSION]).toEqual(['web4-trust-store', 1]);
  });
});

it('compareIds: code-unit order', () => {
  expect([compareIds('a', 'b'), compareIds('b', 'a'), compareIds('a', 'a'), compareIds('Z', 'a'), compareIds('a', 'aa')]).toEqual([-1, 1, 0, -1, -1]);
  expect(['é', 'z', 'e\u0301', '😀', '\uffff'].sort(compareIds)).toEqual(['e\u0301', 'z', 'é', '😀', '\uffff']);
});

it('serializeBundle: two-space indents and a final newline', () => {
  const bundle = createBundle([], T0);
  expect(serializeBundle(bundle)).toBe('{\n  "format": "web4-trust-store",\n  "version": 1,\n  "exported_at": "2026-11-24T00:00:00.000Z",\n  "entities": []\n}\n');
});
