// A store whose entities carry call evidence as the Claude Code hooks record it (the extension records
// none: it arrives with an import), for the popup's Calls section and its failures sort.
import { EntityTrust, createBundle, type CallRecord, type TrustBundle } from '../../../core/index.js';

const MINUTE = 60_000;

/** mcp:github's calls, oldest first, one a minute up to a minute ago. */
const GITHUB_CALLS: CallRecord[] = [
  { tool: 'create_issue', success: true, durationMs: 120 },
  { tool: 'create_issue', success: true, durationMs: 80 },
  { tool: 'search_code', success: false, failureKind: 'unreachable', durationMs: 200 },
  { tool: 'create_issue', success: false, failureKind: 'timeout', durationMs: 30_000 },
  { tool: 'list_issues', success: true, durationMs: 150 },
  { tool: 'list_issues', success: true, durationMs: 90 },
  { tool: 'create_issue', success: true, durationMs: 110 },
  { tool: 'create_issue', success: false, failureKind: 'tool', durationMs: 400, retryLoop: true },
  { tool: 'list_issues', success: true, durationMs: 100 },
  { tool: 'create_issue', success: true, durationMs: 130 },
];

const ok = (tool: string): CallRecord => ({ tool, success: true, durationMs: 50 });

/** Entities by id: their calls, oldest first (none: no call evidence at all). */
const CALLS: Record<string, CallRecord[]> = {
  'mcp:github': GITHUB_CALLS,
  'mcp:flaky': [{ tool: 'ping', success: false, failureKind: 'other' }, { tool: 'ping', success: false, failureKind: 'protocol' }],
  'mcp:filesystem': [ok('read_file'), ok('read_file'), { tool: 'write_file', success: false, failureKind: 'denied' }, ok('read_file')],
  'mcp:steady': [ok('query'), ok('query')],
  'role:reviewer': [],
  'session:abc': [],
};

/** The order of the failures sort: most failed calls, then the worst recent rate, then never called by id. */
export const BY_FAILURES = ['mcp:github', 'mcp:flaky', 'mcp:filesystem', 'mcp:steady', 'role:reviewer', 'session:abc'];

export function callsBundle(now = Date.now()): TrustBundle {
  const entities = Object.entries(CALLS).map(([id, calls]) => {
    const entity = EntityTrust.create(id, now - 60 * MINUTE);
    entity.updateFromOutcome(true, 0.1, now - 30 * MINUTE);
    calls.forEach((call, i) => entity.recordCall(call, now - (calls.length - i) * MINUTE));
    return entity;
  });
  return createBundle(entities, now);
}
