import fs from 'node:fs';
import path from 'node:path';
import type { SettingsScope } from './settings-file.js';

// How Claude Code should start web4-trust. The command must keep working after this process is gone:
// npx runs packages from a cache that npm empties at will, and a project's settings.json is shared
// with a team, so it must not name a path that exists only on this machine.

export class HookCommandError extends Error {
  override readonly name = 'HookCommandError';
}

export interface Whereabouts {
  /** This executable (dist/bin/web4-trust.cjs), resolved. */
  script: string;
  /** `$PATH`. */
  pathEnv: string;
  /** The project folder (for the project and local scopes). */
  cwd: string;
}

/** The package folder of `script`, which lives in `<package>/dist/bin/`. */
function packageRootOf(script: string): string {
  return path.resolve(path.dirname(script), '..', '..');
}

/** Whether a path lies in npm's npx cache (`~/.npm/_npx/<hash>/…`), which npm may empty at any time. */
export function isEphemeral(file: string): boolean {
  return file.split(path.sep).includes('_npx');
}

/**
 * The first `web4-trust` on PATH that will still be there in Claude Code's shell, resolved through
 * links, or undefined. npm exec and npx put `node_modules/.bin` folders (and the npx cache) on PATH
 * only while they run.
 */
export function findOnPath(pathEnv: string, name = 'web4-trust'): string | undefined {
  for (const dir of pathEnv.split(path.delimiter)) {
    if (!dir || path.basename(dir) === '.bin') continue;
    try {
      const file = path.join(dir, name);
      fs.accessSync(file, fs.constants.X_OK);
      const real = fs.realpathSync(file);
      if (!isEphemeral(real)) return real;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

const PROJECT_PACKAGE = path.join('node_modules', 'web4-trust');
/** How a project's settings run the project's own copy, on any machine that has run `npm install`. */
export const PROJECT_BASE = 'node "$CLAUDE_PROJECT_DIR/node_modules/web4-trust/dist/bin/web4-trust.cjs"';

/** The command base (before ` hook <event>`) for `scope`; throws `HookCommandError` when there is none that lasts. */
export function hookCommandBase(scope: SettingsScope, where: Whereabouts): string {
  const onPath = findOnPath(where.pathEnv);
  if (scope === 'project') {
    if (samePath(packageRootOf(where.script), path.join(where.cwd, PROJECT_PACKAGE))) return PROJECT_BASE;
    if (onPath !== undefined) return 'web4-trust';
    throw new HookCommandError(
      `${path.join('.claude', 'settings.json')} is shared with everyone who works on this project, so it needs a command ` +
      'that works on their machines too. Add web4-trust to the project (npm i -D web4-trust) or install it ' +
      'globally (npm i -g web4-trust), then run this again; or name the command with --command.',
    );
  }
  if (isEphemeral(where.script)) {
    if (onPath !== undefined) return 'web4-trust';
    throw new HookCommandError(
      'npx runs web4-trust from a temporary cache that npm may empty at any time, and the hooks would stop ' +
      'working then. Install it first (npm i -g web4-trust), then run: web4-trust hooks install',
    );
  }
  if (onPath !== undefined && samePath(onPath, where.script)) return 'web4-trust';
  return `node ${shellQuote(where.script)}`;
}

/** Refuses a project command that names a path of this machine. */
export function assertPortable(command: string): void {
  if (/(?:^|[\s'"=])(?:\/|~\/|[A-Za-z]:\\)/.test(command)) {
    throw new HookCommandError(
      `${JSON.stringify(command)} names a path on this machine, and the project's settings.json is shared; ` +
      'use a command on PATH or one relative to "$CLAUDE_PROJECT_DIR" (or install with --local)',
    );
  }
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
}
