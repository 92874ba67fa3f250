// The detail view's calls: what the Claude Code hooks saw of an entity's calls (counts, latency,
// failures by kind, retry loops, each tool's figures), kept beside its trust scores and never an
// input to them.
import { i18n } from '#i18n';
import { Fragment } from 'preact';
import { failureKindLabel } from '@/components/labels.js';
import { FAILURE_KINDS, callStatsOf, toolStatsOf, type CallEvidence } from '@/core/index.js';
import { formatCount, formatDateTime, formatDuration, formatPercent, formatRelativeTime } from '@/utils/pages/format.js';
import { Stat } from './stat.js';

const duration = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

export function CallsSection({ evidence, now }: { evidence: CallEvidence; now: number }) {
  const stats = callStatsOf(evidence);
  const recent = evidence.recent_outcomes.length;
  const timed = evidence.latency_ms.length;
  // The Failed figure's tooltip, kinds in the core's order: "Timed out: 3 · Error from the tool: 1".
  const kinds = FAILURE_KINDS.flatMap((kind) => {
    const n = evidence.failure_kinds[kind] ?? 0;
    return n ? [i18n.t('calls.kindCount', [failureKindLabel(kind), formatCount(n)])] : [];
  }).join(' · ');
  const loop = evidence.last_retry_loop;

  return (
    <section class="calls" aria-labelledby="calls-title">
      <h3 id="calls-title">{i18n.t('calls.title')}</h3>
      <dl class="stats">
        <Stat label={i18n.t('calls.calls')} value={formatCount(stats.calls)} />
        <Stat label={i18n.t('calls.failed')} value={formatCount(stats.call_failures)} hint={kinds || undefined} />
        <Stat label={i18n.t('calls.successRate')}
          value={stats.calls ? formatPercent((stats.calls - stats.call_failures) / stats.calls) : '—'} />
        <Stat label={i18n.t('calls.lastCalls', recent, [formatCount(recent)])}
          value={stats.recent_failure_rate === null ? '—' : i18n.t('calls.failedShare', [formatPercent(stats.recent_failure_rate)])} />
        <Stat label={i18n.t('calls.typicalTime')} value={duration(stats.latency_p50_ms)}
          hint={timed ? i18n.t('calls.typicalTitle', timed, [formatCount(timed)]) : i18n.t('calls.notTimed')} />
        <Stat label={i18n.t('calls.slowCalls')} value={duration(stats.latency_p95_ms)}
          hint={timed ? i18n.t('calls.slowTitle', timed, [formatCount(timed)]) : i18n.t('calls.notTimed')} />
      </dl>
      <p class="muted small retry-loops" title={i18n.t('calls.retryLoopsTitle')}>
        {i18n.t('calls.retryLoops', stats.retry_loops, [formatCount(stats.retry_loops)])}
        {stats.retry_loops > 0 && loop && `, ${i18n.t('calls.lastRetryLoop', [loop.tool, formatRelativeTime(Date.parse(loop.at), now)])}`}
      </p>
      <ToolTable evidence={evidence} />
      <RecentFailures evidence={evidence} now={now} />
    </section>
  );
}

/** Each tool's figures, the most called first. */
function ToolTable({ evidence }: { evidence: CallEvidence }) {
  const tools = toolStatsOf(evidence);
  if (tools.length === 0) return null;
  return (
    <>
      <h4 id="calls-tools-title">{i18n.t('calls.byTool')}</h4>
      <table class="tool-table" aria-labelledby="calls-tools-title">
        <thead>
          <tr>
            <th scope="col">{i18n.t('calls.tool')}</th>
            <th scope="col" class="num">{i18n.t('calls.calls')}</th>
            <th scope="col" class="num">{i18n.t('calls.failed')}</th>
            <th scope="col" class="num"><span title={i18n.t('calls.typicalToolTitle')}>{i18n.t('calls.typical')}</span></th>
            <th scope="col" class="num"><span title={i18n.t('calls.slowToolTitle')}>{i18n.t('calls.slow')}</span></th>
            <th scope="col">{i18n.t('calls.lastFailure')}</th>
          </tr>
        </thead>
        <tbody>
          {tools.map((tool) => (
            <tr key={tool.tool}>
              <th scope="row" class="tool-name"><ToolName name={tool.tool} /></th>
              <td class="num">{formatCount(tool.calls)}</td>
              <td class="num">{formatCount(tool.failures)}</td>
              <td class="num">{duration(tool.latency_p50_ms)}</td>
              <td class="num">{duration(tool.latency_p95_ms)}</td>
              <td>
                {tool.last_failure
                  ? <span title={formatDateTime(Date.parse(tool.last_failure.at))}>{failureKindLabel(tool.last_failure.kind)}</span>
                  : <span class="muted">{i18n.t('calls.noFailure')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A tool name that a narrow column wraps after its separators (`create_` `issue`) rather than mid-word. */
function ToolName({ name }: { name: string }) {
  const parts = name.split(/(?<=[_.-])/);
  return <>{parts.map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>)}</>;
}

/** The last failures, newest first (as the history), each with its tool and why it failed. */
function RecentFailures({ evidence, now }: { evidence: CallEvidence; now: number }) {
  const failures = evidence.recent_failures.slice().reverse();
  return (
    <>
      <h4 id="calls-failures-title">{i18n.t('calls.recentFailures')}</h4>
      {failures.length === 0 ? (
        <p class="muted small">{i18n.t('calls.noFailures')}</p>
      ) : (
        <ol class="history call-failures" aria-labelledby="calls-failures-title">
          {failures.map((failure, i) => {
            const at = Date.parse(failure.at);
            return (
              <li key={i}>
                <span class="history-what"><span class="mono">{failure.tool}</span> · {failureKindLabel(failure.kind)}</span>
                <time class="muted" dateTime={failure.at} title={formatDateTime(at)}>{formatRelativeTime(at, now)}</time>
              </li>
            );
          })}
        </ol>
      )}
    </>
  );
}
