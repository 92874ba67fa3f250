// `npm run bench [name]`: runs the bench files (all, or those whose name contains `name`), prints
// every row, and writes tmp/bench/results.json (`node scripts/bench-table.mjs` makes the README's
// table of it).
//
// What runs: the library as compiled into dist/ by `npm run build:lib` (tsc, and esbuild for the
// executable), imported by bench/support/lib.ts. `npm run bench` also compiles the bench itself,
// with esbuild, to tmp/bench/js/run.mjs and runs that with plain `node`: under tsx every function
// the bench creates would go through tsx's `__name` helper, and its loader would sit in the process,
// which would tax the bare reference loops measured here beside the library. `npx tsx bench/run.ts core`
// still works for a quick look. Children whose memory is measured are compiled the same way
// (support/compile.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alternate, costRatio, formatStats, type Bench, type Row } from './harness.js';
import { ROOT } from './support/lib.js';
import { runNode } from './support/spawn.js';

// The hooks run before the files bench: for a while after it, even after `sync`, the disk is busy
// with its 100,000 files, and a post hook's small writes wait on it (+10.8 and +13.7 ms over
// `node -e 0` in two full runs in that order, +8 to +9 ms alone on the same day). A user's hooks
// run on a disk that is not removing 100,000 files.
const FILES: Record<string, () => Promise<{ default: (bench: Bench) => Promise<void> }>> = {
  core: () => import('./core.bench.js'),
  hooks: () => import('./hooks.bench.js'),
  files: () => import('./files.bench.js'),
  extension: () => import('./extension.bench.js'),
  ui: () => import('./ui.bench.js'),
  postgres: () => import('./postgres.bench.js'),
  bridge: () => import('./bridge.bench.js'),
};

process.chdir(ROOT);
const only = process.argv[2];
const names = Object.keys(FILES).filter((name) => !only || name.includes(only));
if (names.length === 0) throw new Error(`no bench file matches ${JSON.stringify(only)}; there are ${Object.keys(FILES).join(', ')}`);

const startup = await alternate(11, { node: () => runNode(['-e', '0']).ms });
const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGB: Number((os.totalmem() / 1e9).toFixed(1)),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  nodeE0Ms: Number(startup.node.median.toFixed(1)),
};
console.log(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}; node -e 0: ${machine.nodeE0Ms} ms`);
console.log('Medians (lowest–highest) after a warm-up; ratio = the row\'s cost (time, memory, bytes) ÷ the reference\'s; MB = 10^6 bytes.');

const rows: (Row & { file: string })[] = [];
const crashed: string[] = [];
for (const name of names) {
  // The disk is still writing back what the file before wrote (100,000 entity files, their removal):
  // flushed first, so that it does not slow this file's rows.
  spawnSync('sync');
  console.log(`\n# ${name}`);
  const bench: Bench = {
    report(input) {
      const { reference } = input;
      const row: Row = {
        ...input,
        targets: input.targets ?? [],
        ...(reference && { ratio: costRatio(input.unit, input.value.median, reference.value.median) }),
      };
      rows.push({ file: name, ...row });
      print(row);
      return row;
    },
  };
  try {
    const { default: run } = await FILES[name]!();
    await run(bench);
  } catch (error) {
    crashed.push(name);
    console.error(`✗ ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

const results = {
  machine,
  ...(only !== undefined && { only }),
  crashed,
  rows: rows.map(({ file, name, unit, value, reference, ratio, targets, upstream, note }) => ({
    file, name, unit,
    value: value.median,
    spread: { low: value.low, high: value.high, runs: value.runs },
    reference: reference && { name: reference.name, value: reference.value.median, spread: { low: reference.value.low, high: reference.value.high } },
    ratio,
    target: targets.map((t) => t.text).join('; ') || undefined,
    targets,
    pass: targets.length ? targets.every((t) => t.pass) : undefined,
    upstream, note,
    // As printed, for scripts/bench-table.mjs.
    shown: { value: formatStats(value, unit), reference: reference && formatStats(reference.value, unit) },
  })),
};
const out = path.join(ROOT, 'tmp/bench/results.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
const failed = rows.filter((row) => row.targets.some((t) => !t.pass)).length;
const met = rows.filter((row) => row.targets.length && row.targets.every((t) => t.pass)).length;
console.log(`\n${met} rows meet their targets, ${failed} do not; results in ${path.relative(ROOT, out)}`);
if (crashed.length) {
  console.error(`crashed: ${crashed.join(', ')}`);
  process.exitCode = 1;
}

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
