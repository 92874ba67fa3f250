import type { FailureKind } from '../../core/index.js';
import type { CallSubject } from './hook-input.js';

// Why a call failed, read from Claude Code's `error` text. The patterns are tried in this order: a
// refusal by the user first (nothing was called), then what the transport says (MCP's JSON-RPC codes
// as the SDKs number them: -32001 request timeout, -32000 connection closed, -32700…-32602 the
// protocol's own errors), then the tool's own words. An MCP server reports its tools' failures as
// text (often `MCP error -32603: …`, an internal error of the server): what no pattern claims is the
// tool's error for an MCP call, and `other` for a subagent (e.g. "maximum turns reached").

const PATTERNS: readonly [FailureKind, RegExp][] = [
  ['denied', /(?:does not|doesn't) want to proceed|permission to use .* (?:has been |was )?denied|(?:rejected|denied|declined) by (?:the )?user|user (?:rejected|denied|declined)/i],
  ['timeout', /-32001\b|timed? ?out|timeout|ETIMEDOUT|deadline exceeded/i],
  ['unreachable', /-32000\b|connection closed|not connected|ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EPIPE|socket hang up|failed to connect|no such tool available|spawn \S+ ENOENT|server (?:\S+ )?(?:crashed|exited|disconnected|is not running|unavailable)/i],
  ['protocol', /-32700\b|-32600\b|-32601\b|-32602\b|parse error|invalid request|method not found|invalid params|invalid (?:json|response|result)|output schema/i],
];

/** The kind of a failed call, from the hook input's `error` text and flagged `tool_response`. */
export function failureKindOf(error: unknown, flaggedByTool: boolean, subject: CallSubject): FailureKind {
  const text = typeof error === 'string' ? error : '';
  for (const [kind, pattern] of PATTERNS) if (pattern.test(text)) return kind;
  if (flaggedByTool) return 'tool';
  return subject.kind === 'mcp' && text.trim() !== '' ? 'tool' : 'other';
}
