import { describe, expect, it } from 'vitest';
import {
  EntityTrust, MAX_TOOLS, RECENT_CALLS, RECENT_FAILURES, RECENT_TOOL_CALLS, TrustFormatError, applyOperations,
  assertOperations, callStatsOf, listRowOf, percentile, toolStatsOf, DEFAULT_DECAY, type CallRecord, type FailureKind,
} from '../../core/index.js';

const T = Date.UTC(2026, 11, 1);
const ok = (tool: string, durationMs?: number): CallRecord => ({ tool, success: true, ...(durationMs === undefined ? {} : { durationMs }) });
const failed = (tool: string, failureKind: FailureKind, durationMs?: number): CallRecord =>
  ({ tool, success: false, failureKind, ...(durationMs === undefined ? {} : { durationMs }) });

function serverWith(calls: CallRecord[]): EntityTrust {
  const entity = EntityTrust.create('mcp:github', T);
  calls.forEach((call, i) => entity.recordCall(call, T + i * 1000));
  return entity;
}

describe('recordCall: what an entity keeps of its calls', () => {
  it('counts, latency, failure kinds, recent failures and per-tool rows; the scores do not move', () => {
    const entity = serverWith([ok('create_issue', 120), failed('create_issue', 'timeout', 30_000), ok('search', 80), ok('search')]);
    expect(entity.toJSON().talent).toBe(0.5);
    expect(entity.actionCount).toBe(0);
    expect(callStatsOf(entity.callEvidence)).toEqual({
      calls: 4, call_failures: 1, recent_failure_rate: 0.25, latency_p50_ms: 120, latency_p95_ms: 30_000, retry_loops: 0,
    });
    expect(entity.callEvidence!.recent_failures).toEqual([{ at: '2026-12-01T00:00:01.000Z', tool: 'create_issue', kind: 'timeout' }]);
    expect(entity.callEvidence!.failure_kinds).toEqual({ timeout: 1 });
    expect(toolStatsOf(entity.callEvidence)).toEqual([
      {
        tool: 'create_issue', calls: 2, failures: 1, latency_p50_ms: 120, latency_p95_ms: 30_000, last_call: '2026-12-01T00:00:01.000Z',
        last_failure: { at: '2026-12-01T00:00:01.000Z', kind: 'timeout' },
      },
      // A call without a start seen counts, and adds no latency.
      { tool: 'search', calls: 2, failures: 0, latency_p50_ms: 80, latency_p95_ms: 80, last_call: '2026-12-01T00:00:03.000Z', last_failure: null },
    ]);
  });

  it('a retry loop is counted and the last one named', () => {
    const entity = serverWith([ok('search'), { ...ok('search'), retryLoop: true }]);
    expect(entity.callEvidence!.retry_loops).toBe(1);
    expect(entity.callEvidence!.last_retry_loop).toEqual({ at: '2026-12-01T00:00:01.000Z', tool: 'search' });
  });

  it(`is bounded: the last ${RECENT_CALLS} outcomes and latencies, ${RECENT_TOOL_CALLS} per tool, ${RECENT_FAILURES} failures, ${MAX_TOOLS} tools`, () => {
    const calls: CallRecord[] = [];
    for (let i = 0; i < 300; i++) calls.push(i % 2 ? ok(`tool${i % 40}`, i) : failed(`tool${i % 40}`, 'tool', i));
    const evidence = serverWith(calls).callEvidence!;
    expect(evidence.calls).toBe(300);
    expect(evidence.failures).toBe(150);
    expect(evidence.recent_outcomes).toHaveLength(RECENT_CALLS);
    expect(evidence.latency_ms).toEqual(Array.from({ length: RECENT_CALLS }, (_, i) => 200 + i));
    expect(evidence.recent_failures).toHaveLength(RECENT_FAILURES);
    // The 32 most recently called tools stay: tool0…tool39 were called in turn, so tool28…tool39 and tool0…tool19.
    expect(Object.keys(evidence.tools)).toHaveLength(MAX_TOOLS);
    expect(evidence.tools).not.toHaveProperty('tool20');
    expect(evidence.tools).toHaveProperty('tool19');
    expect(JSON.stringify(evidence).length).toBeLessThan(12_000);
  });

  it('a tool named __proto__ or constructor is an ordinary tool', () => {
    const entity = serverWith([ok('__proto__', 5), ok('constructor', 7), ok('__proto__', 9)]);
    const round = EntityTrust.fromJSON(JSON.parse(JSON.stringify(entity.toJSON())));
    expect(toolStatsOf(round.callEvidence).map((t) => [t.tool, t.calls])).toEqual([['__proto__', 2], ['constructor', 1]]);
    expect(Object.getPrototypeOf(round.callEvidence!.tools)).toBe(Object.prototype);
  });

  it('a clone keeps its own evidence; what toJSON returns can be changed without changing the entity', () => {
    const a = serverWith([ok('search', 10)]);
    const b = a.clone();
    b.recordCall(failed('search', 'unreachable'), T + 5000);
    expect(a.callEvidence!.calls).toBe(1);
    expect(b.callEvidence!.calls).toBe(2);
    const json = a.toJSON();
    (json.call_evidence as { calls: number }).calls = 99;
    expect(a.callEvidence!.calls).toBe(1);
    expect(Object.isFrozen(a.callEvidence!.tools.search!.latency_ms)).toBe(true);
  });

  it('reaches list rows; an entity without calls has none', () => {
    expect(listRowOf(serverWith([failed('a', 'denied', 40)]))).toMatchObject({ calls: 1, call_failures: 1, recent_failure_rate: 1, latency_p95_ms: 40 });
    expect(listRowOf(EntityTrust.create('session:s', T))).toMatchObject({ calls: 0, recent_failure_rate: null, latency_p50_ms: null });
  });

  it('refuses a call that a hook could not have seen, before anything changes', () => {
    const entity = EntityTrust.create('mcp:a', T);
    for (const call of [
      { tool: '', success: true }, { tool: 'x'.repeat(129), success: true }, { tool: 'a\u0007b', success: true },
      { tool: 'a', success: 'yes' }, { tool: 'a', success: false, failureKind: 'boom' }, { tool: 'a', success: true, durationMs: -1 },
      { tool: 'a', success: true, durationMs: 1.5 }, { tool: 'a', success: true, durationMs: 86_400_001 },
    ]) {
      expect(() => entity.recordCall(call as CallRecord, T)).toThrow();
      expect(() => assertOperations([{ kind: 'call', entityId: 'mcp:a', call: call as CallRecord }])).toThrow();
    }
    expect(entity.callEvidence).toBeUndefined();
  });

  it('a call operation applies with the others of its change', () => {
    const a = EntityTrust.create('mcp:a', T);
    applyOperations(new Map([['mcp:a', a]]), [
      { kind: 'outcome', entityId: 'mcp:a', success: false, magnitude: 0.1 },
      { kind: 'call', entityId: 'mcp:a', call: failed('x', 'protocol', 3) },
    ], T + 1, DEFAULT_DECAY);
    expect([a.actionCount, a.callEvidence!.calls, a.callEvidence!.failure_kinds.protocol]).toEqual([1, 1, 1]);
  });
});

