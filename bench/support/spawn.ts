// Spawned Node processes, timed from the parent as a shell would see them, with the child's own
// peak RSS (reported by report-rss.cjs, preloaded).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib.js';

const REPORT_RSS = path.join(ROOT, 'bench/support/report-rss.cjs');
const RSS_FILE = path.join(os.tmpdir(), `web4-bench-rss-${process.pid}`);

export interface ChildRun {
  ms: number;
  /** Peak RSS in MB (10^6 bytes); NaN unless `rss` was asked for. */
  rssMB: number;
  stdout: string;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Measure the child's peak RSS (preloads report-rss.cjs, which costs about a millisecond). */
  rss?: boolean;
  /** Send stdout to this file rather than back to the parent. */
  stdoutFile?: string;
  /** Fail if the child writes to stderr (hooks must not). */
  quiet?: boolean;
}

/** Runs `node ...args`; throws unless it exits with 0. */
export function runNode(args: readonly string[], { env = process.env, input, rss = false, stdoutFile, quiet = false }: SpawnOptions = {}): ChildRun {
  const out = stdoutFile === undefined ? 'pipe' : fs.openSync(stdoutFile, 'w');
  try {
    const start = performance.now();
    const result = spawnSync(process.execPath, rss ? ['--require', REPORT_RSS, ...args] : args, {
      env: rss ? { ...env, BENCH_RSS_FILE: RSS_FILE } : env,
      input,
      stdio: ['pipe', out, 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      encoding: 'utf8',
    });
    const ms = performance.now() - start;
    if (result.error) throw result.error;
    if (result.status !== 0 || (quiet && result.stderr.length > 0)) {
      throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
    }
    const rssMB = rss ? (Number(fs.readFileSync(RSS_FILE, 'utf8')) * 1024) / 1e6 : Number.NaN;
    if (rss) fs.rmSync(RSS_FILE);
    return { ms, rssMB, stdout: result.stdout ?? '' };
  } finally {
    if (typeof out === 'number') fs.closeSync(out);
  }
}
