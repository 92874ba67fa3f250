import type { Command } from 'commander';
import {
  DIMENSIONS, callStatsOf, toolStatsOf, type ChainLink, type EntityTrust, type WitnessingChain,
} from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { FileTrustStore } from '../store/file-store.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { duration, percent, score, shortTime } from './entity-view.js';
import { depthOf } from './parse-options.js';

export function addShowCommand(program: Command): void {
  program
    .command('show')
    .description('show one entity: its scores, counters and witnessing chain')
    .argument('<id>', 'entity id, e.g. mcp:filesystem')
    .option('--depth <n>', 'how deep to follow the witnessing chain', '3')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: { depth?: string; json?: boolean; store?: string }) => {
      const depth = depthOf(options.depth);
      const ctx = await createContext(options.store, { reads: true });
      // Trust as it stands now (every read is): decayed since the last activity, whether or not a sweep ran.
      const entity = await ctx.store.getExisting(id);
      if (!entity) throw new Error(`no entity ${JSON.stringify(id)} in ${ctx.store.location}`);
      const chain = await ctx.store.witnessingChain(id, depth);
      // A folder store shows the entity's file; a database, the server.
      const where = ctx.store instanceof FileTrustStore ? { file: ctx.store.pathOf(id) } : { store: ctx.store.location };
      if (options.json) {
        ctx.out(toJsonText({
          entity: entity.toJSON(),
          t3_average: entity.t3Average,
          v3_average: entity.v3Average,
          trust_level: entity.trustLevel,
          success_rate: entity.successRate,
          calls: callReport(entity),
          ...where,
          chain,
        }));
        return;
      }
      const { style } = ctx;
      const lines = [
        `${style.bold(entity.entityId)}  ${style.level(entity.trustLevel, entity.trustLevel)}  T3 ${score(entity.t3Average)}  V3 ${score(entity.v3Average)}`,
        style.dim(where.file ?? where.store),
        '',
      ];
      ctx.out(`${lines.join('\n')}\n`);
      ctx.out(formatTable(DIMENSIONS.map((d) => d), [
        { header: 'DIMENSION', value: (d) => d },
        { header: 'SCORE', value: (d) => score(entity.score(d)), align: 'right' },
        { header: 'OBSERVATIONS', value: (d) => String(entity.observations(d)), align: 'right' },
        { header: 'CONFIDENCE', value: (d) => percent(entity.confidence(d)), align: 'right' },
      ], style.bold));
      const facts: [string, string][] = [
        ['actions', `${entity.actionCount} (${entity.successCount} succeeded, ${entity.actionCount ? percent(entity.successRate) : '—'})`],
        ['witnessed', `${entity.witnessCount} ${entity.witnessCount === 1 ? 'time' : 'times'}`],
        ['created', shortTime(entity.createdAt)],
        ['last action', shortTime(entity.lastAction)],
        ['last activity', shortTime(entity.lastActivity)],
      ];
      facts.push(...callFacts(entity));
      ctx.out(`\n${facts.map(([k, v]) => `${k.padEnd(14)}${v}`).join('\n')}\n\n`);
      printCalls(ctx, entity);
      printChain(ctx, chain, depth);
    });
}

/** The call figures of `show --json`: the list's, each tool's and the recent failures; null before any call. */
function callReport(entity: EntityTrust) {
  const evidence = entity.callEvidence;
  if (evidence === undefined) return null;
  return {
    ...callStatsOf(evidence),
    failure_kinds: { ...evidence.failure_kinds },
    last_retry_loop: evidence.last_retry_loop ?? null,
    tools: toolStatsOf(evidence),
    recent_failures: evidence.recent_failures.map((f) => ({ ...f })),
  };
}

function callFacts(entity: EntityTrust): [string, string][] {
  const evidence = entity.callEvidence;
  if (evidence === undefined) return [];
  const stats = callStatsOf(evidence);
  const recent = evidence.recent_outcomes.length;
  const kinds = Object.entries(evidence.failure_kinds).map(([kind, n]) => `${kind} ${n}`).join(', ');
  const facts: [string, string][] = [
    ['calls', `${stats.calls} (${stats.call_failures} failed${kinds ? `: ${kinds}` : ''}; ` +
      `${percent(stats.recent_failure_rate ?? 0)} of the last ${recent} failed)`],
    ['latency', stats.latency_p50_ms === null ? '— (no call was timed)'
      : `p50 ${duration(stats.latency_p50_ms)}, p95 ${duration(stats.latency_p95_ms)} (last ${evidence.latency_ms.length} timed calls)`],
  ];
  if (evidence.last_retry_loop) {
    facts.push(['retry loops', `${stats.retry_loops} (last: ${evidence.last_retry_loop.tool}, ${shortTime(evidence.last_retry_loop.at)})`]);
  }
  return facts;
}

/** Each tool's figures and the recent failures, when the hooks recorded calls. */
function printCalls(ctx: CommandContext, entity: EntityTrust): void {
  const evidence = entity.callEvidence;
  if (evidence === undefined) return;
  const { style } = ctx;
  ctx.out(formatTable(toolStatsOf(evidence), [
    { header: 'TOOL', value: (t) => t.tool },
    { header: 'CALLS', value: (t) => String(t.calls), align: 'right' },
    { header: 'FAILED', value: (t) => String(t.failures), align: 'right' },
    { header: 'P50', value: (t) => duration(t.latency_p50_ms), align: 'right' },
    { header: 'P95', value: (t) => duration(t.latency_p95_ms), align: 'right' },
    { header: 'LAST FAILURE', value: (t) => (t.last_failure ? `${t.last_failure.kind}, ${shortTime(t.last_failure.at)}` : '—') },
  ], style.bold));
  if (evidence.recent_failures.length > 0) {
    ctx.out(`\n${style.bold('Recent failures')} (newest last):\n`);
    for (const f of evidence.recent_failures) ctx.out(`  ${shortTime(f.at)}  ${f.tool}  ${f.kind}\n`);
  }
  ctx.out('\n');
}

/** Prints the witnessing chain both ways, one link per line, indented by depth. */
export function printChain(ctx: CommandContext, chain: WitnessingChain, depth: number): void {
  const { style } = ctx;
  ctx.out(`${style.bold('Witnessing chain')} (depth ${depth}): transitive trust ${score(chain.transitive_trust)}, ` +
    `aggregate witness trust ${score(chain.aggregate_witness_trust)}\n`);
  const section = (title: string, links: ChainLink[]) => {
    ctx.out(`  ${title}:${links.length ? '' : ' none'}\n`);
    for (const link of links) {
      ctx.out(`${'  '.repeat(link.depth + 1)}${link.entity_id}  ${style.level(link.trust_level, link.trust_level)}  T3 ${score(link.t3_average)}\n`);
    }
  };
  section('witnessed by', chain.witnessed_by);
  section('has witnessed', chain.has_witnessed);
}
