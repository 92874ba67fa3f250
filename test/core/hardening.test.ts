import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EntityTrust, MemoryTrustStore, createBundle, entityIdProblem, parseTimestamp, planImport,
} from '../../core/index.js';

// Attacks from the adversarial run (issue "Hardening"), each reproduced, then fuzzed.

const T = '2026-11-24T15:00:00.000Z';
const entity = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({ entity_id: 'mcp:x', talent: 0.5, training: 0.5, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5, ...fields });
/** An array nested `depth` deep, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('unknown fields', () => {
  it('one nested 20,000 deep is refused by name; the rest of the bundle imports, and nothing throws', () => {
    // The 40 KB file of the attack (JSON.stringify itself cannot write it: it recurses).
    const deep = JSON.stringify(entity({ entity_id: 'mcp:bad', future: 0 })).replace('"future":0', `"future":${'['.repeat(20_000)}0${']'.repeat(20_000)}`);
    const text = `{"format":"web4-trust-store","version":1,"entities":[${JSON.stringify(entity({ entity_id: 'mcp:a' }))},${deep},${JSON.stringify(entity({ entity_id: 'mcp:c' }))}]}`;
    const plan = planImport([], JSON.parse(text), { mode: 'merge' });
    expect(plan.added.map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:c']);
    expect(plan.rejected).toEqual([{ index: 1, entity_id: 'mcp:bad', message: 'entities[1].future: nested more than 32 levels deep, which this version does not keep' }]);
    // What is kept can always be exported.
    expect(() => JSON.stringify(createBundle(plan.added, 0))).not.toThrow();
  });

  it('up to 32 levels are kept, bit for bit', () => {
    const json = entity({ future: nested(32) });
    expect(EntityTrust.fromJSON(json).toJSON().future).toEqual(nested(32));
    expect(() => EntityTrust.fromJSON(entity({ future: nested(33) }))).toThrow('future: nested more than 32 levels deep');
  });

  it('more than 64 KiB of them is refused', () => {
    expect(() => EntityTrust.fromJSON(entity({ blob: 'x'.repeat(70_000) }))).toThrow('unknown fields (blob) take 70011 characters of JSON; at most 65536 are kept');
  });

  it('are private copies: changing the input or a returned JSON changes nothing', async () => {
    const input = entity({ future: { level: 1, list: [1, 2] } });
    const e = EntityTrust.fromJSON(input);
    (input.future as { level: number }).level = 99;
    const out = e.toJSON();
    (out.future as { list: number[] }).list.push(3);
    expect(e.toJSON().future).toEqual({ level: 1, list: [1, 2] });

    const store = new MemoryTrustStore();
    const future = { n: 1 };
    await store.importBundle({ format: 'web4-trust-store', version: 1, entities: [entity({ future })] });
    future.n = 2;
    expect((await store.get('mcp:x')).toJSON().future).toEqual({ n: 1 });
  });
});

describe('entity ids', () => {
  it('lone surrogates are refused: they would share one file name', () => {
    for (const id of ['mcp:\ud800', 'mcp:\udc00', 'mcp:a\ud800b']) expect(entityIdProblem(id)).toBe('an entity id must be well-formed Unicode (it has a lone surrogate)');
    expect(entityIdProblem('mcp:\ufffd')).toBeUndefined();
    expect(entityIdProblem('mcp:😀')).toBeUndefined();
  });

  it('bidirectional controls are refused: they can make one id look like another', () => {
    for (const c of ['\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c']) {
      expect(entityIdProblem(`mcp:a${c}b`)).toBe('an entity id must not contain bidirectional control characters');
    }
  });

  it('an entity cannot witness itself', async () => {
    await expect(new MemoryTrustStore().witness('mcp:a', 'mcp:a', true, 0.1)).rejects.toThrow('an entity cannot witness itself');
  });
});

describe('counters', () => {
  const max = Number.MAX_SAFE_INTEGER;
  it('stop at 2^53 − 1, so that what is written can always be read back', () => {
    const e = EntityTrust.fromJSON(entity({ action_count: max, success_count: max, witness_count: max, t3_observation_counts: [max, max, max] }));
    e.updateFromOutcome(true, 0.1, 0);
    e.receiveWitness('session:s', true, 0.1, 0);
    const json = e.toJSON();
    expect([json.action_count, json.success_count, json.witness_count, ...json.t3_observation_counts]).toEqual([max, max, max, max, max, max]);
    expect(EntityTrust.fromJSON(JSON.parse(JSON.stringify(json))).actionCount).toBe(max);
  });

  it('above it, they are refused', () => {
    expect(() => EntityTrust.fromJSON(entity({ action_count: 2 ** 53 }))).toThrow('action_count: expected a whole number from 0 to 9007199254740991, got 9007199254740992');
  });
});

describe('timestamps', () => {
  it('years 0000–0099 are those years', () => {
    expect(new Date(parseTimestamp('0050-03-01T00:00:00.000Z')!).toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(new Date(parseTimestamp('0000-02-29T12:00:00Z')!).toISOString()).toBe('0000-02-29T12:00:00.000Z');
  });

  it('zone offsets: hours 00–23 and minutes 00–59 only; negative and half-hour offsets count', () => {
    for (const bad of ['2026-01-01T00:00:00+99:99', '2026-01-01T00:00:00+24:00', '2026-01-01T00:00:00-05:60']) expect(parseTimestamp(bad)).toBeUndefined();
    expect(parseTimestamp('2026-01-01T00:00:00-05:30')).toBe(Date.UTC(2026, 0, 1, 5, 30));
    expect(parseTimestamp('2026-01-01T00:00:00+05:45')).toBe(Date.UTC(2025, 11, 31, 18, 15));
  });
});

describe('witness lists', () => {
  it('a repeated id is kept once', () => {
    const e = EntityTrust.fromJSON(entity({ witnessed_by: ['session:a', 'session:b', 'session:a'], has_witnessed: ['mcp:y', 'mcp:y'] }));
    expect([e.witnessedBy, e.hasWitnessed]).toEqual([['session:a', 'session:b'], ['mcp:y']]);
  });

  it('more than 100,000 ids are refused', () => {
    const ids = Array.from({ length: 100_001 }, (_, i) => `session:${i}`);
    expect(() => EntityTrust.fromJSON(entity({ witnessed_by: ids }))).toThrow('witnessed_by: at most 100000 ids, got 100001');
  });
});

describe('fuzzed', () => {
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.constant(null), fc.boolean(), fc.double(), fc.string(), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 3 })),
  })).value;

  it('planImport never throws, and whatever it keeps exports and reads back the same', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ id: fc.string({ unit: 'grapheme-composite', maxLength: 6 }), extra: json, depth: fc.integer({ min: 0, max: 60 }), count: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.constant(2 ** 53), fc.constant(Number.MAX_SAFE_INTEGER), fc.double()) })),
      (rows) => {
        const entities = rows.map((r) => entity({ entity_id: `mcp:${r.id}`, extra: r.extra, deep: nested(r.depth), action_count: r.count }));
        const plan = planImport([], { format: 'web4-trust-store', version: 1, entities }, { mode: 'merge' });
        expect(plan.added.length + plan.rejected.length).toBe(rows.length);
        const text = JSON.stringify(createBundle(plan.added, 0));
        const again = planImport([], JSON.parse(text), { mode: 'merge' });
        expect(again.rejected).toEqual([]);
        expect(JSON.stringify(createBundle(again.added, 0))).toBe(text);
      },
    ), { numRuns: 200 });
  });

  it('an id is refused exactly when it is not well-formed, has controls or bidi marks, or is too long', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (name) => {
      const id = `mcp:${name}`;
      // eslint-disable-next-line no-control-regex
      const bad = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|\p{Cs}/u.test(id);
      expect(entityIdProblem(id) !== undefined).toBe(bad);
    }), { numRuns: 2_000 });
  });
});

it('timestamps in files: a year below 100 survives a round trip', () => {
  const e = EntityTrust.fromJSON(entity({ created_at: '0099-12-31T23:59:59.999Z', last_activity: T }));
  expect(e.toJSON().created_at).toBe('0099-12-31T23:59:59.999Z');
  expect(new Date(e.createdAt!).getUTCFullYear()).toBe(99);
});
