import fs from 'node:fs';
import path from 'node:path';
import { FileTrustStore } from '../file-store.js';
import { defaultStoreDir, hookErrorLogPath } from '../paths.js';
import { isHookEvent, runHook } from './run-hook.js';

/** A hook waits at most this long for a lock: Claude Code is waiting on it. */
export const HOOK_LOCK_TIMEOUT_MS = 2_000;

/**
 * `web4-trust hook <event> [--store DIR]`, as Claude Code runs it. It must never break Claude Code:
 * whatever goes wrong is one line on stderr and in the hook error log, and the exit code is 0.
 */
export async function hookMain(args: readonly string[]): Promise<void> {
  const [event] = args;
  const storeAt = args.indexOf('--store');
  const dir = storeAt >= 0 && args[storeAt + 1] ? args[storeAt + 1]! : defaultStoreDir();
  try {
    if (!isHookEvent(event)) throw new Error(`unknown hook ${JSON.stringify(event ?? '')}; use post-tool-use or pre-tool-use`);
    const output = await runHook(event, await readStdin(), hookStore(dir));
    if (output) process.stdout.write(output);
  } catch (error) {
    logHookError(dir, `hook ${event ?? ''}: ${(error as Error).message ?? String(error)}`);
  }
  process.exitCode = 0;
}

/** The store as a hook uses it: a short lock timeout, and no warnings about other files. */
export function hookStore(dir: string): FileTrustStore {
  return new FileTrustStore(dir, { lockTimeoutMs: HOOK_LOCK_TIMEOUT_MS, onProblem: () => {} });
}

function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** One line on stderr and one in the log beside the store; a log that cannot be written is skipped. */
export function logHookError(storeDir: string, message: string): void {
  const line = message.replace(/\s+/g, ' ').trim();
  process.stderr.write(`web4-trust: ${line}\n`);
  try {
    const log = hookErrorLogPath(storeDir);
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.appendFileSync(log, `${new Date().toISOString()} ${line}\n`);
  } catch {
    // The stderr line is all we can do.
  }
}
