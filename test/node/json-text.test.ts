import { expect, it } from 'vitest';
import { ITEMS_PER_PIECE, toJsonText, writeJsonText } from '../../node/cli/context.js';

// `list --json` writes a long list in pieces; what arrives must be exactly the one-piece text.
it.each([0, 1, ITEMS_PER_PIECE - 1, ITEMS_PER_PIECE, 2 * ITEMS_PER_PIECE + 1, 2501])('writes %i items in pieces exactly as one piece', (count) => {
  const value = {
    store: '/tmp/"quoted"\u0000',
    entities: Array.from({ length: count }, (_, i) => ({ entity_id: `mcp:${i}`, nested: { list: [i, null], text: 'a\nb' } })),
    problems: [{ path: '/x', problem: 'bad' }],
  };
  const pieces: string[] = [];
  writeJsonText((text) => pieces.push(text), value, 'entities');
  expect(pieces.join('')).toBe(toJsonText(value));
  expect(pieces.length).toBeLessThanOrEqual(Math.ceil(count / ITEMS_PER_PIECE) + 2);
});

it('writes each item as `render` makes it', () => {
  const pieces: string[] = [];
  writeJsonText((text) => pieces.push(text), { rows: [1, 2, 3] }, 'rows', (n) => ({ n, twice: n * 2 }));
  expect(JSON.parse(pieces.join(''))).toEqual({ rows: [{ n: 1, twice: 2 }, { n: 2, twice: 4 }, { n: 3, twice: 6 }] });
});
