import type { Command } from 'commander';
import { compareIds, type EntityListRow } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { createContext, writeJsonText } from './context.js';
import { duration, percent, reportOfRow, score, shortTime, type EntityReport } from './entity-view.js';
import { levelOf, oneOf } from './parse-options.js';

const SORTS = ['trust', 'recent', 'name', 'latency', 'failures'] as const;

const byName = (a: EntityListRow, b: EntityListRow) => compareIds(a.entity_id, b.entity_id);
const ORDER: Record<(typeof SORTS)[number], (a: EntityListRow, b: EntityListRow) => number> = {
  trust: (a, b) => b.t3_average - a.t3_average || byName(a, b),
  // Never active last.
  recent: (a, b) => (a.last_activity === b.last_activity ? byName(a, b)
    : a.last_activity === null ? 1 : b.last_activity === null ? -1 : b.last_activity - a.last_activity),
  name: byName,
  // Slowest (p95) first; never timed last.
  latency: (a, b) => (b.latency_p95_ms ?? -1) - (a.latency_p95_ms ?? -1) || byName(a, b),
  // Most failed calls first, then the worst recent rate.
  failures: (a, b) => b.call_failures - a.call_failures || (b.recent_failure_rate ?? -1) - (a.recent_failure_rate ?? -1) || byName(a, b),
};

export function addListCommand(program: Command): void {
  program
    .command('list')
    .description('list the entities in the store')
    .option('--type <type>', 'only entities of this type (mcp, session, role, …)')
    .option('--level <level>', 'only entities at this trust level (high, medium-high, medium, low, minimal)')
    .option('--sort <order>', 'trust (highest first), recent (latest activity first), name, latency (slowest p95 first) or failures (most failed calls first)', 'trust')
    .option('--json', 'machine-readable output')
    .action(async (options: { type?: string; level?: string; sort?: string; json?: boolean; store?: string }) => {
      const level = levelOf(options.level);
      const sort = oneOf('--sort', options.sort, SORTS, 'trust');
      const ctx = await createContext(options.store, { reads: true });
      // Trust as it stands now (every read is), one row per entity kept and nothing else: a store
      // of 100,000 files lists in bounded memory.
      const shown: EntityListRow[] = [];
      let total = 0;
      const problems = await ctx.store.scanSummaries({ type: options.type }, (row) => {
        total++;
        if (level === undefined || row.trust_level === level) shown.push(row);
      });
      shown.sort(ORDER[sort]);
      if (options.json) {
        writeJsonText(ctx.out, { store: ctx.store.location, entities: shown, problems }, 'entities', reportOfRow);
        return;
      }
      for (const { path, problem } of problems) ctx.err(ctx.errStyle.yellow(`warning: skipped ${path}: ${problem}\n`));
      if (shown.length === 0) {
        ctx.out(`No entities${total ? ' match' : ` in ${ctx.store.location}`}.\n`);
        return;
      }
      const { style } = ctx;
      // Call figures only where the hooks recorded calls: most stores hold sessions too.
      const calls = shown.some((e) => e.calls > 0) ? [
        { header: 'CALLS', value: (e: EntityReport) => (e.calls ? String(e.calls) : '—'), align: 'right' as const },
        { header: 'FAILED', value: (e: EntityReport) => (e.calls ? String(e.call_failures) : '—'), align: 'right' as const },
        { header: 'P95', value: (e: EntityReport) => duration(e.latency_p95_ms), align: 'right' as const },
      ] : [];
      ctx.out(formatTable(shown.map(reportOfRow), [
        { header: 'ENTITY', value: (e) => e.entity_id },
        { header: 'LEVEL', value: (e) => e.trust_level, style: (text, e) => style.level(text, e.trust_level) },
        { header: 'T3', value: (e) => score(e.t3_average), align: 'right' },
        { header: 'V3', value: (e) => score(e.v3_average), align: 'right' },
        { header: 'ACTIONS', value: (e) => String(e.action_count), align: 'right' },
        { header: 'SUCCESS', value: (e) => (e.action_count ? percent(e.success_rate) : '—'), align: 'right' },
        { header: 'WITNESSED', value: (e) => String(e.witness_count), align: 'right' },
        ...calls,
        { header: 'LAST ACTIVITY', value: (e) => shortTime(e.last_activity) },
      ], style.bold));
    });
}
