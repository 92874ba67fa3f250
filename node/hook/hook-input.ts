import { entityIdProblem } from '../../core/index.js';
import { describeJsonError } from '../fs/errno.js';

// What Claude Code sends a command hook on stdin: one JSON object with session_id, transcript_path,
// cwd, permission_mode and hook_event_name; the tool events add tool_name, tool_input and
// tool_use_id; PostToolUse adds tool_response, PostToolUseFailure a top-level `error` string and
// `is_interrupt`; SessionStart adds `source`. MCP tools are named mcp__<server>__<tool>; a subagent
// is the `Task` tool (`Agent` in newer versions) with `tool_input.subagent_type`.

export class HookInputError extends Error {
  override readonly name = 'HookInputError';
}

export interface HookInput {
  session_id?: unknown;
  hook_event_name?: unknown;
  tool_name?: unknown;
  tool_input?: unknown;
  tool_response?: unknown;
  error?: unknown;
  is_interrupt?: unknown;
  tool_use_id?: unknown;
  agent_type?: unknown;
  [field: string]: unknown;
}

export function parseHookInput(text: string): HookInput {
  if (text.trim() === '') throw new HookInputError('no hook input on stdin');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookInputError(`hook input is ${describeJsonError(error, text)}`);
  }
  if (!isRecord(value)) throw new HookInputError('hook input is not a JSON object');
  return value;
}

/** The entity a tool call acts as: an MCP server, or a subagent's role. */
export interface CallSubject {
  entityId: string;
  kind: 'mcp' | 'subagent';
  /** The server's or role's name as Claude Code gave it (untrusted text: quote before showing). */
  name: string;
}

/** The tools that start a subagent. */
const SUBAGENT_TOOLS = new Set(['Task', 'Agent']);
const DEFAULT_SUBAGENT = 'general-purpose';

/** The MCP server or subagent role a tool call is about, or undefined for every other tool. */
export function callSubjectOf(input: HookInput): CallSubject | undefined {
  const server = mcpServerOf(input.tool_name);
  if (server !== undefined) return subject('mcp', server);
  if (typeof input.tool_name !== 'string' || !SUBAGENT_TOOLS.has(input.tool_name)) return undefined;
  const type = isRecord(input.tool_input) ? input.tool_input.subagent_type : undefined;
  return subject('subagent', typeof type === 'string' && type !== '' ? type : DEFAULT_SUBAGENT);
}

function subject(kind: CallSubject['kind'], name: string): CallSubject {
  const entityId = `${kind === 'mcp' ? 'mcp' : 'role'}:${name}`;
  const problem = entityIdProblem(entityId);
  if (problem !== undefined) throw new HookInputError(`cannot record ${kind === 'mcp' ? 'MCP server' : 'subagent'} ${quoted(name)}: ${problem}`);
  return { entityId, kind, name };
}

/** `mcp__github__create_issue` → `github`; undefined for tools that are not MCP tools. */
export function mcpServerOf(toolName: unknown): string | undefined {
  if (typeof toolName !== 'string' || !toolName.startsWith('mcp__')) return undefined;
  const rest = toolName.slice('mcp__'.length);
  const end = rest.indexOf('__');
  return end > 0 ? rest.slice(0, end) : undefined;
}

/** `session:<session_id>`, checked. */
export function sessionEntityOf(input: HookInput): string {
  const id = input.session_id;
  if (typeof id !== 'string' || id === '') throw new HookInputError('hook input has no session_id');
  const entityId = `session:${id}`;
  const problem = entityIdProblem(entityId);
  if (problem !== undefined) throw new HookInputError(`session_id: ${problem}`);
  return entityId;
}

export type CallResult = 'success' | 'failure' | 'interrupted';

/**
 * How a finished call went. PostToolUseFailure is a failure, unless the user interrupted it (Esc):
 * then the tool did nothing wrong. After PostToolUse, an MCP result flagged `isError: true` (or
 * `is_error`) is a failure too, should Claude Code ever deliver one there.
 */
export function callResultOf(input: HookInput, failureEvent: boolean): CallResult {
  if (failureEvent || input.hook_event_name === 'PostToolUseFailure') {
    return input.is_interrupt === true ? 'interrupted' : 'failure';
  }
  return isFlaggedByTool(input) ? 'failure' : 'success';
}

/** Whether the tool's own result says it failed (an MCP result with `isError`). */
export function isFlaggedByTool(input: HookInput): boolean {
  const response = input.tool_response;
  return isRecord(response) && (response.isError === true || response.is_error === true);
}

/**
 * The tool a call used, as the entity's evidence names it: within its server for an MCP tool
 * (`mcp__github__create_issue` → `create_issue`), else Claude Code's name (`Task`). Control
 * characters removed, at most 128 characters.
 */
export function toolNameOf(input: HookInput, subject: CallSubject): string {
  const full = typeof input.tool_name === 'string' ? input.tool_name : '';
  const name = subject.kind === 'mcp' ? full.slice(`mcp__${subject.name}__`.length) : full;
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 128) || 'unknown';
}

/**
 * The subagent role a call was made in: Claude Code adds `agent_type` to the input of hooks that run
 * inside a subagent. Undefined in the main agent, or when it cannot be an entity id.
 */
export function agentRoleOf(input: HookInput): string | undefined {
  const type = input.agent_type;
  if (typeof type !== 'string' || type === '') return undefined;
  const id = `role:${type}`;
  return entityIdProblem(id) === undefined ? id : undefined;
}

const UNSAFE_TEXT = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const MAX_SHOWN_NAME = 64;

/**
 * A name from hook input as it may appear in Claude's context: control and format characters
 * (bidirectional overrides included) removed, at most 64 characters, in JSON quotes — so that a
 * server named like an instruction reads as a name.
 */
export function quoted(name: string): string {
  const clean = name.replace(UNSAFE_TEXT, '');
  // Code points, not graphemes: the cap only has to be safe, and a split emoji is still readable.
  // eslint-disable-next-line @typescript-eslint/no-misused-spread
  const chars = [...clean];
  return JSON.stringify(chars.length > MAX_SHOWN_NAME ? `${chars.slice(0, MAX_SHOWN_NAME - 1).join('')}…` : clean);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
