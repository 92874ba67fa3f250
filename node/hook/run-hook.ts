import type { TrustStore } from '../../core/index.js';
import { mcpServerOf, parseHookInput, sessionIdOf, toolFailed } from './hook-input.js';

export const HOOK_EVENTS = ['post-tool-use', 'pre-tool-use'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** How much one MCP tool call counts as a witness. */
export const HOOK_MAGNITUDE = 0.1;

export function isHookEvent(value: unknown): value is HookEvent {
  return (HOOK_EVENTS as readonly unknown[]).includes(value);
}

/**
 * Handles one hook call: `stdinText` is what Claude Code sent. Returns what to print on stdout, if
 * anything. Throws on bad input or a store error; the caller logs it and still exits 0.
 *
 * - post-tool-use: an MCP tool call is a witness of `session:<session_id>` observing `mcp:<server>`.
 * - pre-tool-use: for an MCP tool with a trust record, adds the server's trust as context. It never
 *   blocks a call.
 * Other tools are ignored.
 */
export async function runHook(event: HookEvent, stdinText: string, store: TrustStore): Promise<string | undefined> {
  const input = parseHookInput(stdinText);
  const server = mcpServerOf(input.tool_name);
  if (server === undefined) return undefined;
  const serverId = `mcp:${server}`;
  if (event === 'post-tool-use') {
    await store.witness(`session:${sessionIdOf(input)}`, serverId, !toolFailed(input), HOOK_MAGNITUDE);
    return undefined;
  }
  const entity = await store.getExisting(serverId);
  if (!entity) return undefined;
  const context =
    `Web4 trust in MCP server "${server}" (${serverId}): ${entity.trustLevel}, ` +
    `T3 ${entity.t3Average.toFixed(2)}, V3 ${entity.v3Average.toFixed(2)}, ` +
    `witnessed ${entity.witnessCount} ${entity.witnessCount === 1 ? 'time' : 'times'}, veracity ${entity.veracity.toFixed(2)}.`;
  return `${JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', additionalContext: context } })}\n`;
}
