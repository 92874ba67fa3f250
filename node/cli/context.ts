import fs from 'node:fs';
import path from 'node:path';
import type { SweepRule } from '../../core/index.js';
import { FileTrustStore } from '../store/file-store.js';
import { defaultStoreDir } from '../paths.js';
import { styleFor, type Style } from './style.js';

/** What every command needs: the store it works on and where its output goes. */
export interface CommandContext {
  store: FileTrustStore;
  out: (text: string) => void;
  err: (text: string) => void;
  style: Style;
  errStyle: Style;
}

/**
 * The context of a command. A command that only reads (`reads`) refuses a `--store` folder that
 * does not exist: a typo must not look like an empty store. The configured folder (default or
 * `$WEB4_TRUST_DIR`) may be missing: nothing has been recorded there yet.
 */
export function createContext(
  storeDir: string | undefined, { reads = false, sweep }: { reads?: boolean; sweep?: SweepRule } = {},
): CommandContext {
  if (reads && storeDir !== undefined && !fs.existsSync(storeDir)) {
    throw new Error(`no trust store at ${path.resolve(storeDir)}: the folder does not exist (check --store)`);
  }
  return {
    store: new FileTrustStore(storeDir ?? defaultStoreDir(), {
      sweep,
      onProblem: ({ path, problem }) => process.stderr.write(`warning: skipped ${path}: ${problem}\n`),
    }),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr),
  };
}

/** Stable JSON for `--json`: two-space indents and a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
