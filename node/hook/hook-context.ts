import {
  RECENT_CALLS, TRUST_LEVELS, compareIds, entityNameOf, isLowTrust, listRowOf,
  type CallStats, type EntityListRow, type FailureKind, type EntityTrust, type TrustLevel,
} from '../../core/index.js';
import { quoted, type CallSubject } from './hook-input.js';

// The words a hook adds to Claude's context. Every name in them comes from hook input or the store,
// so it goes through `quoted`.

/** Claude Code shows at most this much of a SessionStart summary; more would crowd the context. */
export const MAX_SUMMARY_LENGTH = 600;

/** Whether `level` is `threshold` or below it (`minimal` is the lowest). */
export function isAtOrBelow(level: TrustLevel, threshold: TrustLevel): boolean {
  return TRUST_LEVELS.indexOf(level) >= TRUST_LEVELS.indexOf(threshold);
}

function label(kind: CallSubject['kind'], name: string): string {
  return `${kind === 'mcp' ? 'MCP server' : 'subagent'} ${quoted(name)}`;
}

/**
 * `12 calls, 9 succeeded` or, before any outcome, how often it was witnessed; then what is notable
 * in its recent calls (see `recentTrouble`).
 */
function evidence(row: EntityListRow, lastFailure?: FailureKind): string {
  const { action_count: actions, success_count: successes, witness_count: witnesses } = row;
  const counts = actions > 0 ? `${plural(actions, 'call')}, ${successes} succeeded`
    : witnesses > 0 ? `witnessed ${plural(witnesses, 'time')}` : 'no calls recorded';
  const trouble = recentTrouble(row, lastFailure);
  return trouble === undefined ? counts : `${counts}; ${trouble}`;
}

/** How a failure kind reads in Claude's context. */
const FAILURE_WORDS: Record<FailureKind, string> = {
  timeout: 'a timeout',
  unreachable: 'server unreachable',
  protocol: 'a protocol error',
  tool: 'an error from the tool',
  denied: 'denied by the user',
  other: 'another error',
};

/** A recent failure rate below this, or over fewer calls, is not worth Claude's attention. */
export const NOTABLE_FAILURE_RATE = 0.2;
const NOTABLE_AFTER_CALLS = 5;

/**
 * `4 of the last 10 calls failed (last: timeout), 1 retry loop`, or undefined when nothing is
 * notable.
 */
export function recentTrouble(stats: CallStats, lastFailure?: FailureKind): string | undefined {
  const notes: string[] = [];
  const window = Math.min(stats.calls, RECENT_CALLS);
  const rate = stats.recent_failure_rate;
  if (rate !== null && rate >= NOTABLE_FAILURE_RATE && window >= NOTABLE_AFTER_CALLS) {
    const failed = Math.round(rate * window);
    const last = lastFailure ? ` (the last: ${FAILURE_WORDS[lastFailure]})` : '';
    notes.push(`${failed === window ? `all of the last ${window} calls` : `${failed} of the last ${window} calls`} failed${last}`);
  }
  if (stats.retry_loops > 0) notes.push(plural(stats.retry_loops, 'retry loop'));
  return notes.length === 0 ? undefined : notes.join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** PreToolUse context: `Web4 trust in MCP server "github": medium (T3 0.50, V3 0.52); 3 calls, 2 succeeded.` */
export function callContext(subject: CallSubject, entity: EntityTrust): string {
  return `Web4 trust in ${label(subject.kind, subject.name)}: ${entity.trustLevel} ` +
    `(T3 ${entity.t3Average.toFixed(2)}, V3 ${entity.v3Average.toFixed(2)}); ${evidence(listRowOf(entity), entity.callEvidence?.recent_failures.at(-1)?.kind)}.`;
}

/**
 * SessionStart context: the MCP servers and subagent roles on record (their list rows), those at low
 * or minimal trust first (lowest first), then the most recently active, cut to `MAX_SUMMARY_LENGTH`
 * characters. Undefined when there are none.
 */
export function sessionSummary(rows: readonly EntityListRow[]): string | undefined {
  // By id first, so that ties keep one order whatever order the store read them in.
  const entities = [...rows].sort((a, b) => compareIds(a.entity_id, b.entity_id));
  const low = entities.filter((e) => isLowTrust(e.trust_level)).sort((a, b) => a.t3_average - b.t3_average);
  const rest = entities.filter((e) => !isLowTrust(e.trust_level))
    .sort((a, b) => (b.last_activity ?? -Infinity) - (a.last_activity ?? -Infinity));
  const ordered = [...low, ...rest];
  if (ordered.length === 0) return undefined;
  const head = 'Web4 trust on record: ';
  const items: string[] = [];
  for (const [i, entity] of ordered.entries()) {
    const item = `${label(entity.entity_type === 'mcp' ? 'mcp' : 'subagent', entityNameOf(entity.entity_id))} ${entity.trust_level} (${evidence(entity)})`;
    const left = ordered.length - i - 1;
    const tail = left > 0 ? `; and ${left} more.` : '.';
    // Room for this item and, in case later ones do not fit, for "and N more".
    const longestTail = `; and ${ordered.length} more.`.length;
    if ((head + [...items, item].join('; ')).length + (left > 0 ? longestTail : tail.length) > MAX_SUMMARY_LENGTH) {
      return `${head}${items.join('; ')}; and ${ordered.length - i} more.`;
    }
    items.push(item);
  }
  return `${head}${items.join('; ')}.`;
}
