import { TrustFormatError, at, describeValue } from './errors.js';
import { formatTimestamp, parseTimestamp, type EpochMs } from './time.js';

// What the hooks saw of an entity's calls (an MCP server's tools, a subagent role's runs): counts,
// recent latency, failure kinds and retry loops. It is evidence beside the trust scores, never an
// input to them. At rest it is the entity's `call_evidence` field: upstream tools drop it when they
// rewrite a file (an unknown field to them), we keep it. Every part is bounded, so that an entity's
// JSON, which every call rewrites, stays small: ~3 KB with 100 calls on one tool, under 12 KB at the
// 32-tool cap.

/** Why a call failed, from Claude Code's error text (see the hooks' `failureKindOf`). */
export const FAILURE_KINDS = ['timeout', 'unreachable', 'protocol', 'tool', 'denied', 'other'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** One finished call, as a hook records it. */
export interface CallRecord {
  /** The tool's name within its server (`create_issue`), or the subagent tool (`Task`). */
  tool: string;
  success: boolean;
  /** For a failure. */
  failureKind?: FailureKind;
  /** Wall time from PreToolUse to PostToolUse; absent when the start was not seen. */
  durationMs?: number;
  /** The third or later identical call in a row (same tool, same input) in its session. */
  retryLoop?: boolean;
}

/** The latencies and outcomes kept per entity: the window that p50, p95 and the recent failure rate describe. */
export const RECENT_CALLS = 100;
/** The latencies kept per tool. */
export const RECENT_TOOL_CALLS = 20;
/** The tools kept per entity: the most recently called (a server with more tools loses its stalest rows). */
export const MAX_TOOLS = 32;
/** The failures listed per entity, newest last. */
export const RECENT_FAILURES = 10;
export const MAX_TOOL_NAME_LENGTH = 128;
/** A call longer than this (a day) is a clock problem, not a latency. */
export const MAX_DURATION_MS = 86_400_000;

export interface FailureNote {
  readonly at: string;
  readonly tool: string;
  readonly kind: FailureKind;
}

export interface ToolEvidence {
  readonly calls: number;
  readonly failures: number;
  /** Milliseconds, oldest first, at most `RECENT_TOOL_CALLS`. */
  readonly latency_ms: readonly number[];
  readonly last_call: string;
  readonly last_failure?: { readonly at: string; readonly kind: FailureKind };
}

/** `call_evidence` at rest (frozen in memory: entities share it until one records a call). */
export interface CallEvidence {
  readonly calls: number;
  readonly failures: number;
  /** The last `RECENT_CALLS` outcomes, oldest first: `1` succeeded, `0` failed. */
  readonly recent_outcomes: string;
  /** Milliseconds of the last calls whose start was seen, oldest first, at most `RECENT_CALLS`. */
  readonly latency_ms: readonly number[];
  readonly failure_kinds: Readonly<Partial<Record<FailureKind, number>>>;
  readonly recent_failures: readonly FailureNote[];
  readonly retry_loops: number;
  readonly last_retry_loop?: { readonly at: string; readonly tool: string };
  /** By tool name. */
  readonly tools: Readonly<Record<string, ToolEvidence>>;
}

/** What lists and summaries show of an entity's calls. */
export interface CallStats {
  calls: number;
  call_failures: number;
  /** Failed share of the last `RECENT_CALLS` calls, or null before any call. */
  recent_failure_rate: number | null;
  /** Over the last `RECENT_CALLS` calls whose start was seen, or null when none was. */
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  retry_loops: number;
}

export const NO_CALL_STATS: Readonly<CallStats> = Object.freeze({
  calls: 0, call_failures: 0, recent_failure_rate: null, latency_p50_ms: null, latency_p95_ms: null, retry_loops: 0,
});

export interface ToolStats {
  tool: string;
  calls: number;
  failures: number;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  last_call: string;
  last_failure: { at: string; kind: FailureKind } | null;
}

/** Throws before anything changes unless `call` is a call a hook could have seen. */
export function assertCallRecord(call: CallRecord): void {
  // Operations also come from files (the pending queue): nothing is assumed.
  if (typeof call !== 'object' || (call as unknown) === null) throw new TypeError('a call must be an object');
  const problem = toolNameProblem(call.tool);
  if (problem !== undefined) throw new RangeError(`call tool: ${problem}`);
  if (typeof call.success !== 'boolean') throw new TypeError(`call success must be true or false, got ${describeValue(call.success)}`);
  if (call.failureKind !== undefined && !isFailureKind(call.failureKind)) {
    throw new RangeError(`call failure kind must be one of ${FAILURE_KINDS.join(', ')}, got ${describeValue(call.failureKind)}`);
  }
  if (call.durationMs !== undefined && !isDuration(call.durationMs)) {
    throw new RangeError(`call duration must be whole milliseconds from 0 to ${MAX_DURATION_MS}, got ${describeValue(call.durationMs)}`);
  }
  if (call.retryLoop !== undefined && typeof call.retryLoop !== 'boolean') {
    throw new TypeError(`call retryLoop must be true or false, got ${describeValue(call.retryLoop)}`);
  }
}

/** `evidence` with one more call at `now` (a new object: evidence is never changed in place). */
export function withCall(evidence: CallEvidence | undefined, call: CallRecord, now: EpochMs): CallEvidence {
  const when = formatTimestamp(now);
  const e = evidence ?? EMPTY;
  const failed = !call.success;
  const kind = failed ? call.failureKind ?? 'other' : undefined;
  // Own properties only: a tool may be called `constructor` or `__proto__`.
  const tool = Object.hasOwn(e.tools, call.tool) ? e.tools[call.tool] : undefined;
  const others = Object.entries(e.tools).filter(([name]) => name !== call.tool);
  // Last in key order: keys run from the stalest tool to the latest, and the stalest go first.
  const tools = Object.fromEntries([...others.slice(Math.max(0, others.length + 1 - MAX_TOOLS)), [call.tool, {
    calls: counted(tool?.calls ?? 0),
    failures: failed ? counted(tool?.failures ?? 0) : tool?.failures ?? 0,
    latency_ms: pushed(tool?.latency_ms ?? [], call.durationMs, RECENT_TOOL_CALLS),
    last_call: when,
    ...(kind ? { last_failure: { at: when, kind } } : tool?.last_failure ? { last_failure: tool.last_failure } : {}),
  } satisfies ToolEvidence]]);
  const next: CallEvidence = {
    calls: counted(e.calls),
    failures: failed ? counted(e.failures) : e.failures,
    recent_outcomes: (e.recent_outcomes + (failed ? '0' : '1')).slice(-RECENT_CALLS),
    latency_ms: pushed(e.latency_ms, call.durationMs, RECENT_CALLS),
    failure_kinds: kind ? { ...e.failure_kinds, [kind]: counted(e.failure_kinds[kind] ?? 0) } : e.failure_kinds,
    recent_failures: kind ? [...e.recent_failures, { at: when, tool: call.tool, kind }].slice(-RECENT_FAILURES) : e.recent_failures,
    retry_loops: call.retryLoop ? counted(e.retry_loops) : e.retry_loops,
    ...(call.retryLoop ? { last_retry_loop: { at: when, tool: call.tool } } : e.last_retry_loop ? { last_retry_loop: e.last_retry_loop } : {}),
    tools,
  };
  return deepFreeze(next);
}

const EMPTY: CallEvidence = deepFreeze({
  calls: 0, failures: 0, recent_outcomes: '', latency_ms: [], failure_kinds: {}, recent_failures: [], retry_loops: 0, tools: {},
});

export function callStatsOf(evidence: CallEvidence | undefined): CallStats {
  if (evidence === undefined) return { ...NO_CALL_STATS };
  const recent = evidence.recent_outcomes;
  const failedRecently = recent.length - recent.replaceAll('0', '').length;
  return {
    calls: evidence.calls,
    call_failures: evidence.failures,
    recent_failure_rate: recent.length === 0 ? null : failedRecently / recent.length,
    latency_p50_ms: percentile(evidence.latency_ms, 0.5),
    latency_p95_ms: percentile(evidence.latency_ms, 0.95),
    retry_loops: evidence.retry_loops,
  };
}

/** Each tool's figures, the most called first (ties by name). */
export function toolStatsOf(evidence: CallEvidence | undefined): ToolStats[] {
  if (evidence === undefined) return [];
  return Object.entries(evidence.tools)
    .map(([tool, t]) => ({
      tool,
      calls: t.calls,
      failures: t.failures,
      latency_p50_ms: percentile(t.latency_ms, 0.5),
      latency_p95_ms: percentile(t.latency_ms, 0.95),
      last_call: t.last_call,
      last_failure: t.last_failure ? { ...t.last_failure } : null,
    }))
    .sort((a, b) => b.calls - a.calls || (a.tool < b.tool ? -1 : a.tool > b.tool ? 1 : 0));
}

/** The nearest-rank percentile (a latency that was measured, never an interpolated one), or null. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function isFailureKind(value: unknown): value is FailureKind {
  return (FAILURE_KINDS as readonly unknown[]).includes(value);
}

/** Why `name` cannot be a tool name, or undefined. */
export function toolNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name === '') return `expected a non-empty name, got ${describeValue(name)}`;
  if (name.length > MAX_TOOL_NAME_LENGTH) return `a tool name has at most ${MAX_TOOL_NAME_LENGTH} characters, got ${name.length}`;
  // Control characters would reach terminals and Claude's context.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a tool name has no control characters';
  return undefined;
}

