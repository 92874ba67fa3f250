import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from './atomic-write.js';

// Claude Code reads hooks from `.claude/settings.json` (project) or `~/.claude/settings.json` (user):
// { "hooks": { "<Event>": [ { "matcher": "<tool regex>", "hooks": [ { "type": "command", "command": "…" } ] } ] } }

export type SettingsScope = 'project' | 'user';

/** The events we hook, and the `web4-trust hook` argument of each. */
const OUR_EVENTS = { PreToolUse: 'pre-tool-use', PostToolUse: 'post-tool-use' } as const;
type OurEvent = keyof typeof OUR_EVENTS;

/** Every MCP tool, and only those. */
export const MCP_MATCHER = 'mcp__.*';
/** Seconds Claude Code gives the hook; it needs milliseconds, 2 s at worst waiting for a lock. */
const HOOK_TIMEOUT_SECONDS = 10;

const OURS = /(?:^|[\s/'"])web4-trust(?:\.mjs)?['"]?\s+hook\s+(?:pre|post)-tool-use(?:\s|$)/;

interface HookCommand {
  type: string;
  command?: string;
  [field: string]: unknown;
}
interface MatcherGroup {
  matcher?: string;
  hooks: HookCommand[];
  [field: string]: unknown;
}
type Settings = Record<string, unknown>;

export function settingsPath(scope: SettingsScope, cwd = process.cwd(), home = os.homedir()): string {
  return scope === 'user' ? path.join(home, '.claude', 'settings.json') : path.join(cwd, '.claude', 'settings.json');
}

export function isOurCommand(command: unknown): boolean {
  return typeof command === 'string' && OURS.test(command);
}

/** The settings fragment that installs our hooks; `base` is how to run web4-trust, e.g. `web4-trust`. */
export function hooksSnippet(base = 'web4-trust'): { hooks: Record<OurEvent, MatcherGroup[]> } {
  const group = (event: OurEvent): MatcherGroup[] => [
    { matcher: MCP_MATCHER, hooks: [{ type: 'command', command: `${base} hook ${OUR_EVENTS[event]}`, timeout: HOOK_TIMEOUT_SECONDS }] },
  ];
  return { hooks: { PreToolUse: group('PreToolUse'), PostToolUse: group('PostToolUse') } };
}

/** Adds our hooks where they are missing; everything else stays as it was. */
export function withOurHooks(settings: Settings, base = 'web4-trust'): { settings: Settings; changed: boolean } {
  const next = structuredClone(settings);
  const hooks = (next.hooks ??= {}) as Record<string, unknown>;
  const snippet = hooksSnippet(base).hooks;
  let changed = false;
  for (const event of Object.keys(OUR_EVENTS) as OurEvent[]) {
    const groups = (hooks[event] ??= []) as MatcherGroup[];
    if (groups.some((g) => g.hooks.some((h) => isOurCommand(h.command)))) continue;
    groups.push(...snippet[event]);
    changed = true;
  }
  return { settings: next, changed };
}

/** Removes our hook commands, and the groups and events that only held them. */
export function withoutOurHooks(settings: Settings): { settings: Settings; changed: boolean } {
  const next = structuredClone(settings);
  const hooks = next.hooks as Record<string, MatcherGroup[]> | undefined;
  let changed = false;
  for (const event of Object.keys(hooks ?? {})) {
    const groups = hooks![event]!;
    if (!Array.isArray(groups)) continue;
    const kept = groups.flatMap((group) => {
      if (!Array.isArray(group?.hooks)) return [group];
      const others = group.hooks.filter((h) => !isOurCommand(h?.command));
      if (others.length === group.hooks.length) return [group];
      changed = true;
      return others.length ? [{ ...group, hooks: others }] : [];
    });
    if (kept.length) hooks![event] = kept;
    else delete hooks![event];
  }
  if (hooks && Object.keys(hooks).length === 0) delete next.hooks;
  return { settings: next, changed };
}

export interface SettingsChange {
  file: string;
  changed: boolean;
  /** Copy of the settings as they were, when the file existed and changed. */
  backup?: string;
}

/** Adds our hooks to the settings file, after backing it up; running it again changes nothing. */
export function installHooks(file: string, base = 'web4-trust', now = new Date()): SettingsChange {
  return editSettings(file, (settings) => withOurHooks(settings, base), now);
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
  return { file, changed, backup };
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
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
  if (!isObject(value)) throw new Error(`${file} does not hold a JSON object; it was left unchanged`);
  if (value.hooks !== undefined) {
    if (!isObject(value.hooks)) throw new Error(`${file}: "hooks" is not an object; it was left unchanged`);
    for (const [event, groups] of Object.entries(value.hooks)) {
      const valid = Array.isArray(groups) && groups.every((g) => isObject(g) && Array.isArray(g.hooks));
      if (!valid) throw new Error(`${file}: hooks.${event} is not a list of { matcher, hooks: [...] }; it was left unchanged`);
    }
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
