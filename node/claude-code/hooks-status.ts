import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { defaultStoreDir, hookErrorLogPath } from '../paths.js';
import { CLAUDE_EVENT_OF, HOOK_EVENTS } from '../hook/run-hook.js';
import { hookEntries, isOtherWeb4Command, isOurCommand, isRecord, type Settings } from './our-hooks.js';
import { SETTINGS_SCOPES, readSettings, settingsPath, type SettingsScope } from './settings-file.js';

// What `hooks status`, `hooks install` and `doctor` say about the hooks: where ours are installed,
// whether their commands run, where they write, and what else would record the same calls.

export interface InstalledHook {
  event: string;
  command: string;
  /** What `<command base> --version` printed, or why it did not run. */
  runs: { ok: true; version: string } | { ok: false; problem: string };
}

export interface ScopeStatus {
  scope: SettingsScope;
  file: string;
  /** Why the file could not be read, if it could not. */
  problem?: string;
  hooks: InstalledHook[];
  /** Our events with no hook in this scope. */
  missing: string[];
  /** The store folder the hooks write to. */
  store?: string;
  /** Commands of other web4 tools (the Python plugin), and web4 plugins enabled here. */
  otherWeb4: string[];
}

export interface HooksStatus {
  scopes: ScopeStatus[];
  /** The last lines of the hook error log of each store written to. */
  errorLog: { file: string; lastLines: string[] }[];
}

export interface StatusOptions {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Whether to run each command with `--version` (slower). */
  run?: boolean;
}

const LOG_LINES = 5;

/** Our hooks in each of `scopes`, without running anything. */
export function scopeStatus(scope: SettingsScope, { cwd, home, env }: StatusOptions): ScopeStatus {
  const file = settingsPath(scope, cwd, home);
  let settings: Settings | undefined;
  try {
    settings = readSettings(file);
  } catch (error) {
    return { scope, file, problem: (error as Error).message, hooks: [], missing: [], otherWeb4: [] };
  }
  const entries = settings ? hookEntries(settings) : [];
  const ours = entries.filter((e) => isOurCommand(e.command.command));
  const hooks = ours.map((e) => ({ event: e.event, command: e.command.command as string, runs: { ok: false as const, problem: 'not checked' } }));
  const installed = new Set(ours.map((e) => e.event));
  const missing = ours.length === 0 ? [] : HOOK_EVENTS.map((h) => CLAUDE_EVENT_OF[h]).filter((event) => !installed.has(event));
  const otherWeb4 = entries.filter((e) => isOtherWeb4Command(e.command.command)).map((e) => `${e.event}: ${e.command.command as string}`);
  const plugins = settings && isRecord(settings.enabledPlugins) ? settings.enabledPlugins : {};
  for (const [plugin, enabled] of Object.entries(plugins)) if (enabled === true && /web4/i.test(plugin)) otherWeb4.push(`plugin ${plugin}`);
  const status: ScopeStatus = { scope, file, hooks, missing, otherWeb4 };
  if (ours.length > 0) status.store = storeOf(ours[0]!.command.command as string, env);
  return status;
}

/** Every scope's status; with `run`, each distinct command is run once with `--version`. */
export async function hooksStatus(options: StatusOptions): Promise<HooksStatus> {
  const scopes = SETTINGS_SCOPES.map((scope) => scopeStatus(scope, options));
  if (options.run) {
    const checks = new Map<string, Promise<InstalledHook['runs']>>();
    for (const hook of scopes.flatMap((s) => s.hooks)) {
      const base = commandBase(hook.command);
      if (!checks.has(base)) checks.set(base, runVersion(base, options));
      hook.runs = await checks.get(base)!;
    }
  }
  const stores = [...new Set(scopes.flatMap((s) => (s.store ? [s.store] : [])))];
  const errorLog = stores.map((store) => ({ file: hookErrorLogPath(store), lastLines: lastLines(hookErrorLogPath(store), LOG_LINES) }));
  return { scopes, errorLog };
}

/** The part of a hook command before ` hook <event>`. */
export function commandBase(command: string): string {
  return command.replace(/\s+hook\s+\S+.*$/, '');
}

/** The store a hook command writes to: its `--store`, else the default for this environment. */
function storeOf(command: string, env: NodeJS.ProcessEnv): string {
  const match = /\s--store\s+(?:'([^']*)'|"([^"]*)"|(\S+))/.exec(command);
  const given = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return given ? path.resolve(given) : defaultStoreDir(env);
}

const execFileAsync = promisify(execFile);

/** Runs `<base> --version` through the shell, as Claude Code runs hooks. */
async function runVersion(base: string, { cwd, env }: StatusOptions): Promise<InstalledHook['runs']> {
  try {
    const { stdout } = await execFileAsync('/bin/sh', ['-c', `${base} --version`], {
      cwd, env: { ...env, CLAUDE_PROJECT_DIR: cwd }, timeout: 15_000, encoding: 'utf8',
    });
    return { ok: true, version: stdout.trim() };
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number | string };
    const said = (stderr ?? '').trim().split('\n').pop();
    return { ok: false, problem: said || `exit code ${String(code)}` };
  }
}

function lastLines(file: string, n: number): string[] {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n);
  } catch {
    return [];
  }
}

/** Warnings for an install in `scope`: our hooks in another scope too, or another web4 tool hooked in. */
export function duplicateWarnings(scope: SettingsScope, options: StatusOptions): string[] {
  const warnings: string[] = [];
  const file = settingsPath(scope, options.cwd, options.home);
  for (const other of SETTINGS_SCOPES.map((s) => scopeStatus(s, options))) {
    if (other.file !== file && other.hooks.length > 0) {
      warnings.push(`the web4-trust hooks are also in ${other.file}: every call would be recorded twice (remove them with: web4-trust hooks uninstall --${other.scope})`);
    }
    for (const command of other.otherWeb4) {
      warnings.push(`${other.file} also runs another web4 tool (${command}): it would witness every MCP call a second time`);
    }
  }
  return warnings;
}
