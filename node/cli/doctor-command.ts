import type { Command } from 'commander';
import { hooksStatus, type HooksStatus } from '../claude-code/hooks-status.js';
import { examineStore, quarantine } from '../doctor.js';
import { formatTable } from '../format-table.js';
import { FileTrustStore } from '../store/file-store.js';
import { VERSION } from '../version.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { UsageError } from './errors.js';
import { statusOptions } from './hooks-command.js';

export function addDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check the setup (version, Node, store, hooks) and find corrupt or foreign files in the store (exit code 1 when there are any)')
    .option('--fix', 'move them to the quarantine/ folder, and remove locks of processes that are gone')
    .option('--json', 'machine-readable output')
    .action(async (options: { fix?: boolean; json?: boolean; store?: string }) => {
      const ctx = await createContext(options.store);
      if (!(ctx.store instanceof FileTrustStore)) {
        throw new UsageError(`doctor examines a store folder; ${ctx.store.location} is a PostgreSQL store (\`web4-trust status\` checks it)`);
      }
      const { dir } = ctx.store;
      const { entities, findings } = examineStore(dir);
      const fixed = options.fix ? quarantine(dir, findings) : [];
      const hooks = await hooksStatus({ ...statusOptions(), run: true });
      if (options.json) {
        ctx.out(toJsonText({
          version: VERSION,
          node: process.version,
          store: dir,
          entities,
          hooks: hookSummary(hooks),
          findings: findings.map((f, i) => ({ ...f, ...(fixed[i]?.movedTo ? { moved_to: fixed[i].movedTo } : {}), fixed: i < fixed.length })),
        }));
      } else {
        ctx.out(`web4-trust ${VERSION} · Node ${process.version}\n`);
        printHooks(ctx, hooks);
        printFindings(ctx, entities, findings, options.fix === true);
      }
      if (findings.length && !options.fix) process.exitCode = 1;
    });
}

function hookSummary(status: HooksStatus) {
  return status.scopes.filter((s) => s.hooks.length > 0).map((s) => ({
    scope: s.scope,
    file: s.file,
    events: s.hooks.map((h) => h.event),
    missing: s.missing,
    runs: s.hooks.every((h) => h.runs.ok),
  }));
}

function printHooks(ctx: CommandContext, status: HooksStatus): void {
  const installed = hookSummary(status);
  if (installed.length === 0) ctx.out(`hooks: ${ctx.style.red('not installed')} (run: web4-trust hooks install)\n`);
  for (const hooks of installed) {
    const runs = hooks.runs ? ctx.style.green('they run') : ctx.style.red('they do not run (see: web4-trust hooks status)');
    const missing = hooks.missing.length ? `, ${ctx.style.red(`missing ${hooks.missing.join(', ')}`)}` : '';
    ctx.out(`hooks: ${hooks.scope} ${hooks.file}: ${hooks.events.length} events${missing}, ${runs}\n`);
  }
}

function printFindings(ctx: CommandContext, entities: number, findings: ReturnType<typeof examineStore>['findings'], fix: boolean): void {
  if (findings.length === 0) {
    ctx.out(`store: ${ctx.store.location}: ${entities} entities, no problems.\n`);
    return;
  }
  ctx.out(formatTable(findings, [
    { header: 'KIND', value: (f) => f.kind, style: (text) => ctx.style.red(text) },
    { header: 'FILE', value: (f) => f.path },
    { header: 'PROBLEM', value: (f) => f.problem },
  ], ctx.style.bold));
  ctx.out(fix
    ? `Fixed ${findings.length} problems; files were moved to ${ctx.store.location}/quarantine/. ${entities} entities are fine.\n`
    : `${findings.length} problems, ${entities} entities are fine. Run \`web4-trust doctor --fix\` to move the files to quarantine/.\n`);
}
