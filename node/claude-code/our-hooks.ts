import type { TrustLevel } from '../../core/index.js';
import { CLAUDE_EVENT_OF, HOOK_EVENTS, type HookEvent, type RecordMode } from '../hook/run-hook.js';

// Our entries in Claude Code's settings:
// { "hooks": { "<Event>": [ { "matcher": "<tool regex>", "hooks": [ { "type": "command", "command": "…" } ] } ] } }

/** MCP tools and subagents (`Task`, `Agent` in newer versions), and nothing else. */
export const TOOL_MATCHER = 'mcp__.*|Task|Agent';
/** Seconds Claude Code gives the hook; it needs milliseconds, 2 s at worst waiting for a lock. */
const HOOK_TIMEOUT_SECONDS = 10;

// Ours: a command that runs web4-trust (`web4-trust`, `…/web4-trust.cjs'`, `npx -y web4-trust@0.2.0`,
// a wrapper with web4-trust in its name) with `hook <event>`. The name is how we find our entries again.
const OURS = new RegExp(`web4-trust.*\\shook\\s+(?:${HOOK_EVENTS.join('|')})(?:\\s|$)`);
// Other web4 tools hooked into Claude Code (the web4 Python governance plugin's scripts).
const OTHER_WEB4 = /web4/i;

export interface HookCommand {
  type: string;
  command?: string;
  [field: string]: unknown;
}
export interface MatcherGroup {
  matcher?: string;
  hooks: HookCommand[];
  [field: string]: unknown;
}
export type Settings = Record<string, unknown>;

/** How our hooks are run: `base` runs web4-trust (e.g. `web4-trust`), then what each hook records. */
export interface HookSetup {
  base: string;
  record?: RecordMode;
  askBelow?: TrustLevel;
}

/** Why `--command` cannot be used, or undefined. */
export function commandBaseProblem(base: string): string | undefined {
  return isOurCommand(`${base} hook session-start`) ? undefined : '--command must run web4-trust and have "web4-trust" in it: that is how our hooks are found again';
}

export function isOurCommand(command: unknown): command is string {
  return typeof command === 'string' && OURS.test(command);
}

/** A command of another web4 tool (e.g. the Python plugin), which would record every call a second time. */
export function isOtherWeb4Command(command: unknown): command is string {
  return typeof command === 'string' && OTHER_WEB4.test(command) && !OURS.test(command);
}

/** The command line of one hook. */
export function hookCommand({ base, record = 'both', askBelow }: HookSetup, hook: HookEvent): string {
  let command = `${base} hook ${hook}`;
  if (hook.startsWith('post-') && record !== 'both') command += ` --record ${record}`;
  if (hook === 'pre-tool-use' && askBelow !== undefined) command += ` --ask-below ${askBelow}`;
  return command;
}

/** The settings fragment that installs our hooks. */
export function hooksSnippet(setup: HookSetup = { base: 'web4-trust' }): { hooks: Record<string, MatcherGroup[]> } {
  const hooks: Record<string, MatcherGroup[]> = {};
  for (const hook of HOOK_EVENTS) {
    const entry: HookCommand = { type: 'command', command: hookCommand(setup, hook), timeout: HOOK_TIMEOUT_SECONDS };
    // SessionStart takes no tool matcher: it runs for every start (startup, resume, clear, compact).
    hooks[CLAUDE_EVENT_OF[hook]] = [hook === 'session-start' ? { hooks: [entry] } : { matcher: TOOL_MATCHER, hooks: [entry] }];
  }
  return { hooks };
}

/** Every hook command in the settings, with its event and matcher. */
export function hookEntries(settings: Settings): { event: string; matcher: string | undefined; command: HookCommand }[] {
  const hooks = isRecord(settings.hooks) ? settings.hooks : {};
  return Object.entries(hooks).flatMap(([event, groups]) =>
    (Array.isArray(groups) ? (groups as unknown[]) : []).filter(isMatcherGroup).flatMap((group) =>
      group.hooks.filter(isRecord).map((command) => ({ event, matcher: group.matcher, command: command as HookCommand })),
    ),
  );
}

/**
 * Our hooks exactly as `setup` asks. Stale entries of ours (another command, a missing event, an old
 * matcher) are replaced; when they already match, nothing changes.
 */
export function withOurHooks(settings: Settings, setup: HookSetup): { settings: Settings; changed: boolean } {
  const wanted = hooksSnippet(setup);
  if (sameEntries(ourEntries(settings), ourEntries(wanted))) return { settings, changed: false };
  const { settings: next } = withoutOurHooks(settings);
  const hooks = (next.hooks ??= {}) as Record<string, MatcherGroup[]>;
  for (const [event, groups] of Object.entries(wanted.hooks)) (hooks[event] ??= []).push(...groups);
  return { settings: next, changed: true };
}

/** Removes our hook commands, and the groups and events that only held them. */
export function withoutOurHooks(settings: Settings): { settings: Settings; changed: boolean } {
  const next = structuredClone(settings);
  if (!isRecord(next.hooks)) return { settings: next, changed: false };
  const hooks = next.hooks;
  let changed = false;
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) continue;
    const kept = (groups as unknown[]).flatMap((group) => {
      if (!isMatcherGroup(group)) return [group];
      const others = group.hooks.filter((h) => !isOurCommand(isRecord(h) ? h.command : undefined));
      if (others.length === group.hooks.length) return [group];
      changed = true;
      return others.length ? [{ ...group, hooks: others }] : [];
    });
    hooks[event] = kept;
  }
  // Events left with no groups go, and the hooks object with them when it is empty.
  const remaining = Object.entries(hooks).filter(([, groups]) => !Array.isArray(groups) || groups.length > 0);
  if (remaining.length === 0) delete next.hooks;
  else next.hooks = Object.fromEntries(remaining);
  return { settings: next, changed };
}

function ourEntries(settings: Settings): string[] {
  return hookEntries(settings)
    .filter((entry) => isOurCommand(entry.command.command))
    .map(({ event, matcher, command }) => JSON.stringify([event, matcher ?? '', command]))
    .sort();
}

function sameEntries(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMatcherGroup(value: unknown): value is MatcherGroup {
  return isRecord(value) && Array.isArray(value.hooks);
}
