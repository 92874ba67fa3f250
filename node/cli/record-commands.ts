import type { Command } from 'commander';
import type { EntityTrust } from '../../core/index.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { score, reportOf } from './entity-view.js';
import { magnitudeOf, outcomeOf } from './parse-options.js';

interface RecordOptions {
  success?: boolean;
  failure?: boolean;
  magnitude?: string;
  json?: boolean;
  store?: string;
}

export function addRecordCommands(program: Command): void {
  program
    .command('update')
    .description("record the outcome of an entity's action")
    .argument('<id>', 'entity id')
    .option('--success', 'the action succeeded')
    .option('--failure', 'the action failed')
    .option('--magnitude <m>', 'how much it counts, 0 to 1', '0.1')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: RecordOptions) => {
      const success = outcomeOf(options);
      const magnitude = magnitudeOf(options.magnitude);
      const ctx = await createContext(options.store);
      // Before, as it stood a moment ago (reads include decay): a success never shows as a drop.
      const before = await ctx.store.get(id);
      const after = await ctx.store.update(id, success, magnitude);
      if (options.json) ctx.out(toJsonText(reportOf(after)));
      else ctx.out(`${success ? 'success' : 'failure'} recorded: ${change(ctx, before, after)}\n`);
    });

  program
    .command('witness')
    .description('record that one entity observed another succeed or fail')
    .argument('<witnessId>', 'the observer, e.g. session:abc')
    .argument('<targetId>', 'the observed entity, e.g. mcp:filesystem')
    .option('--success', 'the target succeeded')
    .option('--failure', 'the target failed')
    .option('--magnitude <m>', 'how much it counts, 0 to 1', '0.1')
    .option('--json', 'machine-readable output')
    .action(async (witnessId: string, targetId: string, options: RecordOptions) => {
      const success = outcomeOf(options);
      const magnitude = magnitudeOf(options.magnitude);
      const ctx = await createContext(options.store);
      const [witnessBefore, targetBefore] = [await ctx.store.get(witnessId), await ctx.store.get(targetId)];
      const [witness, target] = await ctx.store.witness(witnessId, targetId, success, magnitude);
      if (options.json) {
        ctx.out(toJsonText({ witness: reportOf(witness), target: reportOf(target) }));
        return;
      }
      ctx.out(`${success ? 'success' : 'failure'} witnessed:\n  ${change(ctx, targetBefore, target)}\n`);
      ctx.out(`  ${change(ctx, witnessBefore, witness)}\n`);
    });
}

function change(ctx: CommandContext, before: EntityTrust, after: EntityTrust): string {
  const level = ctx.style.level(after.trustLevel, after.trustLevel);
  return `${after.entityId}  T3 ${score(before.t3Average)} → ${score(after.t3Average)}  V3 ${score(before.v3Average)} → ${score(after.v3Average)}  ${level}`;
}
