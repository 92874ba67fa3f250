import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { hooksSnippet, installHooks, settingsPath, uninstallHooks, type SettingsScope } from '../claude-settings.js';
import { hookMain } from '../hook/hook-main.js';
import { toJsonText } from './context.js';
import { UsageError } from './errors.js';

interface ScopeOptions {
  project?: boolean;
  user?: boolean;
  command?: string;
}

export function addHookCommands(program: Command): void {
  const hooks = program
    .command('hooks')
    .description('add or remove the Claude Code hooks that record MCP tool outcomes');
  const scoped = (name: string, description: string) =>
    hooks
      .command(name)
      .description(description)
      .option('--user', 'in ~/.claude/settings.json, for every project (default)')
      .option('--project', 'in .claude/settings.json of the current folder');

  scoped('install', 'add the PreToolUse and PostToolUse hooks (keeps every other setting; backs the file up first)')
    .option('--command <cmd>', 'how Claude Code should run web4-trust (default: web4-trust if it is on PATH, else node and this script)')
    .action((options: ScopeOptions) => {
      const result = installHooks(settingsPath(scopeOf(options)), options.command ?? commandBase());
      report(result.changed ? `Installed the web4-trust hooks in ${result.file}` : `The web4-trust hooks are already in ${result.file}`, result.backup);
    });

  scoped('uninstall', 'remove our hooks, and only ours')
    .action((options: ScopeOptions) => {
      const result = uninstallHooks(settingsPath(scopeOf(options)));
      report(result.changed ? `Removed the web4-trust hooks from ${result.file}` : `No web4-trust hooks in ${result.file}`, result.backup);
    });

  hooks
    .command('print')
    .description('print the settings snippet, to add by hand')
    .option('--command <cmd>', 'how Claude Code should run web4-trust', 'web4-trust')
    .action((options: { command: string }) => {
      process.stdout.write(toJsonText(hooksSnippet(options.command)));
    });

  program
    .command('hook')
    .description('run as a Claude Code hook: reads the hook JSON on stdin, and always exits 0')
    .argument('<event>', 'post-tool-use or pre-tool-use')
    .action(async (event: string, options: { store?: string }) => {
      await hookMain(options.store ? [event, '--store', options.store] : [event]);
    });
}

function scopeOf(options: ScopeOptions): SettingsScope {
  if (options.user && options.project) throw new UsageError('give at most one of --user and --project');
  return options.project ? 'project' : 'user';
}

function report(message: string, backup: string | undefined): void {
  process.stdout.write(`${message}.${backup ? ` The previous file is at ${backup}.` : ''}\n`);
}

/** `web4-trust` when that name on PATH runs this very script; otherwise node with its full path. */
function commandBase(): string {
  const script = process.argv[1] ? fs.realpathSync(process.argv[1]) : '';
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      if (dir && fs.realpathSync(path.join(dir, 'web4-trust')) === script) return 'web4-trust';
    } catch {
      // Not in this folder.
    }
  }
  return `node '${script.replace(/'/g, `'\\''`)}'`;
}
