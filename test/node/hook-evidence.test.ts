// What the hooks record of each call beside trust: latency, failure kind, retry loops, who called,
// and the audit trail (the trail's own checks are in audit.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAILURE_KINDS, MS_PER_DAY, type FailureKind } from '../../core/index.js';
import { AuditLog, CallStarts, FileTrustStore, runHook, type CallTrail, type HookEvent } from '../../node/index.js';
import { FIXTURE_DIR, SESSION_ID, text, type FixtureName } from './claude-code-fixtures.js';

let dir: string;
let store: FileTrustStore;
let trail: CallTrail;
let retentionDays = 90;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-evidence-'));
  store = new FileTrustStore(path.join(dir, 'entities'));
  trail = {
    starts: new CallStarts(path.join(dir, 'audit', '.starts')),
    audit: new AuditLog(path.join(dir, 'audit')),
    retentionDays: () => retentionDays,
  };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const hook = (event: HookEvent, fixture: FixtureName, changes?: Record<string, unknown>) =>
  runHook(event, text(fixture, changes), store, {}, trail);
const evidence = async (id = 'mcp:github') => (await store.getExisting(id))!.callEvidence!;
const records = () => trail.audit.check(trail.audit.fileOf(SESSION_ID)).records;

describe('failure kinds, from Claude Code\'s error text', () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(FIXTURE_DIR, 'failure-kinds.json'), 'utf8')) as {
    cases: { kind: FailureKind; error: string; subagent?: boolean; tool_response?: unknown }[];
  };

  it('the fixtures cover every kind', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(FAILURE_KINDS));
  });

  it.each(cases.map((c) => [c.kind, c.error || '(no text)', c] as const))('%s: %s', async (kind, _, c) => {
    const fixture = c.subagent ? 'post-tool-use-failure-task' : 'post-tool-use-failure-mcp';
    await hook('post-tool-use-failure', fixture, { error: c.error, ...(c.tool_response ? { tool_response: c.tool_response } : {}) });
    const e = await evidence(c.subagent ? 'role:code-reviewer' : 'mcp:github');
    expect(e.failure_kinds).toEqual({ [kind]: 1 });
    expect(e.recent_failures.map((f) => f.kind)).toEqual([kind]);
    expect(records().map((r) => [r.status, r.failure_kind])).toEqual([['failure', kind]]);
  });

  it('an interrupt is no failure: nothing recorded, and its start is cleared', async () => {
    await hook('pre-tool-use', 'pre-tool-use-mcp', { tool_use_id: 'toolu_int' });
    await hook('post-tool-use-failure', 'post-tool-use-failure-interrupt', { tool_use_id: 'toolu_int' });
    expect(await store.list()).toEqual([]);
    expect(fs.readdirSync(trail.starts.dir)).toEqual([]);
    expect(fs.existsSync(trail.audit.fileOf(SESSION_ID))).toBe(false);
  });
});

