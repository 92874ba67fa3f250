import fs from 'node:fs';
import type { Command } from 'commander';
import type { ChainCheck } from '../audit/audit-chain.js';
import { AuditLog } from '../audit/audit-log.js';
import { auditDir } from '../audit/call-trail.js';
import { isErrno } from '../fs/errno.js';
import { formatTable } from '../format-table.js';
import { toJsonText } from './context.js';
import { duration, shortTime } from './entity-view.js';
import { EXIT_FAILED, UsageError } from './errors.js';
import { styleFor } from './style.js';

// `audit verify` and `audit show`: the hooks' per-session audit trails in ~/.web4/audit/.

interface TrailReport {
  file: string;
  records: number;
  /** Where the chain first breaks, or null when it is whole. */
  broken: { line: number; problem: string } | null;
}

export function addAuditCommands(program: Command): void {
  const audit = program.command('audit').description(`the hash-chained record of every call the hooks saw, one file per session (${auditDir()})`);
  audit
    .command('verify')
    .description('check that trails are unbroken: names the first record that was changed, removed, reordered or cut; exit code 1 if any is')
    .argument('[session]', 'a session id')
    .option('--all', 'every session\'s trail')
    .option('--json', 'machine-readable output')
    .action((session: string | undefined, options: { all?: boolean; json?: boolean }) => {
      const log = new AuditLog(auditDir());
      if ((session === undefined) === (options.all !== true)) throw new UsageError('name one session, or use --all');
      const files = session === undefined ? log.files() : [existingTrail(log, session)];
      const reports = files.map((file) => reportOf(file, log.check(file)));
      if (reports.some((r) => r.broken)) process.exitCode = EXIT_FAILED;
      if (options.json) {
        process.stdout.write(toJsonText({ dir: log.dir, trails: reports }));
        return;
      }
      const style = styleFor(process.stdout);
      if (reports.length === 0) process.stdout.write(`No audit trails in ${log.dir}.\n`);
      for (const r of reports) {
        process.stdout.write(r.broken
          ? `${style.red('broken')}  ${r.file}: line ${r.broken.line}: ${r.broken.problem}\n`
          : `${style.green('ok')}      ${r.file}: ${r.records} ${r.records === 1 ? 'record' : 'records'}, chain unbroken\n`);
      }
    });
  audit
    .command('show')
    .description('print one session\'s trail, in order')
    .argument('<session>', 'a session id')
    .option('--json', 'machine-readable output')
    .action((session: string, options: { json?: boolean }) => {
      const log = new AuditLog(auditDir());
      const file = existingTrail(log, session);
      const { records, broken } = log.check(file);
      if (broken) process.exitCode = EXIT_FAILED;
      if (options.json) {
        process.stdout.write(toJsonText({ session, file, records, broken: broken ?? null }));
        return;
      }
      const style = styleFor(process.stdout);
      process.stdout.write(formatTable(records, [
        { header: 'SEQ', value: (r) => String(r.seq), align: 'right' },
        { header: 'TIME', value: (r) => shortTime(r.at) },
        { header: 'TOOL', value: (r) => r.tool },
        { header: 'AGENT', value: (r) => r.agent ?? '—' },
        { header: 'STATUS', value: (r) => (r.status === 'success' ? 'success' : `failure (${r.failure_kind ?? 'other'})`) },
        { header: 'DURATION', value: (r) => duration(r.duration_ms), align: 'right' },
        { header: 'REPEAT', value: (r) => (r.retry_loop ? `${r.repeat} (retry loop)` : String(r.repeat)), align: 'right' },
      ], style.bold));
      if (broken) process.stderr.write(`${styleFor(process.stderr).red('error')}: ${file}: line ${broken.line}: ${broken.problem}; records after it are not shown\n`);
    });
}

function reportOf(file: string, { records, broken }: ChainCheck): TrailReport {
  return { file, records: records.length, broken: broken ?? null };
}

/** The trail of `session`; a clear error when there is none. */
function existingTrail(log: AuditLog, session: string): string {
  const file = log.fileOf(session);
  try {
    fs.accessSync(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) throw new Error(`no audit trail for session ${JSON.stringify(session)} in ${log.dir}`);
    throw error;
  }
  return file;
}
