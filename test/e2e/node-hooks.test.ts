import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileTrustStore, entityFileName } from '../../node/index.js';
import { SESSION, text } from '../node/claude-code-fixtures.js';
import { BIN, ROOT, ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// `web4-trust hook …` as Claude Code runs it: JSON on stdin, never a non-zero exit.

let box: Sandbox;
let env: NodeJS.ProcessEnv;
let store: string;
let log: string;
const hook = (event: string, input: string) => runBin(['hook', event], { env, input });

beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
  // The default places, under the sandbox's HOME.
  env = { ...box.env };
  delete env.WEB4_TRUST_DIR;
  store = path.join(box.home, '.web4', 'governance', 'entities');
  log = path.join(box.home, '.web4', 'governance', 'hook-errors.log');
});
afterEach(() => box.cleanup());

const logLines = () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trimEnd().split('\n') : []);

describe('post-tool-use and post-tool-use-failure', () => {
  it('record MCP successes and failures in ~/.web4/governance/entities', async () => {
    for (const [event, fixture] of [['post-tool-use', 'post-tool-use-mcp'], ['post-tool-use', 'post-tool-use-mcp'], ['post-tool-use-failure', 'post-tool-use-failure-mcp']] as const) {
      expect(await hook(event, text(fixture))).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    expect(await hook('post-tool-use-failure', text('post-tool-use-failure-interrupt'))).toEqual({ code: 0, stdout: '', stderr: '' });
    const entities = new FileTrustStore(store);
    const server = (await entities.getExisting('mcp:github'))!;
    expect([server.actionCount, server.successCount, server.witnessCount]).toEqual([3, 2, 3]);
    expect(server.witnessedBy).toEqual([SESSION]);
    expect((await entities.getExisting(SESSION))!.hasWitnessed).toEqual(['mcp:github']);
    expect(fs.existsSync(path.join(store, entityFileName('mcp:github')))).toBe(true);
    expect(logLines()).toEqual([]);
  });

  it('WEB4_TRUST_DISABLE=1 turns every hook into a silent no-op', async () => {
    env.WEB4_TRUST_DISABLE = '1';
    for (const input of [text('post-tool-use-mcp'), 'not json']) {
      expect(await hook('post-tool-use', input)).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    expect(fs.existsSync(store)).toBe(false);
    expect(logLines()).toEqual([]);
  });

  it('--record outcome from the command line', async () => {
    await runBin(['hook', 'post-tool-use', '--record', 'outcome'], { env, input: text('post-tool-use-mcp') });
    expect((await new FileTrustStore(store).list()).map((e) => e.entityId)).toEqual(['mcp:github']);
  });

  it('ignores other tools', async () => {
    expect(await hook('post-tool-use', text('post-tool-use-bash'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(store)).toBe(false);
  });

  it.each([
    ['garbage', 'Traceback (most recent call last):', 'hook input is not JSON'],
    ['empty stdin', '', 'no hook input on stdin'],
  ])('logs %s to stderr and the error log, and exits 0', async (_, input, message) => {
    const run = await hook('post-tool-use', input);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^web4-trust: hook post-tool-use: ${message}.*\n$`));
    expect(logLines()).toEqual([expect.stringMatching(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z hook post-tool-use: ${message}`))]);
  });

  it('a lock that stays held: the call is written down, the hook exits 0, and the next use of the store applies it', async () => {
    const locks = path.join(store, '.locks');
    fs.mkdirSync(locks, { recursive: true });
    // Held by this (live) test process.
    const lock = path.join(locks, `${entityFileName('mcp:github')}.lock`);
    fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), file: 'owner-test' }));
    expect(await hook('post-tool-use-failure', text('post-tool-use-failure-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.readdirSync(path.join(store, '.pending'))).toEqual([expect.stringMatching(/^\d{15}-\d+-1\.json$/)]);
    expect(fs.readdirSync(store).filter((n) => n.endsWith('.json'))).toEqual([]);
    expect(logLines()).toEqual([]);

    // Released: the next reader applies it first.
    fs.rmSync(lock);
    const show = await runBin(['show', 'mcp:github', '--json'], { env });
    expect(JSON.parse(show.stdout).entity).toMatchObject({ action_count: 1, success_count: 0, witness_count: 1 });
    expect(fs.existsSync(path.join(store, '.pending'))).toBe(false);
  });

  it('a stderr nobody reads any more (EPIPE) changes nothing: exit code 0, the problem in the log', async () => {
    const child = spawn(process.execPath, [BIN, 'hook', 'post-tool-use'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    // Closed before the hook has even started, so its write to stderr fails.
    child.stderr.destroy();
    child.stdin.end('{');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(logLines()).toEqual([expect.stringContaining('hook post-tool-use: hook input is not JSON')]);
  });

  it('keeps the log beside the store when WEB4_TRUST_DIR is set', async () => {
    await runBin(['hook', 'post-tool-use'], { env: box.env, input: '{' });
    expect(fs.readFileSync(path.join(path.dirname(box.store), 'hook-errors.log'), 'utf8')).toContain('hook input is not JSON');
  });
});

describe('start-up', () => {
  it("keeps V8's code cache per event in the user's cache folder, and a damaged cache costs nothing but a compile", async () => {
    expect(await hook('post-tool-use', text('post-tool-use-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
    const dir = path.join(box.home, '.cache', 'web4-trust');
    const [cache] = fs.readdirSync(dir);
    expect(cache).toMatch(/^hook\.cjs-post-tool-use-v\d+\.\d+\.\d+-\d+-\w+\.cache$/);
    expect(fs.statSync(path.join(dir, cache!)).mode & 0o777).toBe(0o600);
    fs.writeFileSync(path.join(dir, cache!), 'garbage');
    // Caches of other versions: one written 8 days ago goes when a cache is next written, a recent one stays.
    const [older, recent] = ['hook.cjs-post-tool-use-v18.0.0-1-a.cache', 'hook.cjs-pre-tool-use-v18.0.0-2-b.cache'];
    for (const name of [older, recent]) fs.writeFileSync(path.join(dir, name), 'old');
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    fs.utimesSync(path.join(dir, older), eightDaysAgo, eightDaysAgo);
    expect(await hook('post-tool-use', text('post-tool-use-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.statSync(path.join(dir, cache!)).size).toBeGreaterThan(10_000);
    expect(fs.readdirSync(dir).sort()).toEqual([cache, recent]);
    fs.rmSync(path.join(dir, recent));
    expect((await new FileTrustStore(store).getExisting('mcp:github'))!.actionCount).toBe(2);
    await hook('pre-tool-use', text('pre-tool-use-mcp'));
    expect(fs.readdirSync(dir).sort()).toEqual([expect.stringMatching(/^hook\.cjs-post-tool-use-/), expect.stringMatching(/^hook\.cjs-pre-tool-use-/)]);
  });
});

describe('pre-tool-use and session-start', () => {
  it("print the entity's trust as context, and nothing for unknown entities or other tools", async () => {
    expect(await hook('pre-tool-use', text('pre-tool-use-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await hook('session-start', text('session-start'))).toEqual({ code: 0, stdout: '', stderr: '' });
    await hook('post-tool-use', text('post-tool-use-mcp'));
    await hook('post-tool-use-failure', text('post-tool-use-failure-task'));
    const pre = await hook('pre-tool-use', text('pre-tool-use-mcp'));
    expect(pre.code).toBe(0);
    expect(JSON.parse(pre.stdout)).toEqual({
      hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: 'Web4 trust in MCP server "github": medium (T3 0.50, V3 0.52); 1 call, 1 succeeded.' },
    });
    const start = await hook('session-start', text('session-start'));
    expect(JSON.parse(start.stdout).hookSpecificOutput.additionalContext).toBe(
      'Web4 trust on record: subagent "code-reviewer" medium (1 call, 0 succeeded); MCP server "github" medium (1 call, 1 succeeded).',
    );
    expect(await hook('pre-tool-use', text('post-tool-use-bash', { hook_event_name: 'PreToolUse' }))).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 0 even for an unknown hook name', async () => {
    const run = await hook('post-tool-used', '{}');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('unknown hook "post-tool-used"; use one of session-start, pre-tool-use, post-tool-use, post-tool-use-failure');
  });
});

describe('concurrency', () => {
  async function hammer(dir: string, lockTimeoutMs: string) {
    const worker = path.join(ROOT, 'test/e2e/support/node-hook-worker.mjs');
    const workers = Array.from({ length: 8 }, () => collect(spawn(process.execPath, [worker, dir, '250', 'shared', lockTimeoutMs])));
    // Real `web4-trust hook` processes at the same time, as Claude Code starts them, with the same session.
    const spawned = Array.from({ length: 16 }, (_, i) =>
      runBin(['hook', 'post-tool-use'], {
        env: { ...box.env, WEB4_TRUST_DIR: dir },
        input: text('post-tool-use-mcp', { session_id: 'shared', tool_name: 'mcp__filesystem__list', tool_use_id: `toolu_${i}` }),
      }),
    );
    const results = (await Promise.all(workers)).map((r) => ({ ...r, stdout: JSON.parse(r.stdout) as { failed: number; queued: number } }));
    for (const result of results) expect(result).toMatchObject({ code: 0, stdout: { failed: 0 }, stderr: '' });
    for (const run of await Promise.all(spawned)) expect(run).toEqual({ code: 0, stdout: '', stderr: '' });

    // Any reader applies what was queued before it reads.
    const entities = new FileTrustStore(dir);
    const server = await entities.get('mcp:filesystem');
    const session = await entities.get('session:shared');
    expect([server.actionCount, server.successCount, server.witnessCount]).toEqual([2016, 2016 - 8 * 50, 2016]);
    expect(server.observations('veracity')).toBe(2016);
    expect(session.observations('valuation')).toBe(2016);
    expect(server.witnessedBy).toEqual(['session:shared']);
    // No lock is left behind, by the hooks or by the reader above (which may have applied queued calls).
    expect(fs.readdirSync(path.join(dir, '.locks'))).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.pending'))).toBe(false);
    return results.reduce((sum, r) => sum + r.stdout.queued, 0);
  }

  it('loses no update: 8 processes × 250 hook calls, plus 16 spawned hook processes, on one store', async () => {
    await hammer(box.store, '500');
  });

  it('loses no update with both cores saturated, when locks time out and calls are queued', async () => {
    // Busy processes on every core, for the length of the test (killed in finally).
    const busy = Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      // A 1 ms lock timeout makes most contended calls take the queue.
      const queued = await hammer(box.store, '1');
      expect(queued).toBeGreaterThan(0);
    } finally {
      for (const child of busy) child.kill('SIGKILL');
    }
  });
});

function collect(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
