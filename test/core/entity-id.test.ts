import { describe, expect, it } from 'vitest';
import {
  MAX_ENTITY_ID_LENGTH, TrustFormatError, assertEntityId, entityIdProblem, entityNameOf, entityTypeOf,
} from '../../core/index.js';

describe('entityIdProblem', () => {
  it.each<[unknown, string]>([
    [42, 'expected an entity id string, got 42'],
    [undefined, 'expected an entity id string, got nothing'],
    [null, 'expected an entity id string, got null'],
    [['mcp:a'], 'expected an entity id string, got an array'],
    ['', 'an entity id must not be empty'],
    ['a'.repeat(1025), 'an entity id must be at most 1024 characters, got 1025'],
    ['mcp:\u0000', 'an entity id must not contain control characters'],
    ['mcp:\u001f', 'an entity id must not contain control characters'],
    ['mcp:\u007f', 'an entity id must not contain control characters'],
    ['mcp:\u009f', 'an entity id must not contain control characters'],
    ['mcp:\u202e\ud800', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\u200e', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\ud800', 'an entity id must be well-formed Unicode (it has a lone surrogate)'],
    ['mcp:\udfff\u0001', 'an entity id must not contain control characters'],
    ['mcp:\u061c', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\u202a', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\u2066', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\u2069', 'an entity id must not contain bidirectional control characters'],
    ['mcp:\udc00\ud800', 'an entity id must be well-formed Unicode (it has a lone surrogate)'],
    ['mcp:\ud83d', 'an entity id must be well-formed Unicode (it has a lone surrogate)'],
    ['mcp:\ud83dx', 'an entity id must be well-formed Unicode (it has a lone surrogate)'],
  ])('%j: %s', (id, problem) => {
    expect(entityIdProblem(id)).toBe(problem);
  });

  it('accepts everything else, up to 1,024 characters', () => {
    for (const id of ['a', 'mcp:filesystem', ' Mcp:X ', 'mcp:😀', 'mcp:\u00a0\u00ff', 'lct:\u2070', 'mcp:\u061b\u200d\u2010\u202f\u2065\u206a\ufeff', '😀:🌍', 'a'.repeat(1024)]) {
      expect(entityIdProblem(id)).toBeUndefined();
    }
    expect(MAX_ENTITY_ID_LENGTH).toBe(1024);
  });
});

describe('assertEntityId', () => {
  it('throws a TypeError for a non-string and a RangeError for a bad string, with the problem as message', () => {
    expect(() => assertEntityId(7)).toThrow(new TypeError('expected an entity id string, got 7'));
    expect(() => assertEntityId('')).toThrow(new RangeError('an entity id must not be empty'));
    expect(() => assertEntityId('mcp:ok')).not.toThrow();
  });
});

it('type and name: split at the first colon; no colon means no type', () => {
  expect(['mcp:fs', 'mcp:a:b', ':name', 'type:', 'plain'].map((id) => [entityTypeOf(id), entityNameOf(id)])).toEqual([
    ['mcp', 'fs'], ['mcp', 'a:b'], ['', 'name'], ['type', ''], ['', 'plain'],
  ]);
});

describe('TrustFormatError', () => {
  it('puts the path before the problem, and keeps both', () => {
    const error = new TrustFormatError('entities[3].training', 'bad');
    expect([error.name, error.message, error.path, error.problem]).toEqual(['TrustFormatError', 'entities[3].training: bad', 'entities[3].training', 'bad']);
    expect(error).toBeInstanceOf(Error);
    expect(new TrustFormatError('', 'bad').message).toBe('bad');
  });

  it('within: places its path inside a prefix', () => {
    const within = (path: string, prefix: string) => new TrustFormatError(path, 'bad').within(prefix);
    expect(within('', 'entities[4]')).toMatchObject({ path: 'entities[4]', message: 'entities[4]: bad' });
    expect(within('training', 'entities[4]')).toMatchObject({ path: 'entities[4].training', message: 'entities[4].training: bad' });
    expect(within('[1]', 'witnessed_by')).toMatchObject({ path: 'witnessed_by[1]', message: 'witnessed_by[1]: bad' });
    expect(within('training', '')).toMatchObject({ path: 'training', message: 'training: bad' });
    expect(within('', '')).toMatchObject({ path: '', message: 'bad' });
  });
});

it('describes values briefly in messages', async () => {
  const { EntityTrust } = await import('../../core/index.js');
  const problem = (training: unknown) => {
    try {
      EntityTrust.fromJSON({ entity_id: 'a', talent: 0.5, training, temperament: 0.5, valuation: 0.5, veracity: 0.5, validity: 0.5 });
    } catch (error) {
      return (error as TrustFormatError).problem;
    }
    return 'accepted';
  };
  const got = (training: unknown) => problem(training).replace('expected a number in [0,1], got ', '');
  expect(got(null)).toBe('null');
  expect(got(true)).toBe('true');
  expect(got(-3)).toBe('-3');
  expect(got(10n)).toBe('10');
  expect(got({ a: 1 })).toBe('an object');
  expect(got([1])).toBe('an array');
  expect(got('x'.repeat(40))).toBe(JSON.stringify('x'.repeat(40)));
  expect(got('y'.repeat(41))).toBe(`"${'y'.repeat(40)}…"`);
  expect(got('say "hi"')).toBe('"say \\"hi\\""');
});
