// What Claude Code sends a command hook on stdin (PreToolUse / PostToolUse): one JSON object with
// session_id, transcript_path, cwd, permission_mode, hook_event_name, tool_name, tool_input,
// tool_use_id and, after the call, tool_response. MCP tools are named mcp__<server>__<tool>.

export class HookInputError extends Error {
  override readonly name = 'HookInputError';
}

export interface HookInput {
  session_id?: unknown;
  hook_event_name?: unknown;
  tool_name?: unknown;
  tool_response?: unknown;
  error?: unknown;
  [field: string]: unknown;
}

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') throw new HookInputError('no hook input on stdin');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`hook input is not JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HookInputError('hook input is not a JSON object');
  }
  return value as HookInput;
}

/** `mcp__github__create_issue` → `github`; undefined for tools that are not MCP tools. */
export function mcpServerOf(toolName: unknown): string | undefined {
  if (typeof toolName !== 'string' || !toolName.startsWith('mcp__')) return undefined;
  const rest = toolName.slice('mcp__'.length);
  const end = rest.indexOf('__');
  return end > 0 ? rest.slice(0, end) : undefined;
}

export function sessionIdOf(input: HookInput): string {
  const id = input.session_id;
  if (typeof id !== 'string' || id === '') throw new HookInputError('hook input has no session_id');
  return id;
}

/**
 * Whether the tool call failed: its response says `is_error: true` (or MCP's `isError: true`) or has
 * an `error` field; Claude Code's PostToolUseFailure event, which carries `error` at the top, also counts.
 */
export function toolFailed(input: HookInput): boolean {
  if (input.hook_event_name === 'PostToolUseFailure' || hasValue(input.error)) return true;
  const response = input.tool_response;
  if (typeof response !== 'object' || response === null || Array.isArray(response)) return false;
  const fields = response as Record<string, unknown>;
  return fields.is_error === true || fields.isError === true || hasValue(fields.error);
}

function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== '';
}