describe('percentile: nearest rank, a measured value', () => {
  it('p50 and p95 of known lists', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([4, 1, 3, 2], 0.5)).toBe(2);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect([percentile(hundred, 0.5), percentile(hundred, 0.95)]).toEqual([50, 95]);
  });
});

describe('call_evidence in JSON: read strictly, with the path of a problem', () => {
  const valid = () => serverWith([ok('search', 10), failed('search', 'timeout', 20)]).toJSON();
  const problemOf = (change: (e: Record<string, unknown>) => void) => {
    const json = valid() as unknown as Record<string, unknown>;
    change(json.call_evidence as Record<string, unknown>);
    try {
      EntityTrust.fromJSON(json);
    } catch (error) {
      expect(error).toBeInstanceOf(TrustFormatError);
      return (error as Error).message;
    }
    return 'accepted';
  };

  it('round-trips exactly', () => {
    const json = valid();
    expect(EntityTrust.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
  });

  it('names what is wrong', () => {
    expect(problemOf((e) => (e.calls = -1))).toBe('call_evidence.calls: expected a whole number from 0, got -1');
    expect(problemOf((e) => (e.failures = 3))).toBe('call_evidence.failures: 3 failures of 2 calls');
    expect(problemOf((e) => (e.recent_outcomes = '1x'))).toMatch(/^call_evidence\.recent_outcomes: expected up to 100 characters 0 or 1/);
    expect(problemOf((e) => (e.latency_ms = Array(101).fill(1)))).toBe('call_evidence.latency_ms: 101 items; at most 100 are kept');
    expect(problemOf((e) => (e.failure_kinds = { boom: 1 }))).toMatch(/^call_evidence\.failure_kinds\.boom: not a failure kind/);
    expect(problemOf((e) => ((e.recent_failures as { kind: string }[])[0]!.kind = 'x'))).toMatch(/^call_evidence\.recent_failures\[0\]\.kind: expected one of timeout/);
    expect(problemOf((e) => ((e.tools as Record<string, { last_call: string }>).search!.last_call = 'yesterday'))).toBe(
      'call_evidence.tools.search.last_call: expected an ISO 8601 time, got "yesterday"',
    );
    expect(problemOf((e) => (e.tools = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`t${i}`, {}]))))).toBe(
      'call_evidence.tools: 33 tools; at most 32 are kept',
    );
    expect(problemOf((e) => (e.tools = []))).toBe('call_evidence.tools: expected an object, got an array');
  });
});
