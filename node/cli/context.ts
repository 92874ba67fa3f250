import fs from 'node:fs';
import path from 'node:path';
import type { SweepRule } from '../../core/index.js';
import { isPostgresUrl } from '../postgres/settings.js';
import { openStore, type MachineStore } from '../store/open-store.js';
import { chooseStore, type StoreChoice } from '../store/store-choice.js';
import { styleFor, type Style } from './style.js';

/** What every command needs: the store it works on and where its output goes. */
export interface CommandContext {
  store: MachineStore;
  /** Which store, and where that choice came from. */
  choice: StoreChoice;
  out: (text: string) => void;
  err: (text: string) => void;
  style: Style;
  errStyle: Style;
}

const opened: MachineStore[] = [];

/**
 * The context of a command, on the store `chooseStore` picks. A command that only reads (`reads`)
 * refuses a `--store` folder that does not exist: a typo must not look like an empty store. The
 * configured folder (default or `$WEB4_TRUST_DIR`) may be missing: nothing has been recorded there yet.
 */
export async function createContext(
  storeOption: string | undefined, { reads = false, sweep }: { reads?: boolean; sweep?: SweepRule } = {},
): Promise<CommandContext> {
  const choice = chooseStore(storeOption);
  if (reads && choice.source === '--store' && !isPostgresUrl(choice.store) && !fs.existsSync(choice.store)) {
    throw new Error(`no trust store at ${path.resolve(choice.store)}: the folder does not exist (check --store)`);
  }
  const store = await openStore(choice.store, {
    sweep,
    onProblem: ({ path, problem }) => process.stderr.write(`warning: skipped ${path}: ${problem}\n`),
  });
  opened.push(store);
  return {
    store,
    choice,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    style: styleFor(process.stdout),
    errStyle: styleFor(process.stderr),
  };
}

/** Closes the stores commands opened (a PostgreSQL client would keep the process alive a while). */
export async function closeStores(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}

/** Stable JSON for `--json`: two-space indents and a final newline. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Items a piece of `writeJsonText`: ~100 KB of list rows, under V8's 128 KB large-object size. */
export const ITEMS_PER_PIECE = 200;

/**
 * `out(toJsonText(value))` in pieces: the list under `listKey` (a top-level key) a few hundred items
 * at a time, so that a list of 100,000 entities never exists as one string, and each piece is young
 * garbage (a 100,000-row list: ~0.85 s against ~0.9 s with pieces of 1,000). With `render`, each
 * item is written as what it returns, made just before it is written: objects a moment old are
 * stringified faster, and die young.
 */
export function writeJsonText<K extends string, T>(
  out: (text: string) => void, value: Record<string, unknown> & Record<K, readonly T[]>, listKey: K,
  render: (item: T) => unknown = (item) => item,
): void {
  const list = value[listKey];
  // A string no value holds, written in its place and split at.
  const marker = '\u0000list\u0000';
  const [head, tail] = toJsonText({ ...value, [listKey]: marker }).split(JSON.stringify(marker)) as [string, string];
  if (list.length === 0) {
    out(`${head}[]${tail}`);
    return;
  }
  out(`${head}[\n`);
  for (let start = 0; start < list.length; start += ITEMS_PER_PIECE) {
    // Items of an array in an array are indented as those of a list under a top-level key: one
    // stringify per piece, cut out of its brackets, rather than one per item re-indented.
    const nested = JSON.stringify([list.slice(start, start + ITEMS_PER_PIECE).map(render)], null, 2);
    out(`${nested.slice('[\n  [\n'.length, -'\n  ]\n]'.length)}${start + ITEMS_PER_PIECE < list.length ? ',\n' : ''}`);
  }
  out(`\n  ]${tail}`);
}
