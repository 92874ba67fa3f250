import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileTrustStore, HookInputError, mcpServerOf, runHook } from '../../node/index.js';
import { base, payloads } from './hook-payloads.js';

const text = (payload: object) => JSON.stringify(payload);

let dir: string;
let store: FileTrustStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-hook-'));
  store = new FileTrustStore(dir);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('post-tool-use hook', () => {
  it('records a successful MCP call as the session witnessing the server', async () => {
    expect(await runHook('post-tool-use', text(payloads.mcpSuccess), store)).toBeUndefined();
    const server = await store.get('mcp:github');
    expect(server.witnessedBy).toEqual([`session:${base.session_id}`]);
    expect(server.witnessCount).toBe(1);
    expect(server.veracity).toBeCloseTo(0.5 + 0.1 * 0.8 * 0.5, 15);
    expect((await store.get(`session:${base.session_id}`)).hasWitnessed).toEqual(['mcp:github']);
  });

  it.each([['is_error', payloads.mcpIsError], ['error field', payloads.mcpErrorField]])(
    'records a failure when the response has %s',
    async (_, payload) => {
      await runHook('post-tool-use', text(payload), store);
      const [server] = await store.list({ type: 'mcp' });
      expect(server!.veracity).toBeCloseTo(0.5 - 0.1 * 0.5 * 0.5, 15);
    },
  );

  it("records a failure for Claude Code's PostToolUseFailure event", async () => {
    const { tool_response: _, ...rest } = payloads.mcpSuccess;
    await runHook('post-tool-use', text({ ...rest, hook_event_name: 'PostToolUseFailure', error: 'timed out' }), store);
    expect((await store.get('mcp:github')).veracity).toBeLessThan(0.5);
  });

  it('ignores tools that are not MCP tools', async () => {
    expect(await runHook('post-tool-use', text(payloads.nonMcp), store)).toBeUndefined();
    expect(await store.count()).toBe(0);
  });

  it.each([
    ['garbage', 'this is not json {', /not JSON/],
    ['empty input', '', /no hook input/],
    ['an array', '[1,2]', /not a JSON object/],
    ['no session', text({ ...payloads.mcpSuccess, session_id: undefined }), /no session_id/],
  ])('refuses %s without touching the store', async (_, input, message) => {
    await expect(runHook('post-tool-use', input, store)).rejects.toThrow(message);
    await expect(runHook('post-tool-use', input, store)).rejects.toBeInstanceOf(HookInputError);
    expect(await store.count()).toBe(0);
  });
});

describe('pre-tool-use hook', () => {
  it("adds the server's trust as context once there is a record, and never blocks", async () => {
    expect(await runHook('pre-tool-use', text(payloads.preMcp), store)).toBeUndefined();
    await runHook('post-tool-use', text(payloads.mcpSuccess), store);
    const output = JSON.parse((await runHook('pre-tool-use', text(payloads.preMcp), store))!);
    expect(output).toEqual({
      hookSpecificOutput: {
        hookEventName: 'PreToolUse',
        additionalContext: 'Web4 trust in MCP server "github" (mcp:github): medium, T3 0.50, V3 0.52, witnessed 1 time, veracity 0.54.',
      },
    });
    expect(output.hookSpecificOutput).not.toHaveProperty('permissionDecision');
  });

  it('does nothing for other tools', async () => {
    await runHook('post-tool-use', text(payloads.mcpSuccess), store);
    expect(await runHook('pre-tool-use', text({ ...payloads.nonMcp, hook_event_name: 'PreToolUse' }), store)).toBeUndefined();
  });
});

it('finds the server in MCP tool names', () => {
  expect(mcpServerOf('mcp__github__create_issue')).toBe('github');
  expect(mcpServerOf('mcp__my_server__do__thing')).toBe('my_server');
  expect(mcpServerOf('mcp__plugin_x_db__query')).toBe('plugin_x_db');
  for (const name of ['Bash', 'mcp__', 'mcp____tool', 'mcp__onlyserver', 42, undefined]) expect(mcpServerOf(name)).toBeUndefined();
});
