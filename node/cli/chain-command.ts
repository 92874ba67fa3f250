import type { Command } from 'commander';
import { createContext, toJsonText } from './context.js';
import { depthOf } from './parse-options.js';
import { printChain } from './show-command.js';

export function addChainCommand(program: Command): void {
  program
    .command('chain')
    .description("show who witnessed an entity and whom it witnessed, breadth-first")
    .argument('<id>', 'entity id')
    .option('--depth <n>', 'levels to follow (1 = direct links only)', '3')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: { depth?: string; json?: boolean; store?: string }) => {
      const depth = depthOf(options.depth);
      const ctx = await createContext(options.store, { reads: true });
      if (!(await ctx.store.exists(id))) throw new Error(`no entity ${JSON.stringify(id)} in ${ctx.store.location}`);
      const chain = await ctx.store.witnessingChain(id, depth);
      if (options.json) ctx.out(toJsonText(chain));
      else printChain(ctx, chain, depth);
    });
}
