import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { TRUST_LEVELS, type TrustLevel } from '../../core/index.js';
import { assertPortable, hookCommandBase } from '../claude-code/hook-command.js';
import { duplicateWarnings, hooksStatus, type HooksStatus, type StatusOptions } from '../claude-code/hooks-status.js';
import { commandBaseProblem, hooksSnippet, type HookSetup } from '../claude-code/our-hooks.js';
import { SETTINGS_SCOPES, installHooks, settingsPath, uninstallHooks, type SettingsScope } from '../claude-code/settings-file.js';
import { hookMain } from '../hook/hook-main.js';
import { HOOK_EVENTS, RECORD_MODES, type RecordMode } from '../hook/run-hook.js';
import { toJsonText } from './context.js';
import { prepareDatabase } from './store-commands.js';
import { isPostgresUrl } from '../postgres/settings.js';
import { chooseStore } from '../store/store-choice.js';
import { EXIT_FAILED, UsageError } from './errors.js';
import { styleFor } from './style.js';

interface ScopeOptions {
  user?: boolean;
  project?: boolean;
  local?: boolean;
}
interface SetupOptions extends ScopeOptions {
  command?: string;
  record?: string;
  askBelow?: string;
}

export function addHookCommands(program: Command): void {
  const hooks = program
    .command('hooks')
    .description('add, check or remove the Claude Code hooks that record what MCP servers and subagents do');
  const scoped = (name: string, description: string) =>
    hooks
      .command(name)
      .description(description)
      .option('--user', 'in ~/.claude/settings.json, for every project (default)')
      .option('--project', 'in .claude/settings.json of the current folder (committed, shared with your team)')
      .option('--local', 'in .claude/settings.local.json of the current folder (this machine only)');
  const withSetup = (command: Command) =>
    command
      .option('--command <cmd>', 'how Claude Code should run web4-trust (default: found for the scope)')
      .option('--record <what>', `what a finished call records: ${RECORD_MODES.join(', ')}`, 'both')
      .option('--ask-below <level>', `ask before calls to an entity at or below this level (${TRUST_LEVELS.join(', ')})`);

  withSetup(scoped('install', 'add or repair our SessionStart, PreToolUse, PostToolUse and PostToolUseFailure hooks (keeps every other setting; backs the file up first)'))
    .action(async (options: SetupOptions) => {
      const scope = oneScope(options);
      const where = statusOptions();
      const result = installHooks(settingsPath(scope, where.cwd, where.home), setupFor(scope, options));
      report(result.changed ? `Installed the web4-trust hooks in ${result.file}` : `The web4-trust hooks are already in ${result.file}, as asked`, result.backup);
      for (const warning of duplicateWarnings(scope, where)) process.stderr.write(`warning: ${warning}\n`);
      // Hooks on a PostgreSQL store need its tables: made (or upgraded) now rather than by the first call.
      const { store } = chooseStore(undefined);
      if (isPostgresUrl(store)) await prepareDatabase(store);
    });

  scoped('uninstall', 'remove our hooks, and only ours, from every scope given')
    .action((options: ScopeOptions) => {
      const where = statusOptions();
      for (const scope of scopesOf(options)) {
        const result = uninstallHooks(settingsPath(scope, where.cwd, where.home));
        report(result.changed ? `Removed the web4-trust hooks from ${result.file}` : `No web4-trust hooks in ${result.file}`, result.backup);
      }
    });

  withSetup(hooks.command('print').description('print the settings snippet, to add by hand'))
    .action((options: SetupOptions) => {
      process.stdout.write(toJsonText(hooksSnippet(setupFor('user', options))));
    });

  hooks
    .command('status')
    .description('where the hooks are installed, whether they run, the store they write to, and their last errors')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const status = await hooksStatus({ ...statusOptions(), run: true });
      process.stdout.write(options.json ? toJsonText(status) : formatStatus(status));
      if (!status.scopes.some((s) => s.hooks.length > 0)) process.exitCode = EXIT_FAILED;
    });

  program
    .command('hook')
    .description('run as a Claude Code hook: reads the hook JSON on stdin, and always exits 0')
    .argument('<event>', HOOK_EVENTS.join(', '))
    .option('--record <what>', `what a finished call records: ${RECORD_MODES.join(', ')}`)
    .option('--ask-below <level>', 'PreToolUse asks before calls to an entity at or below this level')
    .action(async (event: string, options: { store?: string; record?: string; askBelow?: string }) => {
      const args = [event];
      if (options.store) args.push('--store', options.store);
      if (options.record) args.push('--record', options.record);
      if (options.askBelow) args.push('--ask-below', options.askBelow);
      await hookMain(args);
    });
}

