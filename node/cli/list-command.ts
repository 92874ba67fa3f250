import type { Command } from 'commander';
import { compareIds, type EntityTrust } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { createContext, toJsonText } from './context.js';
import { percent, score, shortTime, reportOf } from './entity-view.js';
import { levelOf, oneOf } from './parse-options.js';

const SORTS = ['trust', 'recent', 'name'] as const;

const ORDER: Record<(typeof SORTS)[number], (a: EntityTrust, b: EntityTrust) => number> = {
  trust: (a, b) => b.t3Average - a.t3Average || compareIds(a.entityId, b.entityId),
  recent: (a, b) => (b.lastActivity ?? -Infinity) - (a.lastActivity ?? -Infinity) || compareIds(a.entityId, b.entityId),
  name: (a, b) => compareIds(a.entityId, b.entityId),
};

export function addListCommand(program: Command): void {
  program
    .command('list')
    .description('list the entities in the store')
    .option('--type <type>', 'only entities of this type (mcp, session, role, …)')
    .option('--level <level>', 'only entities at this trust level (high, medium-high, medium, low, minimal)')
    .option('--sort <order>', 'trust (highest first), recent (latest activity first) or name', 'trust')
    .option('--json', 'machine-readable output')
    .action(async (options: { type?: string; level?: string; sort?: string; json?: boolean; store?: string }) => {
      const level = levelOf(options.level);
      const sort = oneOf('--sort', options.sort, SORTS, 'trust');
      const ctx = createContext(options.store, { reads: true });
      // Trust as it stands now (every read is): decayed since each last activity, whether or not a sweep ran.
      const { entities, problems } = await ctx.store.scan({ type: options.type });
      const shown = entities.filter((e) => level === undefined || e.trustLevel === level).sort(ORDER[sort]);
      if (options.json) {
        ctx.out(toJsonText({ store: ctx.store.dir, entities: shown.map(reportOf), problems }));
        return;
      }
      for (const { path, problem } of problems) ctx.err(ctx.errStyle.yellow(`warning: skipped ${path}: ${problem}\n`));
      if (shown.length === 0) {
        ctx.out(`No entities${entities.length ? ' match' : ` in ${ctx.store.dir}`}.\n`);
        return;
      }
      const { style } = ctx;
      ctx.out(formatTable(shown, [
        { header: 'ENTITY', value: (e) => e.entityId },
        { header: 'LEVEL', value: (e) => e.trustLevel, style: (text, e) => style.level(text, e.trustLevel) },
        { header: 'T3', value: (e) => score(e.t3Average), align: 'right' },
        { header: 'V3', value: (e) => score(e.v3Average), align: 'right' },
        { header: 'ACTIONS', value: (e) => String(e.actionCount), align: 'right' },
        { header: 'SUCCESS', value: (e) => (e.actionCount ? percent(e.successRate) : '—'), align: 'right' },
        { header: 'WITNESSED', value: (e) => String(e.witnessCount), align: 'right' },
        { header: 'LAST ACTIVITY', value: (e) => shortTime(e.lastActivity) },
      ], style.bold));
    });
}
