import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ID, text } from '../node/claude-code-fixtures.js';
import { ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// Evidence per call through the built executable, as Claude Code runs the hooks: real spawned
// PreToolUse/PostToolUse pairs, the audit trail under ~/.web4/audit, and the commands that read them.

let box: Sandbox;
const hook = (event: string, input: string) => runBin(['hook', event], { env: box.env, input });
const cli = (...args: string[]) => runBin(args, { env: box.env });
const trailFile = () => path.join(box.home, '.web4', 'audit', `${SESSION_ID}.jsonl`);

beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

/** One call as Claude Code makes it: PreToolUse, then PostToolUse (or PostToolUseFailure) of the same tool_use_id. */
async function call(toolUseId: string, changes: Record<string, unknown> = {}, fails = false): Promise<number> {
  const started = Date.now();
  await hook('pre-tool-use', text('pre-tool-use-mcp', { tool_use_id: toolUseId, ...changes }));
  const post = fails ? 'post-tool-use-failure-mcp' : 'post-tool-use-mcp';
  const done = await hook(fails ? 'post-tool-use-failure' : 'post-tool-use', text(post, { tool_use_id: toolUseId, ...changes }));
  expect(done).toEqual({ code: 0, stdout: '', stderr: '' });
  return Date.now() - started;
}

describe('8 parallel calls of one session', () => {
  it('one unbroken chain with every call, each with its latency; the server\'s figures exact', async () => {
    const walls = await Promise.all(Array.from({ length: 8 }, (_, i) => call(`toolu_par${i}`, { tool_input: { n: i } }, i % 4 === 0)));
    const verify = await cli('audit', 'verify', SESSION_ID);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toBe(`ok      ${trailFile()}: 8 records, chain unbroken\n`);
    const shown = JSON.parse((await cli('audit', 'show', SESSION_ID, '--json')).stdout) as { records: { seq: number; duration_ms: number; status: string }[] };
    expect(shown.records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shown.records.filter((r) => r.status === 'failure')).toHaveLength(2);
    // Each latency is a real pair's: positive, and within the longest pair's wall time.
    for (const r of shown.records) {
      expect(r.duration_ms).toBeGreaterThan(0);
      expect(r.duration_ms).toBeLessThanOrEqual(Math.max(...walls));
    }
    const show = JSON.parse((await cli('show', 'mcp:github', '--json')).stdout) as { entity: { action_count: number }; calls: Record<string, unknown> };
    expect(show.entity.action_count).toBe(8);
    expect(show.calls).toMatchObject({ calls: 8, call_failures: 2, recent_failure_rate: 0.25, failure_kinds: { tool: 2 }, retry_loops: 0 });
    expect((show.calls.tools as { tool: string; calls: number }[]).map((t) => [t.tool, t.calls])).toEqual([['create_issue', 8]]);
    expect(show.calls.latency_p95_ms).toBe(Math.max(...shown.records.map((r) => r.duration_ms)));
  });
});

describe('audit verify names the first broken record', () => {
  async function trail(): Promise<string[]> {
    for (let i = 0; i < 4; i++) await call(`toolu_v${i}`, { tool_input: { n: i } });
    return fs.readFileSync(trailFile(), 'utf8').split('\n').slice(0, -1);
  }
  const verifyAfter = async (content: string) => {
    fs.writeFileSync(trailFile(), content);
    return cli('audit', 'verify', SESSION_ID);
  };

  it('tampered, truncated, reordered: exit code 1 and the line and record named', async () => {
    const lines = await trail();
    const tampered = [...lines];
    tampered[1] = tampered[1]!.replace('"status":"success"', '"status":"failure"');
    expect(await verifyAfter(`${tampered.join('\n')}\n`)).toEqual({
      code: 1, stdout: `broken  ${trailFile()}: line 2: record 2 does not match its hash (it was changed after it was written)\n`, stderr: '',
    });
    const whole = `${lines.join('\n')}\n`;
    expect((await verifyAfter(whole.slice(0, whole.length - 25))).stdout).toContain('line 4: the last record is cut off (the file was truncated)');
    expect((await verifyAfter(`${[lines[0], lines[2], lines[1], lines[3]].join('\n')}\n`)).stdout)
      .toContain('line 2: record 3 where record 2 should be (records were removed, inserted or reordered)');
    const json = JSON.parse((await cli('audit', 'verify', '--all', '--json')).stdout) as { trails: { broken: { line: number } }[] };
    expect(json.trails.map((t) => t.broken.line)).toEqual([2]);
    // show prints what comes before the break, and says where it is.
    const shown = await cli('audit', 'show', SESSION_ID);
    expect(shown.code).toBe(1);
    expect(shown.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(shown.stderr).toContain('line 2: record 3 where record 2 should be');
  });

  it('clear errors: no session named, a session without a trail', async () => {
    expect(await cli('audit', 'verify')).toMatchObject({ code: 2, stderr: expect.stringContaining('name one session, or use --all') as string });
    expect(await cli('audit', 'show', 'nope')).toMatchObject({ code: 1, stderr: expect.stringContaining('no audit trail for session "nope"') as string });
    expect(await cli('audit', 'verify', '--all')).toEqual({ code: 0, stdout: `No audit trails in ${path.dirname(trailFile())}.\n`, stderr: '' });
  });
});

describe('list and config', () => {
  it('list --sort failures and latency; --json carries the figures', async () => {
    for (const [i, server] of ['alpha', 'alpha', 'beta', 'gamma'].entries()) {
      await call(`toolu_l${i}`, { tool_name: `mcp__${server}__run`, tool_input: { i } }, server !== 'gamma');
    }
    const byFailures = JSON.parse((await cli('list', '--type', 'mcp', '--sort', 'failures', '--json')).stdout) as { entities: Record<string, unknown>[] };
    expect(byFailures.entities.map((e) => [e.entity_id, e.call_failures])).toEqual([['mcp:alpha', 2], ['mcp:beta', 1], ['mcp:gamma', 0]]);
    expect(Object.keys(byFailures.entities[0]!)).toEqual(expect.arrayContaining(['calls', 'recent_failure_rate', 'latency_p50_ms', 'latency_p95_ms', 'retry_loops']));
    const byLatency = JSON.parse((await cli('list', '--type', 'mcp', '--sort', 'latency', '--json')).stdout) as { entities: { latency_p95_ms: number }[] };
    const p95s = byLatency.entities.map((e) => e.latency_p95_ms);
    expect(p95s).toEqual([...p95s].sort((a, b) => b - a));
    const table = (await cli('list', '--type', 'mcp', '--sort', 'failures')).stdout;
    expect(table.split('\n')[0]).toMatch(/CALLS\s+FAILED\s+P95/);
  });

  it('export and import carry the evidence (how it reaches the browser without the bridge)', async () => {
    await call('toolu_x1', {}, true);
    const bundle = path.join(box.home, 'trust.json');
    expect((await cli('export', '--out', bundle)).code).toBe(0);
    const exported = JSON.parse(fs.readFileSync(bundle, 'utf8')) as { entities: { entity_id: string; call_evidence?: { calls: number } }[] };
    expect(exported.entities.find((e) => e.entity_id === 'mcp:github')!.call_evidence!.calls).toBe(1);
    const other = path.join(box.home, 'other-store');
    expect((await cli('import', bundle, '--store', other)).code).toBe(0);
    const shown = JSON.parse((await cli('show', 'mcp:github', '--store', other, '--json')).stdout) as { calls: { failure_kinds: unknown } };
    expect(shown.calls.failure_kinds).toEqual({ tool: 1 });
  });

  it('config set audit-retention-days: a number of days, checked', async () => {
    expect(await cli('config', 'set', 'audit-retention-days', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('from 1 to 36500') as string });
    expect((await cli('config', 'set', 'audit-retention-days', '30')).code).toBe(0);
    expect(await cli('config', 'get', 'audit-retention-days')).toEqual({ code: 0, stdout: '30\n', stderr: '' });
    expect((await cli('config', 'unset', 'audit-retention-days')).code).toBe(0);
    expect((await cli('config', 'get', 'audit-retention-days')).code).toBe(1);
  });
});
