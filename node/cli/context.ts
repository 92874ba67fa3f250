import { FileTrustStore } from '../file-store.js';
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

export function createContext(storeDir: string | undefined): CommandContext {
  return {
    store: new FileTrustStore(storeDir ?? defaultStoreDir(), {
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
