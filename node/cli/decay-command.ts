import type { Command } from 'commander';
import { DEFAULT_DECAY, DEFAULT_SWEEP_RULE, sweepEntity, type SweepRule, type SweepSummary } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { score } from './entity-view.js';
import { sweepRuleOf } from './parse-options.js';

export function addDecayCommand(program: Command): void {
  program
    .command('decay')
    .description('write decayed scores back to the files (every read already shows them) and remove idle sessions')
    .option('--min-change <score>', 'rewrite an entity only when a score moved by at least this much', String(DEFAULT_SWEEP_RULE.minChange))
    .option('--keep-sessions <days>', 'remove session entities idle longer than this ("forever" keeps them)', String(DEFAULT_SWEEP_RULE.sessionRetentionDays))
    .option('--dry-run', 'show what would change, entity by entity, without writing')
    .option('--json', 'machine-readable output')
    .action(async (options: { minChange?: string; keepSessions?: string; dryRun?: boolean; json?: boolean; store?: string }) => {
      const rule = sweepRuleOf(options.minChange, options.keepSessions);
      const ctx = await createContext(options.store, { reads: true, sweep: rule });
      if (options.dryRun) {
        await dryRun(ctx, rule, options.json === true);
        return;
      }
      const summary = await ctx.store.sweepDecay();
      ctx.out(options.json ? toJsonText({ dry_run: false, ...summary }) : `${sentence(summary, rule, false)}\n`);
    });
}

/** What a sweep would do now: read as stored, since that is what a sweep changes. */
async function dryRun(ctx: CommandContext, rule: SweepRule, json: boolean): Promise<void> {
  const now = Date.now();
  const { entities, problems } = await ctx.store.scan({ stored: true });
  for (const { path, problem } of problems) ctx.err(`warning: skipped ${path}: ${problem}\n`);
  const planned = entities.map((before) => {
    const after = before.clone();
    return { before, after, action: sweepEntity(after, now, DEFAULT_DECAY, rule) };
  });
  const changes = planned.filter(({ action }) => action === 'write');
  const removed = planned.filter(({ action }) => action === 'remove').map(({ after }) => after.entityId);
  const summary = { scanned: entities.length, changed: changes.length, removed: removed.length };
  if (json) {
    ctx.out(toJsonText({
      dry_run: true,
      ...summary,
      entities: changes.map(({ before, after }) => ({
        entity_id: after.entityId, t3_before: before.t3Average, t3_after: after.t3Average,
        v3_before: before.v3Average, v3_after: after.v3Average,
      })),
      removed_ids: removed,
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
  ctx.out(`${sentence(summary, rule, true)}\n`);
}

function sentence({ scanned, changed, removed }: SweepSummary, rule: SweepRule, dryRun: boolean): string {
  const sessions = `${removed} idle ${removed === 1 ? 'session' : 'sessions'}`;
  return dryRun
    ? `Dry run: would write the decayed scores of ${changed} of ${scanned} entities (those that moved by at least ${rule.minChange}); would remove ${sessions}. Nothing was written.`
    : `Wrote the decayed scores of ${changed} of ${scanned} entities (those that moved by at least ${rule.minChange}); removed ${sessions}.`;
}