// --- Reading `call_evidence` ----------------------------------------------------------------------

/** Reads `call_evidence` strictly: every count, window, name and time is checked, with its JSON path. */
export function readCallEvidence(value: unknown, path: string): CallEvidence {
  const o = record(value, path);
  const calls = count(o, path, 'calls');
  const failures = count(o, path, 'failures');
  if (failures > calls) fail(at(path, 'failures'), `${failures} failures of ${calls} calls`);
  const recent = o.recent_outcomes;
  if (typeof recent !== 'string' || !/^[01]*$/.test(recent) || recent.length > RECENT_CALLS) {
    fail(at(path, 'recent_outcomes'), `expected up to ${RECENT_CALLS} characters 0 or 1, got ${describeValue(recent)}`);
  }
  const kinds = record(o.failure_kinds, at(path, 'failure_kinds'));
  const failureKinds: Partial<Record<FailureKind, number>> = {};
  for (const kind of Object.keys(kinds)) {
    if (!isFailureKind(kind)) fail(at(at(path, 'failure_kinds'), kind), `not a failure kind (${FAILURE_KINDS.join(', ')})`);
    failureKinds[kind] = count(kinds, at(path, 'failure_kinds'), kind);
  }
  const recentFailures = list(o, path, 'recent_failures', RECENT_FAILURES).map((item, i) => {
    const where = at(at(path, 'recent_failures'), i);
    const note = record(item, where);
    return { at: time(note, where, 'at'), tool: toolName(note, where, 'tool'), kind: failureKind(note, where, 'kind') };
  });
  const toolEntries = Object.entries(record(o.tools, at(path, 'tools')));
  if (toolEntries.length > MAX_TOOLS) fail(at(path, 'tools'), `${toolEntries.length} tools; at most ${MAX_TOOLS} are kept`);
  const tools = Object.fromEntries(toolEntries.map(([name, item]) => {
    const where = at(at(path, 'tools'), name);
    const problem = toolNameProblem(name);
    if (problem !== undefined) fail(where, problem);
    return [name, readToolEvidence(item, where)];
  }));
  const evidence: CallEvidence = {
    calls,
    failures,
    recent_outcomes: recent as string,
    latency_ms: latencies(o, path, 'latency_ms', RECENT_CALLS),
    failure_kinds: failureKinds,
    recent_failures: recentFailures,
    retry_loops: count(o, path, 'retry_loops'),
    ...(o.last_retry_loop === undefined ? {} : { last_retry_loop: readRetryLoop(o.last_retry_loop, at(path, 'last_retry_loop')) }),
    tools,
  };
  return deepFreeze(evidence);
}