describe('latency: from PreToolUse to PostToolUse of one tool_use_id', () => {
  it('is the time between the two hooks; a call whose start was not seen counts without one', async () => {
    const before = Date.now();
    await hook('pre-tool-use', 'pre-tool-use-mcp', { tool_use_id: 'toolu_a' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await hook('post-tool-use', 'post-tool-use-mcp', { tool_use_id: 'toolu_a' });
    const elapsed = Date.now() - before;
    await hook('post-tool-use', 'post-tool-use-mcp', { tool_use_id: 'toolu_never_started' });
    const e = await evidence();
    expect(e.calls).toBe(2);
    expect(e.latency_ms).toHaveLength(1);
    expect(e.latency_ms[0]).toBeGreaterThanOrEqual(30);
    expect(e.latency_ms[0]).toBeLessThanOrEqual(elapsed);
    expect(e.tools.create_issue!.latency_ms).toEqual(e.latency_ms);
    expect(records().map((r) => r.duration_ms)).toEqual([e.latency_ms[0], null]);
    expect(fs.readdirSync(trail.starts.dir)).toEqual([]);
  });

  it('a start older than a day is no latency, and SessionStart removes forgotten starts', async () => {
    trail.starts.note('toolu_old', Date.now() - 2 * MS_PER_DAY);
    trail.starts.note('toolu_forgotten', Date.now());
    fs.utimesSync(path.join(trail.starts.dir, 'toolu_forgotten'), new Date(Date.now() - 2 * MS_PER_DAY), new Date(Date.now() - 2 * MS_PER_DAY));
    await hook('post-tool-use', 'post-tool-use-mcp', { tool_use_id: 'toolu_old' });
    expect((await evidence()).latency_ms).toEqual([]);
    await hook('session-start', 'session-start');
    expect(fs.readdirSync(trail.starts.dir)).toEqual([]);
  });

  it('a tool_use_id that is no file name is not used as one', async () => {
    await hook('pre-tool-use', 'pre-tool-use-mcp', { tool_use_id: '../../escape' });
    await hook('post-tool-use', 'post-tool-use-mcp', { tool_use_id: '../../escape' });
    expect(fs.existsSync(path.join(dir, 'escape'))).toBe(false);
    expect((await evidence()).calls).toBe(1);
  });
});

describe('retry loops', () => {
  it('the same tool with the same input three times in a row is flagged once on the server', async () => {
    for (let i = 0; i < 4; i++) await hook('post-tool-use-failure', 'post-tool-use-failure-mcp');
    await hook('post-tool-use-failure', 'post-tool-use-failure-mcp', { tool_input: { title: 'another' } });
    for (let i = 0; i < 3; i++) await hook('post-tool-use-failure', 'post-tool-use-failure-mcp');
    expect(records().map((r) => [r.repeat, r.retry_loop])).toEqual([
      [1, false], [2, false], [3, true], [4, true], [1, false], [1, false], [2, false], [3, true],
    ]);
    const e = await evidence();
    expect(e.retry_loops).toBe(2);
    expect(e.last_retry_loop!.tool).toBe('create_issue');
    const context = JSON.parse((await hook('pre-tool-use', 'pre-tool-use-mcp'))!).hookSpecificOutput.additionalContext as string;
    expect(context).toMatch(/; all of the last 8 calls failed \(the last: an error from the tool\), 2 retry loops\.$/);
  });

  it('SessionStart mentions a server whose recent calls failed often, and stays quiet about one that did not', async () => {
    for (let i = 0; i < 6; i++) await hook('post-tool-use', 'post-tool-use-mcp', { tool_input: { i } });
    for (let i = 0; i < 4; i++) await hook('post-tool-use-failure', 'post-tool-use-failure-mcp', { tool_input: { i } });
    for (let i = 0; i < 5; i++) await hook('post-tool-use', 'post-tool-use-mcp', { tool_name: 'mcp__steady__run', tool_input: { i } });
    const summary = JSON.parse((await hook('session-start', 'session-start'))!).hookSpecificOutput.additionalContext as string;
    expect(summary).toContain('MCP server "github" medium (10 calls, 6 succeeded; 4 of the last 10 calls failed)');
    expect(summary).toContain('MCP server "steady" medium (5 calls, 5 succeeded)');
  });

  it('calls of another session do not continue a loop', async () => {
    await hook('post-tool-use', 'post-tool-use-mcp');
    await hook('post-tool-use', 'post-tool-use-mcp');
    await hook('post-tool-use', 'post-tool-use-mcp', { session_id: 'other-session' });
    expect((await evidence()).retry_loops).toBe(0);
  });
});

describe('who called', () => {
  it('inside a subagent, its role witnesses the server as well as the session', async () => {
    await hook('post-tool-use', 'post-tool-use-mcp', { agent_type: 'code-reviewer' });
    const server = (await store.getExisting('mcp:github'))!;
    expect(server.witnessedBy).toEqual([`session:${SESSION_ID}`, 'role:code-reviewer']);
    expect((await store.getExisting('role:code-reviewer'))!.hasWitnessed).toEqual(['mcp:github']);
    expect(records()[0]!.agent).toBe('role:code-reviewer');
  });

  it('a role never witnesses itself; an agent_type that cannot be an id is ignored', async () => {
    await hook('post-tool-use', 'post-tool-use-task', { agent_type: 'code-reviewer' });
    await hook('post-tool-use', 'post-tool-use-mcp', { agent_type: 'x'.repeat(2000) });
    expect((await store.getExisting('role:code-reviewer'))!.witnessedBy).toEqual([`session:${SESSION_ID}`]);
    expect((await store.getExisting('mcp:github'))!.witnessedBy).toEqual([`session:${SESSION_ID}`]);
  });
});

describe('the audit trail', () => {
  it('one record per call, with hashes of input and result, never their content', async () => {
    await hook('post-tool-use', 'post-tool-use-mcp');
    const [record] = records();
    expect(record).toMatchObject({
      seq: 1, session_id: SESSION_ID, tool: 'mcp__github__create_issue', entity: 'mcp:github', agent: null,
      status: 'success', failure_kind: null, prev_hash: null,
    });
    expect(record!.input_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const file = fs.readFileSync(trail.audit.fileOf(SESSION_ID), 'utf8');
    expect(file).not.toContain('Flaky test');
    expect(file).not.toContain('issues/42');
  });

  it('a damaged trail is reported, and the call is still recorded in the store', async () => {
    await hook('post-tool-use', 'post-tool-use-mcp');
    const file = trail.audit.fileOf(SESSION_ID);
    fs.writeFileSync(file, `${fs.readFileSync(file, 'utf8')}garbage\n`);
    await expect(hook('post-tool-use', 'post-tool-use-mcp')).rejects.toThrow(/its last record is damaged \(not a JSON record/);
    expect((await evidence()).calls).toBe(2);
  });

  it('SessionStart removes trails older than the retention', async () => {
    await hook('post-tool-use', 'post-tool-use-mcp');
    await hook('post-tool-use', 'post-tool-use-mcp', { session_id: 'old-session' });
    const old = trail.audit.fileOf('old-session');
    fs.utimesSync(old, new Date(Date.now() - 8 * MS_PER_DAY), new Date(Date.now() - 8 * MS_PER_DAY));
    retentionDays = 7;
    await hook('session-start', 'session-start');
    expect(trail.audit.files()).toEqual([trail.audit.fileOf(SESSION_ID)]);
  });
});
