// Runs the built `web4-trust` executable as users and Claude Code do, in a sandbox: its own HOME and
// store folder under tmp/, never the real ~/.web4 or ~/.claude.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const BIN = path.join(ROOT, 'dist/bin/web4-trust.cjs');
export const DIST_NODE = path.join(ROOT, 'dist/node/index.js');

/** Builds dist/ (`npm run build:lib`) when it is missing or older than the sources; `npm test` has built it already. */
export function ensureBuilt(): void {
  const built = Math.min(mtime(BIN), mtime(DIST_NODE));
  const newest = Math.max(...['core', 'node'].flatMap((dir) => sourceTimes(path.join(ROOT, dir))));
  if (built < newest) execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: ROOT, stdio: 'inherit' });
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function sourceTimes(dir: string): number[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name))
    .map((e) => mtime(path.join(e.parentPath, e.name)));
}

export interface Sandbox {
  home: string;
  /** `$WEB4_TRUST_DIR`. */
  store: string;
  env: NodeJS.ProcessEnv;
  cleanup(): void;
}

export function sandbox(): Sandbox {
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const home = fs.mkdtempSync(path.join(ROOT, 'tmp/node-home-'));
  const store = path.join(home, 'store', 'entities');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, WEB4_TRUST_DIR: store };
  for (const key of ['NO_COLOR', 'FORCE_COLOR', 'NODE_OPTIONS']) delete env[key];
  return { home, store, env, cleanup: () => fs.rmSync(home, { recursive: true, force: true }) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env: NodeJS.ProcessEnv;
  input?: string | undefined;
  cwd?: string;
}

/** Runs `web4-trust args…` (or another copy of the executable, `bin`) and collects its output. */
export function runBin(args: readonly string[], options: RunOptions & { bin?: string }): Promise<Run> {
  return collect(spawn(process.execPath, [options.bin ?? BIN, ...args], { env: options.env, cwd: options.cwd ?? ROOT }), options.input);
}

/** Runs a command line through the shell, as Claude Code runs a hook command. */
export function runShell(command: string, options: RunOptions): Promise<Run> {
  return collect(spawn('/bin/sh', ['-c', command], { env: options.env, cwd: options.cwd ?? ROOT }), options.input);
}

function collect(child: ChildProcessWithoutNullStreams, input: string | undefined): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}