function readToolEvidence(value: unknown, path: string): ToolEvidence {
  const o = record(value, path);
  const calls = count(o, path, 'calls');
  const failures = count(o, path, 'failures');
  if (failures > calls) fail(at(path, 'failures'), `${failures} failures of ${calls} calls`);
  let lastFailure: ToolEvidence['last_failure'];
  if (o.last_failure !== undefined) {
    const note = record(o.last_failure, at(path, 'last_failure'));
    lastFailure = { at: time(note, at(path, 'last_failure'), 'at'), kind: failureKind(note, at(path, 'last_failure'), 'kind') };
  }
  return {
    calls,
    failures,
    latency_ms: latencies(o, path, 'latency_ms', RECENT_TOOL_CALLS),
    last_call: time(o, path, 'last_call'),
    ...(lastFailure ? { last_failure: lastFailure } : {}),
  };
}

function readRetryLoop(value: unknown, path: string): { at: string; tool: string } {
  const o = record(value, path);
  return { at: time(o, path, 'at'), tool: toolName(o, path, 'tool') };
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `expected an object, got ${describeValue(value)}`);
  return value as Record<string, unknown>;
}

function count(o: Record<string, unknown>, path: string, field: string): number {
  const value = o[field];
  if (Number.isSafeInteger(value) && (value as number) >= 0) return value as number;
  return fail(at(path, field), `expected a whole number from 0, got ${describeValue(value)}`);
}

