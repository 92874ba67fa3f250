import type { Command } from 'commander';
import { examineStore, quarantine } from '../doctor.js';
import { formatTable } from '../format-table.js';
import { createContext, toJsonText } from './context.js';

export function addDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('find corrupt or foreign files in the store folder (exit code 1 when there are any)')
    .option('--fix', 'move them to the quarantine/ folder, and remove locks of processes that are gone')
    .option('--json', 'machine-readable output')
    .action((options: { fix?: boolean; json?: boolean; store?: string }) => {
      const ctx = createContext(options.store);
      const { entities, findings } = examineStore(ctx.store.dir);
      const fixed = options.fix ? quarantine(ctx.store.dir, findings) : [];
      if (options.json) {
        ctx.out(toJsonText({
          store: ctx.store.dir,
          entities,
          findings: findings.map((f, i) => ({ ...f, ...(fixed[i]?.movedTo ? { moved_to: fixed[i].movedTo } : {}), fixed: i < fixed.length })),
        }));
      } else if (findings.length === 0) {
        ctx.out(`${ctx.store.dir}: ${entities} entities, no problems.\n`);
      } else {
        ctx.out(formatTable(findings, [
          { header: 'KIND', value: (f) => f.kind, style: (text) => ctx.style.red(text) },
          { header: 'FILE', value: (f) => f.path },
          { header: 'PROBLEM', value: (f) => f.problem },
        ], ctx.style.bold));
        ctx.out(options.fix
          ? `Fixed ${findings.length} problems; files were moved to ${ctx.store.dir}/quarantine/. ${entities} entities are fine.\n`
          : `${findings.length} problems, ${entities} entities are fine. Run \`web4-trust doctor --fix\` to move the files to quarantine/.\n`);
      }
      if (findings.length && !options.fix) process.exitCode = 1;
    });
}
