// `node run-file.js <name> <rows.json>`: runs one bench file, prints each row as it is measured, and
// writes the rows, as results.json holds them, to <rows.json>. Started by run.ts, one process per file.
import fs from 'node:fs';
import { BENCH_FILES } from './bench-files.js';
import { costRatio, formatStats, resultRow, type Bench, type ResultRow, type Row } from './harness.js';

const [name = '', rowsFile = ''] = process.argv.slice(2);
const file = BENCH_FILES[name];
if (file === undefined || rowsFile === '') throw new Error('usage: run-file <bench file name> <rows.json>');

const rows: ResultRow[] = [];
const bench: Bench = {
  report(input) {
    const { reference } = input;
    const row: Row = {
      ...input,
      targets: input.targets ?? [],
      ...(reference && { ratio: costRatio(input.unit, input.value.median, reference.value.median) }),
    };
    print(row);
    // Written at each row, so that the rows measured before a crash are kept.
    rows.push(resultRow(name, row));
    fs.writeFileSync(rowsFile, JSON.stringify(rows));
    return row;
  },
};
const { default: run } = await file();
await run(bench);

function print(row: Row): void {
  const mark = row.targets.length === 0 ? '·' : row.targets.every((t) => t.pass) ? '✓' : '✗';
  console.log(`${mark} ${row.name}`);
  const reference = row.reference ? `   vs ${row.reference.name}: ${formatStats(row.reference.value, row.unit)}` : '';
  const ratio = row.ratio === undefined ? '' : `   ratio ${row.ratio.toFixed(2)}×`;
  console.log(`      ${formatStats(row.value, row.unit)}${reference}${ratio}`);
  const targets = row.targets.map((t) => `${t.text} ${t.pass ? '✓' : '✗'}`).join(', ');
  const detail = [targets && `target: ${targets}`, row.note].filter(Boolean).join('   · ');
  if (detail) console.log(`      ${detail}`);
  if (row.upstream) console.log(`      ${row.upstream}`);
}