export function statusOptions(): StatusOptions {
  return { cwd: process.cwd(), home: os.homedir(), env: process.env };
}

function setupFor(scope: SettingsScope, options: SetupOptions): HookSetup {
  const record = options.record ?? 'both';
  if (!(RECORD_MODES as readonly string[]).includes(record)) throw new UsageError(`--record must be one of ${RECORD_MODES.join(', ')}`);
  const askBelow = options.askBelow;
  if (askBelow !== undefined && !(TRUST_LEVELS as readonly string[]).includes(askBelow)) {
    throw new UsageError(`--ask-below must be one of ${TRUST_LEVELS.join(', ')}`);
  }
  const setup: HookSetup = { base: baseFor(scope, options.command), record: record as RecordMode };
  if (askBelow !== undefined) setup.askBelow = askBelow as TrustLevel;
  return setup;
}

/** The command base for `scope`; when none would last, `hookCommandBase` says why (exit code 1). */
function baseFor(scope: SettingsScope, command: string | undefined): string {
  if (command === undefined) {
    const script = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
    return hookCommandBase(scope, { script, pathEnv: process.env.PATH ?? '', cwd: process.cwd() });
  }
  const problem = commandBaseProblem(command);
  if (problem !== undefined) throw new UsageError(problem);
  if (scope === 'project') assertPortable(command);
  return command;
}

function scopesOf(options: ScopeOptions): SettingsScope[] {
  const given = SETTINGS_SCOPES.filter((scope) => options[scope]);
  return given.length > 0 ? given : ['user'];
}

function oneScope(options: ScopeOptions): SettingsScope {
  const scopes = scopesOf(options);
  if (scopes.length > 1) throw new UsageError('give at most one of --user, --project and --local');
  return scopes[0]!;
}

function report(message: string, backup: string | undefined): void {
  process.stdout.write(`${message}.${backup ? ` The previous file is at ${backup}.` : ''}\n`);
}

/** `hooks status` for people: one block per scope, then the error log. */
export function formatStatus(status: HooksStatus, style = styleFor(process.stdout)): string {
  const lines: string[] = [];
  for (const scope of status.scopes) {
    lines.push(`${style.bold(scope.scope)}  ${scope.file}`);
    if (scope.problem) lines.push(`  ${style.red(`cannot read: ${scope.problem}`)}`);
    else if (scope.hooks.length === 0) lines.push('  no web4-trust hooks');
    for (const hook of scope.hooks) {
      const runs = hook.runs.ok ? style.green(`runs (${hook.runs.version})`) : style.red(`does not run: ${hook.runs.problem}`);
      lines.push(`  ${hook.event.padEnd(18)} ${hook.command}  ${runs}`);
    }
    if (scope.missing.length) lines.push(`  ${style.red(`missing: ${scope.missing.join(', ')}`)} (repair with: web4-trust hooks install --${scope.scope})`);
    if (scope.store) lines.push(`  store: ${scope.store}`);
    for (const other of scope.otherWeb4) lines.push(`  ${style.red(`also records MCP calls: ${other}`)}`);
  }
  for (const log of status.errorLog) {
    lines.push(`${style.bold('hook errors')}  ${log.file}`);
    lines.push(...(log.lastLines.length ? log.lastLines.map((line) => `  ${line}`) : ['  none']));
  }
  return `${lines.join('\n')}\n`;
}
