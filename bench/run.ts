// `npm run bench`: runs every bench/*.bench.ts in name order and prints one table.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { formatValue, type Bench, type Row } from './harness.js';

const only = process.argv[2];
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort();

const rows: Row[] = [];
const bench: Bench = {
  report(row) {
    rows.push(row);
    console.log(`${row.name.padEnd(58)} ${formatValue(row.value, row.unit).padStart(16)}  ${row.target ?? ''}`);
  },
};

for (const file of files) {
  console.log(`\n# ${file}`);
  const { default: run } = (await import(path.join(import.meta.dirname, file))) as { default: (b: Bench) => Promise<void> };
  await run(bench);
}
