import type { Command } from 'commander';
import { DIMENSIONS, type ChainLink, type WitnessingChain } from '../../core/index.js';
import { formatTable } from '../format-table.js';
import { FileTrustStore } from '../store/file-store.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { percent, score, shortTime } from './entity-view.js';
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
      ctx.out(`\n${facts.map(([k, v]) => `${k.padEnd(14)}${v}`).join('\n')}\n\n`);
      printChain(ctx, chain, depth);
    });
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
