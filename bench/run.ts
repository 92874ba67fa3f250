// `npm run bench [name]`: runs the bench files (all, or those whose name contains `name`), prints
// every row, and writes tmp/bench/results.json (`node scripts/bench-table.mjs` makes the README's
// table of it).
//
// What runs: the library as compiled into dist/ by `npm run build:lib` (tsc, and esbuild for the
// executable), imported by bench/support/lib.ts. `npm run bench` also compiles the bench itself,
// with esbuild, to tmp/bench/js/ and runs it with plain `node`: under tsx every function the bench
// creates would go through tsx's `__name` helper, and its loader would sit in the process, which
// would tax the bare reference loops measured here beside the library. `npx tsx bench/run.ts core`
// still works for a quick look. Children whose memory is measured are compiled the same way
// (support/compile.ts).
//
// Each bench file runs in a process of its own (run-file.ts), which loads only what that file
// needs, as a user's process would. With every file in one process, the browser drivers and
// database clients that later files use held 35 MB of heap before the first row (5 MB now), and
// the memory store's sweep ran at 9.8–14.3 M entities/s, against 14.0–15.2 with only its own file
// loaded (eight runs of each, in turn).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_FILES } from './bench-files.js';
import { alternate, type ResultRow } from './harness.js';
import { ROOT } from './support/lib.js';
import { runNode } from './support/spawn.js';

/** run-file.js when compiled, run-file.ts under tsx (whose loader the child inherits through execArgv). */
const RUN_FILE = fileURLToPath(new URL(`./run-file${path.extname(import.meta.url)}`, import.meta.url));

process.chdir(ROOT);
const only = process.argv[2];
const names = Object.keys(BENCH_FILES).filter((name) => !only || name.includes(only));
if (names.length === 0) throw new Error(`no bench file matches ${JSON.stringify(only)}; there are ${Object.keys(BENCH_FILES).join(', ')}`);

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

const rows: ResultRow[] = [];
const crashed: string[] = [];
const rowsFile = path.join(ROOT, 'tmp/bench/rows.json');
fs.mkdirSync(path.dirname(rowsFile), { recursive: true });
for (const name of names) {
  // The disk is still writing back what the file before wrote (100,000 entity files, their removal):
  // flushed first, so that it does not slow this file's rows.
  spawnSync('sync');
  console.log(`\n# ${name}`);
  fs.rmSync(rowsFile, { force: true });
  const child = spawnSync(process.execPath, [...process.execArgv, RUN_FILE, name, rowsFile], { stdio: 'inherit' });
  // The rows it measured before any crash are kept.
  if (fs.existsSync(rowsFile)) rows.push(...JSON.parse(fs.readFileSync(rowsFile, 'utf8')));
  if (child.status !== 0) {
    crashed.push(name);
    console.error(`✗ ${name} failed (${child.error?.message ?? `exit ${child.status ?? child.signal}`}); its error is above`);
  }
}
fs.rmSync(rowsFile, { force: true });

const results = { machine, ...(only !== undefined && { only }), crashed, rows };
const out = path.join(ROOT, 'tmp/bench/results.json');
fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
const failed = rows.filter((row) => row.pass === false).length;
const met = rows.filter((row) => row.pass === true).length;
console.log(`\n${met} rows meet their targets, ${failed} do not; results in ${path.relative(ROOT, out)}`);
if (crashed.length) {
  console.error(`crashed: ${crashed.join(', ')}`);
  process.exitCode = 1;
}

