import { expect, it } from 'vitest';
import { styleFor } from '../../node/cli/style.js';
import { formatTable } from '../../node/format-table.js';

it('aligns columns, numbers to the right, with styling applied after padding', () => {
  const rows = [{ id: 'mcp:a', n: 5 }, { id: 'session:long-name', n: 1234 }];
  const text = formatTable(rows, [
    { header: 'ENTITY', value: (r) => r.id, style: (t) => `[${t}]` },
    { header: 'N', value: (r) => String(r.n), align: 'right' },
  ]);
  expect(text).toBe('ENTITY                N\n[mcp:a            ]     5\n[session:long-name]  1234\n');
});

it('colors only on a terminal and never with NO_COLOR', () => {
  expect(styleFor({ isTTY: true }, {}).red('x')).toBe('\u001b[31mx\u001b[39m');
  expect(styleFor({ isTTY: true }, { NO_COLOR: '1' }).red('x')).toBe('x');
  expect(styleFor({ isTTY: false }, {}).level('high', 'high')).toBe('high');
});
