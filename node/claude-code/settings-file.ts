import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { describeErrno, isErrno } from '../fs/errno.js';
import { isRecord, withOurHooks, withoutOurHooks, type HookSetup, type Settings } from './our-hooks.js';

// Claude Code's settings files: ~/.claude/settings.json (user), .claude/settings.json (project,
// committed by teams) and .claude/settings.local.json (local: this project on this machine only).

export const SETTINGS_SCOPES = ['user', 'project', 'local'] as const;
export type SettingsScope = (typeof SETTINGS_SCOPES)[number];

export function settingsPath(scope: SettingsScope, cwd = process.cwd(), home = os.homedir()): string {
  if (scope === 'user') return path.join(home, '.claude', 'settings.json');
  return path.join(cwd, '.claude', scope === 'project' ? 'settings.json' : 'settings.local.json');
}

export interface SettingsChange {
  file: string;
  changed: boolean;
  /** Copy of the settings as they were, when the file existed and changed. */
  backup?: string;
}

/** Puts our hooks into the settings file as `setup` asks, after backing it up; when they are already so, changes nothing. */
export function installHooks(file: string, setup: HookSetup, now = new Date()): SettingsChange {
  return editSettings(file, (settings) => withOurHooks(settings, setup), now);
}

export function uninstallHooks(file: string, now = new Date()): SettingsChange {
  return editSettings(file, withoutOurHooks, now);
}

function editSettings(
  file: string,
  edit: (settings: Settings) => { settings: Settings; changed: boolean },
  now: Date,
): SettingsChange {
  const text = readIfExists(file);
  const settings = text === undefined ? {} : parseSettings(text, file);
  const { settings: next, changed } = edit(settings);
  if (!changed) return { file, changed };
  let backup: string | undefined;
  if (text !== undefined) {
    backup = `${file}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
    fs.copyFileSync(file, backup);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomicSync(file, `${JSON.stringify(next, null, 2)}\n`);
  return backup === undefined ? { file, changed } : { file, changed, backup };
}

/** The settings in `file`: undefined when there is no such file; throws when it cannot be used. */
export function readSettings(file: string): Settings | undefined {
  const text = readIfExists(file);
  return text === undefined ? undefined : parseSettings(text, file);
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw new Error(`cannot read ${file}: ${describeErrno(error)}`);
  }
}

/** Parses a settings file, refusing shapes Claude Code would not accept rather than guessing. */
function parseSettings(text: string, file: string): Settings {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}); it was left unchanged`);
  }
  if (!isRecord(value)) throw new Error(`${file} does not hold a JSON object; it was left unchanged`);
  if (value.hooks !== undefined) {
    if (!isRecord(value.hooks)) throw new Error(`${file}: "hooks" is not an object; it was left unchanged`);
    for (const [event, groups] of Object.entries(value.hooks)) {
      const valid = Array.isArray(groups) && groups.every((g) => isRecord(g) && Array.isArray(g.hooks));
      if (!valid) throw new Error(`${file}: hooks.${event} is not a list of { matcher, hooks: [...] }; it was left unchanged`);
    }
  }
  return value;
}
