import {
  formatTimestamp, type CallRecord, type EntityFilter, type EntityListRow, type EntityTrust, type TrustLevel, type TrustOperation,
} from '../../core/index.js';
import { RETRY_LOOP_CALLS, sha256, type AuditFields } from '../audit/audit-chain.js';
import type { CallTrail } from '../audit/call-trail.js';
import { failureKindOf } from './failure-kind.js';
import { callContext, isAtOrBelow, sessionSummary } from './hook-context.js';
import {
  agentRoleOf, callResultOf, callSubjectOf, isFlaggedByTool, parseHookInput, sessionEntityOf, toolNameOf,
  type CallSubject, type HookInput,
} from './hook-input.js';

/** The `web4-trust hook <event>` names, one per Claude Code event we handle. */
export const HOOK_EVENTS = ['session-start', 'pre-tool-use', 'post-tool-use', 'post-tool-use-failure'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Claude Code's name of each event. */
export const CLAUDE_EVENT_OF = {
  'session-start': 'SessionStart',
  'pre-tool-use': 'PreToolUse',
  'post-tool-use': 'PostToolUse',
  'post-tool-use-failure': 'PostToolUseFailure',
} as const satisfies Record<HookEvent, string>;

/** How much one call counts, as an outcome and as a witness. */
export const HOOK_MAGNITUDE = 0.1;

/**
 * What a finished call records: an outcome of the called entity (its own action: moves success rate,
 * T3 and level), the session's witness of it (upstream's Python plugin records only this), or both.
 */
export const RECORD_MODES = ['both', 'outcome', 'witness'] as const;
export type RecordMode = (typeof RECORD_MODES)[number];

export interface HookOptions {
  record?: RecordMode;
  /** PreToolUse asks the user to confirm calls to an entity at or below this level (never denies). */
  askBelow?: TrustLevel;
}

/**
 * What a hook needs of a store: reads (showing the state at now), and a list of operations applied as one change, or written
 * down for later when the store is busy (so that Claude Code never waits long and no call is lost).
 */
export interface HookStore {
  getExisting(entityId: string): Promise<EntityTrust | undefined>;
  /** List rows at now (a database computes them from columns, without reading entities whole). */
  scanSummaries(filter: EntityFilter, visit: (row: EntityListRow) => void): Promise<unknown>;
  recordOrQueue(operations: readonly TrustOperation[]): Promise<unknown>;
}

export function isHookEvent(value: unknown): value is HookEvent {
  return (HOOK_EVENTS as readonly unknown[]).includes(value);
}

/**
 * Handles one hook call: `stdinText` is what Claude Code sent. Returns what to print on stdout, if
 * anything. Throws on bad input or a store error; the caller logs it and still exits 0.
 */
export async function runHook(
  event: HookEvent, stdinText: string, store: HookStore, options: HookOptions = {}, trail?: CallTrail,
): Promise<string | undefined> {
  const input = parseHookInput(stdinText);
  if (event === 'session-start') return sessionStart(store, trail);
  const subject = callSubjectOf(input);
  if (subject === undefined) return undefined;
  if (event === 'pre-tool-use') {
    trail?.starts.note(input.tool_use_id, Date.now());
    return preToolUse(subject, store, options.askBelow);
  }
  const result = callResultOf(input, event === 'post-tool-use-failure');
  const now = Date.now();
  const durationMs = trail?.starts.take(input.tool_use_id, now);
  if (result === 'interrupted') return undefined;
  const success = result === 'success';
  const call: CallRecord = { tool: toolNameOf(input, subject), success };
  if (!success) call.failureKind = failureKindOf(input.error, isFlaggedByTool(input), subject);
  if (durationMs !== undefined) call.durationMs = durationMs;
  // The trail is written first: it says whether this call makes a retry loop. Should it fail, the
  // call is still recorded in the store, and the failure reported after.
  let trailError: Error | undefined;
  try {
    const record = trail && (await trail.audit.append(auditFields(input, subject, call, now)));
    // A loop counts once, at its third call.
    if (record?.repeat === RETRY_LOOP_CALLS) call.retryLoop = true;
  } catch (error) {
    trailError = error instanceof Error ? error : new Error(String(error));
  }
  await store.recordOrQueue([
    ...operationsFor(input, subject, success, options.record ?? 'both'),
    { kind: 'call', entityId: subject.entityId, call },
  ]);
  if (trailError !== undefined) throw trailError;
  return undefined;
}

function operationsFor(input: HookInput, subject: CallSubject, success: boolean, mode: RecordMode): TrustOperation[] {
  const operations: TrustOperation[] = [];
  const magnitude = HOOK_MAGNITUDE;
  if (mode !== 'witness') operations.push({ kind: 'outcome', entityId: subject.entityId, success, magnitude });
  if (mode !== 'outcome') {
    const targetId = subject.entityId;
    operations.push({ kind: 'witness', witnessId: sessionEntityOf(input), targetId, success, magnitude });
    // Inside a subagent, its role saw the call too.
    const agent = agentRoleOf(input);
    if (agent !== undefined && agent !== targetId) operations.push({ kind: 'witness', witnessId: agent, targetId, success, magnitude });
  }
  return operations;
}

function auditFields(input: HookInput, subject: CallSubject, call: CallRecord, now: number): AuditFields {
  return {
    at: formatTimestamp(now),
    session_id: sessionEntityOf(input).slice('session:'.length),
    tool: typeof input.tool_name === 'string' ? input.tool_name : '',
    entity: subject.entityId,
    agent: agentRoleOf(input) ?? null,
    status: call.success ? 'success' : 'failure',
    failure_kind: call.failureKind ?? null,
    duration_ms: call.durationMs ?? null,
    input_hash: sha256(JSON.stringify(input.tool_input ?? null)),
    result_hash: sha256(JSON.stringify((call.success ? input.tool_response : input.error ?? input.tool_response) ?? null)),
  };
}

async function preToolUse(
  subject: CallSubject, store: HookStore, askBelow: TrustLevel | undefined,
): Promise<string | undefined> {
  const entity = await store.getExisting(subject.entityId);
  if (!entity) return undefined;
  const context = callContext(subject, entity);
  const ask = askBelow !== undefined && isAtOrBelow(entity.trustLevel, askBelow);
  const decision: Record<string, string> = ask ? { permissionDecision: 'ask', permissionDecisionReason: context } : {};
  return output({ hookEventName: 'PreToolUse', ...decision, additionalContext: context });
}

async function sessionStart(store: HookStore, trail: CallTrail | undefined): Promise<string | undefined> {
  if (trail) {
    const now = Date.now();
    trail.starts.prune(now);
    trail.audit.prune(trail.retentionDays(), now);
  }
  const called: EntityListRow[] = [];
  for (const type of ['mcp', 'role']) await store.scanSummaries({ type }, (row) => called.push(row));
  const summary = sessionSummary(called);
  return summary === undefined ? undefined : output({ hookEventName: 'SessionStart', additionalContext: summary });
}

function output(hookSpecificOutput: Record<string, string>): string {
  return `${JSON.stringify({ hookSpecificOutput })}\n`;
}
