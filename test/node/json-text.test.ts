import { expect, it } from 'vitest';
import { toJsonText, writeJsonText } from '../../node/cli/context.js';

// `list --json` writes a long list in pieces; what arrives must be exactly the one-piece text.
it.each([0, 1, 999, 1000, 2501])('writes %i items in pieces exactly as one piece', (count) => {
  const value = {
    store: '/tmp/"quoted"\u0000',
    entities: Array.from({ length: count }, (_, i) => ({ entity_id: `mcp:${i}`, nested: { list: [i, null], text: 'a\nb' } })),
    problems: [{ path: '/x', problem: 'bad' }],
  };
  const pieces: string[] = [];
  writeJsonText((text) => pieces.push(text), value, 'entities');
  expect(pieces.join('')).toBe(toJsonText(value));
  expect(pieces.length).toBeLessThanOrEqual(Math.ceil(count / 1000) + 2);
});
