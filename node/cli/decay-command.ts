import type { Command } from 'commander';
import { DEFAULT_DECAY } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { createContext, toJsonText } from './context.js';
import { score } from './entity-view.js';

export function addDecayCommand(program: Command): void {
  program
    .command('decay')
    .description('bring every entity to its decayed state now (time-consistent: running it often changes nothing extra)')
    .option('--dry-run', 'show what would change without writing')
    .option('--json', 'machine-readable output')
    .action(async (options: { dryRun?: boolean; json?: boolean; store?: string }) => {
      const ctx = createContext(options.store, { reads: true });
      const now = Date.now();
      const { entities, problems } = await ctx.store.scan();
      const changes = entities.flatMap((before) => {
        const after = before.clone();
        return after.decayTo(now, DEFAULT_DECAY) ? [{ before, after }] : [];
      });
      let changed = changes.length;
      let scanned = entities.length;
      if (!options.dryRun) ({ scanned, changed } = await ctx.store.sweepDecay(now));
      else for (const { path, problem } of problems) ctx.err(`warning: skipped ${path}: ${problem}\n`);
      if (options.json) {
        ctx.out(toJsonText({
          dry_run: options.dryRun === true,
          scanned,
          changed,
          entities: changes.map(({ before, after }) => ({
            entity_id: after.entityId, t3_before: before.t3Average, t3_after: after.t3Average,
            v3_before: before.v3Average, v3_after: after.v3Average,
          })),
        }));
        return;
      }
      if (changes.length) {
        ctx.out(formatTable(changes, [
          { header: 'ENTITY', value: ({ after }) => after.entityId },
          { header: 'T3', value: ({ before, after }) => `${score(before.t3Average)} → ${score(after.t3Average)}` },
          { header: 'V3', value: ({ before, after }) => `${score(before.v3Average)} → ${score(after.v3Average)}` },
        ], ctx.style.bold));
      }
      ctx.out(options.dryRun
        ? `Dry run: ${changed} of ${scanned} entities would change; nothing was written.\n`
        : `Decayed ${changed} of ${scanned} entities.\n`);
    });
}
