// The file store on real files in a temp folder: locked, atomic updates of distinct entities, and the
// `web4-trust` executable (spawned, as a user runs it) listing and sweeping 100,000 entity files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeEntityFiles, type EntityFiles } from './support/entity-files.js';
import { entityId, idleEntities } from './support/fixtures.js';
import { BIN } from './support/lib.js';
import { nodeLib } from './support/node-lib.js';
import { runNode } from './support/spawn.js';
import {
  alternate, atLeast, atMost, formatStats, leastWork, perSecond, ratioAtMost, stats, timeMs, timeMsSync, type Bench,
} from './harness.js';

const UPSTREAM = '(upstream Rust 0.2, measured once on a 2-core machine:';
const IDS = 1_000;
/** Upstream's file update rate (without locks), which ours is held to. */
const UPDATE_TARGET = 5726;
const UPDATES = 2_000;
const COUNT = 100_000;
/** Runs of the 100,000-file rows, each of which takes seconds. */
const FILE_RUNS = 3;

export default async function run(bench: Bench): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-bench-files-'));
  try {
    await update(bench, path.join(dir, 'update'));
    const files = writeEntityFiles(path.join(dir, 'store'), idleEntities(COUNT));
    await list(bench, files, dir);
    await sweep(bench, files, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function update(bench: Bench, dir: string): Promise<void> {
  const store = new nodeLib.FileTrustStore(dir);
  const ids = Array.from({ length: IDS }, (_, i) => entityId(i));
  for (const id of ids) await store.update(id, true, 0.5);
  const paths = ids.map((id) => store.pathOf(id));
  const texts = paths.map((file) => fs.readFileSync(file, 'utf8'));
  let k = 0;
  const result = await alternate(5, {
    ours: async () => perSecond(UPDATES, await timeMs(async () => {
      for (let i = 0; i < UPDATES; i++, k++) await store.update(ids[k % IDS]!, k % 4 !== 0, 0.5);
    })),
    bare: () => perSecond(UPDATES, bareWrites(paths, texts, UPDATES)),
    lockedBare: () => perSecond(UPDATES, bareLockedUpdates(paths, texts, UPDATES, path.join(dir, '.bare-locks'))),
  });
  bench.report({
    name: `FileTrustStore.update (locked, atomic), ${IDS.toLocaleString('en')} distinct entities cycled`,
    unit: 'updates/s', value: result.ours,
    reference: { name: 'bare stat + write temp + rename of the same texts to the same files (no fsync, as atomic-write.ts)', value: result.bare },
    targets: [atLeast(result.ours, UPDATE_TARGET, 'updates/s'), ratioAtMost(result.ours, result.bare, 'updates/s', 1.25, "bare's time (≥ 0.8× its rate)")],
    upstream: `${UPSTREAM} 5,726 updates/s, without locks)`,
    note: leastWork(
      `the file operations of a locked read-modify-write, bare (take a lock file, read, then as above, remove the lock): ${formatStats(result.lockedBare, 'updates/s')}`,
      result.lockedBare.median < UPDATE_TARGET || result.lockedBare.median < 0.8 * result.bare.median,
    ),
  });
}

/**
 * What any locked read-modify-write of an entity file does at least, `count` times over `paths`:
 * create a lock file exclusively with its owner in it, read the file, replace it as `bareWrites`
 * does, remove the lock. Returns the ms.
 */
function bareLockedUpdates(paths: readonly string[], texts: readonly string[], count: number, lockDir: string): number {
  fs.mkdirSync(lockDir, { recursive: true });
  const owner = JSON.stringify({ pid: process.pid, host: os.hostname() });
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const file = paths[i % paths.length]!;
    const lock = path.join(lockDir, `${path.basename(file)}.lock`);
    fs.writeFileSync(lock, owner, { flag: 'wx' });
    fs.readFileSync(file, 'utf8');
    const temp = `${file}.${process.pid}.${i}.tmp`;
    const { mode } = fs.statSync(file);
    fs.writeFileSync(temp, texts[i % texts.length]!, { flag: 'wx', mode: mode & 0o7777 });
    fs.renameSync(temp, file);
    fs.unlinkSync(lock);
  }
  return performance.now() - start;
}

/** What writeFileAtomicSync does to replace a file, `count` times over `paths`; returns the ms. */
function bareWrites(paths: readonly string[], texts: readonly string[], count: number): number {
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const file = paths[i % paths.length]!;
    const temp = `${file}.${process.pid}.${i}.tmp`;
    const { mode } = fs.statSync(file);
    fs.writeFileSync(temp, texts[i % texts.length]!, { flag: 'wx', mode: mode & 0o7777 });
    fs.renameSync(temp, file);
  }
  return performance.now() - start;
}

