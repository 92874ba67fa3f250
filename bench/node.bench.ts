// The Node side: FileTrustStore throughput, and the wall time of each Claude Code hook as Claude Code
// runs it (a spawned process, the real fixture on stdin, files on disk) beside `node -e 0` measured
// in the same run. Target for updates: upstream on this machine (Rust web4-trust-core 4,681 updates/s
// without locks or atomic writes).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileTrustStore } from '../node/index.js';
import { median, opsPerSecond, type Bench } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'dist/bin/web4-trust.cjs');
const HOOK_RUNS = 21;

export default async function run(bench: Bench): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-bench-'));
  try {
    const store = new FileTrustStore(path.join(dir, 'entities'));
    bench.report({
      name: 'FileTrustStore.update (locked, atomic; single process)',
      unit: 'updates/s',
      target: '≥ 4,681/s (Rust, unlocked, in place)',
      value: await opsPerSecond(async (n) => {
        for (let i = 0; i < n; i++) await store.update('mcp:bench', (i & 3) !== 0, 0.1);
      }, { n: 3_000, runs: 5 }),
    });

    if (!fs.existsSync(BIN)) execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
    const env = { ...process.env, HOME: dir, WEB4_TRUST_DIR: path.join(dir, 'hook-store') };
    const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/claude-code', `${name}.json`), 'utf8');
    const wallMs = (args: string[], stdin: string) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { env, input: stdin });
      if (result.status !== 0 || result.stderr.length) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
      return performance.now() - start;
    };
    // The hook and its reference, `node -e 0`, take turns, so that both see the same machine load.
    const rows: [name: string, args: string[], stdin: string][] = [
      ['node -e 0', ['-e', '0'], ''],
      ['post-tool-use', [BIN, 'hook', 'post-tool-use'], fixture('post-tool-use-mcp')],
      ['post-tool-use-failure', [BIN, 'hook', 'post-tool-use-failure'], fixture('post-tool-use-failure-mcp')],
      ['pre-tool-use', [BIN, 'hook', 'pre-tool-use'], fixture('pre-tool-use-mcp')],
      ['session-start', [BIN, 'hook', 'session-start'], fixture('session-start')],
    ];
    const times = new Map(rows.map(([name]) => [name, [] as number[]]));
    for (const [, args, stdin] of rows) wallMs(args, stdin); // warm the file cache
    for (let run = 0; run < HOOK_RUNS; run++) for (const [name, args, stdin] of rows) times.get(name)!.push(wallMs(args, stdin));
    const reference = median(times.get('node -e 0')!);
    for (const [name] of rows.slice(1)) {
      const value = median(times.get(name)!);
      const over = value - reference;
      bench.report({
        name: `web4-trust hook ${name} (median of ${HOOK_RUNS})`,
        unit: 'ms',
        target: `node -e 0: ${reference.toFixed(1)} ms; ${over >= 0 ? '+' : '−'}${Math.abs(over).toFixed(1)} ms ${over <= 15 ? '✓' : '✗'} (goal ≤ +15 ms)`,
        value,
      });
    }
    const stored = await new FileTrustStore(env.WEB4_TRUST_DIR).get('mcp:github');
    if (stored.actionCount !== 2 * (HOOK_RUNS + 1)) throw new Error(`the hooks recorded ${stored.actionCount} calls`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
