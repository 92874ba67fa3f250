// Prints the README's performance table, in markdown, from the last `npm run bench`
// (tmp/bench/results.json, or the file given as the first argument).
import { readFileSync } from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? path.resolve(import.meta.dirname, '../tmp/bench/results.json');
const { machine, rows, crashed = [], only } = JSON.parse(readFileSync(file, 'utf8'));

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

console.log(`Measured by \`npm run bench\` on ${machine.date.slice(0, 10)}: ${machine.cpu}, ${machine.cores} cores, ` +
  `Node ${machine.node}; \`node -e 0\` took ${machine.nodeE0Ms} ms in that run. Medians after a warm-up, lowest–highest ` +
  'in brackets; each reference was measured in the same run, in turn with its row; ratio = the row\'s cost (time, ' +
  'memory, bytes) ÷ the reference\'s. MB = 10^6 bytes. Upstream\'s figures are references, not measured here.' +
  (only ? ` Only the bench files matching "${only}" ran.` : ''));
console.log();
console.log('| what | measured | reference (same run) | ratio | target | |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const row of rows) {
  const notes = [row.note, row.upstream].filter(Boolean).join('; ');
  const what = notes ? `${cell(row.name)}<br><sub>${cell(notes)}</sub>` : cell(row.name);
  const reference = row.reference ? `${cell(row.reference.name)}: ${row.shown.reference}` : '—';
  const ratio = row.ratio === undefined ? '—' : `${row.ratio.toFixed(2)}×`;
  const mark = row.pass === undefined ? '' : row.pass ? '✓' : '✗';
  const targets = row.targets.map((t) => `${t.text} ${t.pass ? '✓' : '✗'}`).join('; ') || '—';
  console.log(`| ${what} | ${row.shown.value} | ${reference} | ${ratio} | ${cell(targets)} | ${mark} |`);
}
if (crashed.length) console.log(`\nThese bench files failed, so their rows are missing: ${crashed.join(', ')}.`);