function list(o: Record<string, unknown>, path: string, field: string, max: number): unknown[] {
  const value = o[field];
  if (!Array.isArray(value)) fail(at(path, field), `expected an array, got ${describeValue(value)}`);
  if (value.length > max) fail(at(path, field), `${value.length} items; at most ${max} are kept`);
  return value;
}

function latencies(o: Record<string, unknown>, path: string, field: string, max: number): number[] {
  return list(o, path, field, max).map((value, i) => {
    if (!isDuration(value)) fail(at(at(path, field), i), `expected whole milliseconds from 0 to ${MAX_DURATION_MS}, got ${describeValue(value)}`);
    return value;
  });
}

function time(o: Record<string, unknown>, path: string, field: string): string {
  const value = o[field];
  if (typeof value === 'string' && parseTimestamp(value) !== undefined) return value;
  return fail(at(path, field), `expected an ISO 8601 time, got ${describeValue(value)}`);
}

function toolName(o: Record<string, unknown>, path: string, field: string): string {
  const problem = toolNameProblem(o[field]);
  if (problem !== undefined) fail(at(path, field), problem);
  return o[field] as string;
}

function failureKind(o: Record<string, unknown>, path: string, field: string): FailureKind {
  const value = o[field];
  if (isFailureKind(value)) return value;
  return fail(at(path, field), `expected one of ${FAILURE_KINDS.join(', ')}, got ${describeValue(value)}`);
}

function isDuration(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_DURATION_MS;
}

function pushed(values: readonly number[], value: number | undefined, max: number): readonly number[] {
  return value === undefined ? values : [...values, value].slice(-max);
}

function counted(n: number): number {
  return n < Number.MAX_SAFE_INTEGER ? n + 1 : n;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function fail(path: string, problem: string): never {
  throw new TrustFormatError(path, problem);
}
