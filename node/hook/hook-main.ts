import fs from 'node:fs';
import path from 'node:path';
import { machineCallTrail } from '../audit/call-trail.js';
import { isErrno } from '../fs/errno.js';
import { defaultStoreDir, hookErrorLogPath } from '../paths.js';
import { isPostgresUrl } from '../postgres/settings.js';
import { openStore, type MachineStore } from '../store/open-store.js';
import { chooseStore } from '../store/store-choice.js';
import { TRUST_LEVELS } from '../../core/index.js';
import { HOOK_EVENTS, RECORD_MODES, isHookEvent, runHook, type HookOptions } from './run-hook.js';

export { HOOK_LOCK_TIMEOUT_MS } from '../store/open-store.js';

/**
 * `web4-trust hook <event> [--store DIR|URL] [--record MODE] [--ask-below LEVEL]`, as Claude Code
 * runs it, on the store `chooseStore` picks. It must never break Claude Code: whatever goes wrong
 * is one line on stderr and in the hook error log (beside the store folder, or the default one),
 * and the exit code is 0. `WEB4_TRUST_DISABLE=1` turns it into a no-op (stop recording without
 * uninstalling). Resolves to whether everything it printed is written, so that the process may exit
 * at once (which saves ~1.5 ms of Node's own wind-down on every call; measured: `npm run bench`).
 */
export async function hookMain(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ written: boolean }> {
  process.exitCode = 0;
  if (isDisabled(env.WEB4_TRUST_DISABLE)) return { written: true };
  const [event] = args;
  const { store: storeOption, options, problems } = parseHookArgs(args.slice(1));
  let logDir = defaultStoreDir(env);
  let store: MachineStore | undefined;
  const log = (message: string) => logHookError(logDir, `hook ${event ?? ''}: ${message}`);
  try {
    const chosen = chooseStore(storeOption, env).store;
    if (!isPostgresUrl(chosen)) logDir = chosen;
    for (const problem of problems) log(problem);
    if (!isHookEvent(event)) throw new Error(`unknown hook ${JSON.stringify(event ?? '')}; use one of ${HOOK_EVENTS.join(', ')}`);
    store = await openStore(chosen, { forHook: true, onProblem: () => {} });
    const output = await runHook(event, await readStdin(), store, options, machineCallTrail());
    if (output) writeSyncOrStream(1, output);
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
  } finally {
    await store?.close();
  }
  return { written: !outputStreamed };
}

/** Whether a write fell back to a stream (see below), which must be flushed before the process exits. */
let outputStreamed = false;

/**
 * Writes synchronously: `process.stdout` would load Node's stream machinery, ~20 modules, for one
 * line, and a synchronous write is also written when the process exits at once (see `hookMain`). A
 * non-blocking descriptor (EAGAIN) falls back to the stream, and then the process waits for it.
 */
function writeSyncOrStream(fd: 1 | 2, text: string): void {
  try {
    fs.writeSync(fd, text);
  } catch (error) {
    if (!isErrno(error, 'EAGAIN')) throw error;
    outputStreamed = true;
    (fd === 1 ? process.stdout : process.stderr).write(text);
  }
}

/** `WEB4_TRUST_DISABLE` set to anything but empty, `0` or `false`. */
export function isDisabled(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false'].includes(value.trim().toLowerCase());
}

/**
 * The hook's options. A bad value is a problem to log, and the default is used instead, so that a
 * mistyped setting never costs a recorded call.
 */
export function parseHookArgs(
  args: readonly string[],
): { store: string | undefined; options: HookOptions; problems: string[] } {
  const options: HookOptions = {};
  const problems: string[] = [];
  let store: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!['--store', '--record', '--ask-below'].includes(name) || value === undefined) {
      problems.push(`ignored the argument ${JSON.stringify(name)}`);
      continue;
    }
    i++;
    if (name === '--store') store = value;
    else if (name === '--record') {
      if (isOneOf(RECORD_MODES, value)) options.record = value;
      else problems.push(`--record ${JSON.stringify(value)} is not one of ${RECORD_MODES.join(', ')}; recorded both`);
    } else if (isOneOf(TRUST_LEVELS, value)) options.askBelow = value;
    else problems.push(`--ask-below ${JSON.stringify(value)} is not one of ${TRUST_LEVELS.join(', ')}; ignored it`);
  }
  return { store, options, problems };
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/**
 * All of stdin. Read synchronously: a stream (or `isatty`) would load Node's stream and tty modules,
 * ~5 ms of every hook call. A terminal gives no input; a non-blocking stdin (EAGAIN) falls back to
 * the stream.
 */
function readStdin(): Promise<string> {
  if (fs.fstatSync(0).isCharacterDevice()) return Promise.resolve('');
  try {
    return Promise.resolve(fs.readFileSync(0, 'utf8'));
  } catch (error) {
    if (!isErrno(error, 'EAGAIN')) throw error;
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** An error thrown outside the hook's own work (from a library's timer): logged in the default log. */
export function logStrayError(error: unknown): void {
  logHookError(defaultStoreDir(), `hook: ${error instanceof Error ? error.message : String(error)}`);
}

/** One line on stderr and one in the log beside the store; a log that cannot be written is skipped. */
export function logHookError(storeDir: string, message: string): void {
  const line = message.replace(/\s+/g, ' ').trim();
  try {
    writeSyncOrStream(2, `web4-trust: ${line}\n`);
  } catch {
    // Stderr is closed (EPIPE): the log line is what is left, and the hook still exits 0.
  }
  try {
    const log = hookErrorLogPath(storeDir);
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.appendFileSync(log, `${new Date().toISOString()} ${line}\n`);
  } catch {
    // The stderr line is all we can do.
  }
}
