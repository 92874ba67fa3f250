import type { Command } from 'commander';
import { DEFAULT_DECAY, DEFAULT_SWEEP_RULE, sweepEntity } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { createContext, toJsonText } from './context.js';
import { score } from './entity-view.js';
import { sweepRuleOf } from './parse-options.js';

export function addDecayCommand(program: Command): void {
  program
    .command('decay')
    .description('write decayed scores back to the files (every read already shows them) and remove idle sessions')
    .option('--min-change <score>', 'rewrite an entity only when a score moved by at least this much', String(DEFAULT_SWEEP_RULE.minChange))
    .option('--keep-sessions <days>', 'remove session entities idle longer than this ("forever" keeps them)', String(DEFAULT_SWEEP_RULE.sessionRetentionDays))
    .option('--dry-run', 'show what would change without writing')
    .option('--json', 'machine-readable output')
    .action(async (options: { minChange?: string; keepSessions?: string; dryRun?: boolean; json?: boolean; store?: string }) => {
      const rule = sweepRuleOf(options.minChange, options.keepSessions);
      const ctx = createContext(options.store, { reads: true, sweep: rule });
      const now = Date.now();
      // The stored numbers, which is what a sweep changes (reads would show them decayed already).
      const { entities, problems } = await ctx.store.scan({ stored: true });
      const planned = entities.map((before) => {
        const after = before.clone();
        return { before, after, action: sweepEntity(after, now, DEFAULT_DECAY, rule) };
      });
      const changes = planned.filter(({ action }) => action === 'write');
      const removals = planned.filter(({ action }) => action === 'remove').map(({ after }) => after.entityId);
      let summary = { scanned: entities.length, changed: changes.length, removed: removals.length };
      if (!options.dryRun) summary = await ctx.store.sweepDecay(now);
      else for (const { path, problem } of problems) ctx.err(`warning: skipped ${path}: ${problem}\n`);
      if (options.json) {
        ctx.out(toJsonText({
          dry_run: options.dryRun === true,
          ...summary,
          entities: changes.map(({ before, after }) => ({
            entity_id: after.entityId, t3_before: before.t3Average, t3_after: after.t3Average,
            v3_before: before.v3Average, v3_after: after.v3Average,
          })),
          removed_ids: removals,
        }));
        return;
      }
      if (changes.length) {
        ctx.out(formatTable(changes, [
          { header: 'ENTITY', value: ({ after }) => after.entityId },
          { header: 'STORED T3', value: ({ before, after }) => `${score(before.t3Average)} → ${score(after.t3Average)}` },
          { header: 'STORED V3', value: ({ before, after }) => `${score(before.v3Average)} → ${score(after.v3Average)}` },
        ], ctx.style.bold));
      }
      ctx.out(`${options.dryRun ? 'Dry run: would write' : 'Wrote'} the decayed scores of ${summary.changed} of ${summary.scanned} entities` +
        ` (those that moved by at least ${rule.minChange}); ${options.dryRun ? 'would remove' : 'removed'} ${summary.removed} idle ${plural(summary.removed, 'session')}.` +
        `${options.dryRun ? ' Nothing was written.' : ''}\n`);
    });
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