async function list(bench: Bench, files: EntityFiles, dir: string): Promise<void> {
  const env = { ...process.env, WEB4_TRUST_DIR: files.dir };
  const output = path.join(dir, 'list.json');
  // The bare reference, in a process of its own too: what any listing must do.
  const bare = `const fs = require('fs'), path = require('path'); const dir = ${JSON.stringify(files.dir)};
    const all = fs.readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')));
    if (all.length !== ${COUNT}) throw new Error('read ' + all.length);`;
  // The least any listing does: read and parse every file, keeping nothing (its memory is Node's own).
  const stream = `const fs = require('fs'), path = require('path'); const dir = ${JSON.stringify(files.dir)}; let read = 0;
    for (const n of fs.readdirSync(dir)) if (n.endsWith('.json')) { JSON.parse(fs.readFileSync(path.join(dir, n), 'utf8')); read++; }
    if (read !== ${COUNT}) throw new Error('read ' + read);`;
  const rss = { list: [] as number[], bare: [] as number[], stream: [] as number[], node: [] as number[] };
  const child = (key: keyof typeof rss, args: string[], stdoutFile?: string) => {
    const { ms, rssMB } = runNode(args, { env, rss: true, ...(stdoutFile !== undefined && { stdoutFile }) });
    rss[key].push(rssMB);
    return ms / 1000;
  };
  const time = await alternate(FILE_RUNS, {
    list: () => child('list', [BIN, 'list', '--json'], output),
    bare: () => child('bare', ['-e', bare]),
    stream: () => child('stream', ['-e', stream]),
    node: () => child('node', ['-e', '0']),
  });
  const listed = (JSON.parse(fs.readFileSync(output, 'utf8')) as { entities: unknown[] }).entities.length;
  if (listed !== COUNT) throw new Error(`web4-trust list showed ${listed} of ${COUNT} entities`);
  // The first of each is the warm-up.
  const memory = {
    list: stats(rss.list.slice(1)), bare: stats(rss.bare.slice(1)), stream: stats(rss.stream.slice(1)), node: stats(rss.node.slice(1)),
  };
  const nodeNote = `node -e 0: ${formatStats(time.node, 's')}, ${formatStats(memory.node, 'MB')}`;
  const least = `reading and parsing every file, keeping nothing, spawned: ${formatStats(time.stream, 's')}, ${formatStats(memory.stream, 'MB')}`;
  bench.report({
    name: 'web4-trust list --json, 100,000 entity files (spawned): wall time',
    unit: 's', value: time.list,
    reference: { name: 'bare readdir + read + JSON.parse of every file, spawned', value: time.bare },
    targets: [atMost(time.list, 0.65, 's')], note: `${nodeNote}; ${leastWork(least, time.stream.median > 0.65)}`,
    upstream: `${UPSTREAM} 0.65 s)`,
  });
  bench.report({
    name: 'web4-trust list --json, 100,000 entity files (spawned): peak RSS',
    unit: 'MB', value: memory.list,
    reference: { name: 'bare readdir + read + JSON.parse of every file, spawned', value: memory.bare },
    targets: [atMost(memory.list, 64, 'MB')], note: `${nodeNote}; ${leastWork(least, memory.stream.median > 64)}`,
    upstream: `${UPSTREAM} 8 MB)`,
  });
}

/**
 * `web4-trust decay` over 100,000 files idle for 30 days, then again right after. The reference,
 * bare read + write temp + rename of every file, writes the files' first texts back, so that each
 * run's first sweep starts from the same idle store. No warm-up round: each sweep is a process of
 * its own, writing the fixture has just filled the file cache, and a round takes a minute or more.
 */
async function sweep(bench: Bench, files: EntityFiles, dir: string): Promise<void> {
  const env = { ...process.env, WEB4_TRUST_DIR: files.dir };
  const output = path.join(dir, 'decay.json');
  const decay = () => {
    const { ms } = runNode([BIN, 'decay', '--json'], { env, stdoutFile: output });
    const { scanned, changed } = JSON.parse(fs.readFileSync(output, 'utf8')) as { scanned: number; changed: number };
    return { s: ms / 1000, scanned, changed };
  };
  const first: { scanned: number; changed: number }[] = [];
  const second: { changed: number; written: number }[] = [];
  const time = await alternate(FILE_RUNS, {
    bare: () => timeMsSync(() => {
      for (const [i, file] of files.paths.entries()) {
        fs.readFileSync(file, 'utf8');
        const temp = `${file}.bench.tmp`;
        fs.writeFileSync(temp, files.texts[i]!);
        fs.renameSync(temp, file);
      }
    }) / 1000,
    first: () => {
      const { s, scanned, changed } = decay();
      first.push({ scanned, changed });
      return s;
    },
    second: () => {
      const before = signatures(files.paths);
      const { s, changed } = decay();
      const after = signatures(files.paths);
      second.push({ changed, written: after.filter((signature, i) => signature !== before[i]).length });
      return s;
    },
  }, { warmUp: false });
  const changedFirst = stats(first.map((summary) => summary.changed));
  const written = stats(second.map((summary) => summary.written));
  const reference = { name: 'bare read + write temp + rename of every file', value: time.bare };
  bench.report({
    name: 'web4-trust decay (spawned), 100,000 entity files idle for 30 days',
    unit: 's', value: time.first, reference,
    targets: [atMost(time.first, 7.3, 's')],
    note: `changed ${changedFirst.median} of ${first.at(-1)!.scanned}`,
    upstream: `${UPSTREAM} 7.3 s; ours was 14.3 s then)`,
  });
  bench.report({
    name: '… the same sweep again right after',
    unit: 's', value: time.second, reference,
    targets: [atMost(time.second, 1, 's'), { text: 'writes 0 files', pass: written.high === 0 }],
    note: `files written: ${written.median} (${written.low}–${written.high}); the sweep's summary says changed: ${second.at(-1)!.changed}`,
  });
}

/** Each file's inode and modification time: a file the store rewrote (temp + rename) has another. */
function signatures(paths: readonly string[]): string[] {
  return paths.map((file) => {
    const { ino, mtimeMs } = fs.statSync(file);
    return `${ino}:${mtimeMs}`;
  });
}
