// The Node side: FileTrustStore throughput and the wall time of one Claude Code hook call.
// Targets: upstream on this machine (Rust web4-trust-core 4,681 updates/s without locks or atomic
// writes; the Python plugin's hook 127 ms, a bare `node -e 0` 62 ms).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileTrustStore } from '../node/index.js';
import { median, opsPerSecond, type Bench } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'dist/bin/web4-trust.mjs');
const HOOK_RUNS = 20;

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
    const input = JSON.stringify({
      session_id: 'bench', transcript_path: '/tmp/bench.jsonl', cwd: dir, permission_mode: 'default',
      hook_event_name: 'PostToolUse', tool_name: 'mcp__filesystem__read_file', tool_input: { path: '/etc/hosts' },
      tool_response: [{ type: 'text', text: 'ok' }], tool_use_id: 'toolu_bench',
    });
    const wallMs = (args: string[], stdin: string) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { env, input: stdin });
      if (result.status !== 0 || result.stderr.length) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
      return performance.now() - start;
    };
    const times = (args: string[], stdin: string) => {
      wallMs(args, stdin); // warm the file cache
      return median(Array.from({ length: HOOK_RUNS }, () => wallMs(args, stdin)));
    };
    const nodeBaseline = times(['-e', '0'], '');
    bench.report({
      name: `web4-trust hook post-tool-use (median of ${HOOK_RUNS} runs)`,
      unit: 'ms',
      target: `≤ 80 ms (Python plugin 127 ms); node -e 0 here: ${nodeBaseline.toFixed(0)} ms`,
      value: times([BIN, 'hook', 'post-tool-use'], input),
    });
    const stored = await new FileTrustStore(env.WEB4_TRUST_DIR).get('mcp:filesystem');
    if (stored.witnessCount !== HOOK_RUNS + 1) throw new Error(`the hook recorded ${stored.witnessCount} calls`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
