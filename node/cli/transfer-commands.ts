import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { planImportOrThrow, serializeBundle, summarizePlan, type ImportPlan } from '../../core/index.js';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { describeErrno, describeJsonError } from '../fs/errno.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { UsageError } from './errors.js';

export function addTransferCommands(program: Command): void {
  program
    .command('export')
    .description('write the whole store as a web4-trust-store bundle (the format the extension imports)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (options: { out?: string; store?: string }) => {
      const ctx = await createContext(options.store, { reads: true });
      const bundle = await ctx.store.exportBundle();
      const text = serializeBundle(bundle);
      if (options.out === undefined || options.out === '-') {
        ctx.out(text);
        return;
      }
      writeFileAtomicSync(path.resolve(options.out), text);
      ctx.err(`Exported ${bundle.entities.length} entities to ${options.out}\n`);
    });

  program
    .command('import')
    .description('import a bundle, an array of entities or one entity: shows the plan, then applies it')
    .argument('<file>', 'JSON file to import, or - for stdin')
    .option('--merge', 'keep the newer of each entity and union witness lists (default)')
    .option('--replace', 'make the store equal to the file')
    .option('--dry-run', 'show the plan without applying it')
    .option('--json', 'machine-readable output')
    .action(async (file: string, options: { merge?: boolean; replace?: boolean; dryRun?: boolean; json?: boolean; store?: string }) => {
      if (options.merge && options.replace) throw new UsageError('give at most one of --merge and --replace');
      const mode = options.replace ? 'replace' : 'merge';
      const ctx = await createContext(options.store);
      const input = readJson(file);
      const plan = options.dryRun
        ? planImportOrThrow(await ctx.store.list(), input, mode)
        : await ctx.store.importBundle(input, mode);
      if (options.json) {
        const { mode: planMode, ...ids } = summarizePlan(plan);
        ctx.out(toJsonText({ mode: planMode, dry_run: options.dryRun === true, ...ids }));
      }
      else printPlan(ctx, file, plan, options.dryRun === true);
      if (plan.rejected.length) {
        throw new Error(`${plan.rejected.length} of the entities in ${file} were rejected${options.dryRun ? '' : '; the others were imported'}`);
      }
    });
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${file}: ${describeErrno(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: ${describeJsonError(error, text)}`);
  }
}

function printPlan(ctx: CommandContext, file: string, plan: ImportPlan, dryRun: boolean): void {
  const { style } = ctx;
  const ids = summarizePlan(plan);
  const row = (label: string, list: string[], show = true) =>
    `  ${label.padEnd(10)}${String(list.length).padStart(6)}${show && list.length ? `  ${list.slice(0, 5).join(', ')}${list.length > 5 ? ', …' : ''}` : ''}\n`;
  ctx.out(`${style.bold(`Import ${file}`)} (${plan.mode}) into ${ctx.store.location}\n`);
  ctx.out(row('added', ids.added) + row('updated', ids.updated) + row('unchanged', ids.unchanged, false) + row('removed', ids.removed));
  ctx.out(`  ${'rejected'.padEnd(10)}${String(plan.rejected.length).padStart(6)}\n`);
  for (const r of plan.rejected) ctx.out(style.red(`    ${r.message}\n`));
  ctx.out(dryRun ? 'Dry run: nothing was changed.\n' : 'Applied.\n');
}
