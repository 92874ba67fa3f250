import fs from 'node:fs';
import path from 'node:path';
import type { EntityJson, SyncPage, SyncResult } from '../../core/index.js';
import { describeErrno, isErrno } from '../fs/errno.js';
import { readTextFile } from '../fs/read-text-file.js';
import { ENTITY_FILE_NAME, EntityFileError, parseEntityFile } from '../store/entity-file.js';
import type { StoreFeed } from './store-feed.js';

// What changed in a folder store, for the bridge: a sync sends the files modified since the
// extension's cursor (a time), and every file's name so that the extension drops what is gone; while
// connected, the folder is watched (inotify on Linux, FSEvents on macOS: no polling) and each file
// that changes is read and pushed.

/** Entities per page: ~600 KB of JSON, under native messaging's 1 MiB. */
export const ENTITIES_PER_PAGE = 1000;
/** Names per page (~20 bytes each). */
const NAMES_PER_PAGE = 20_000;
/**
 * A file whose modification time is this close before the cursor is sent again: file times are
 * coarser than the clock on some systems, and a write may land while the scan runs.
 */
const CURSOR_SLACK_MS = 2000;
/** Changes that arrive together (a witness writes two files) are pushed together. */
const WATCH_SETTLE_MS = 15;

export class FolderFeed implements StoreFeed {
  readonly #dir: string;
  readonly #onProblem: (problem: string) => void;

  constructor(dir: string, onProblem: (problem: string) => void) {
    this.#dir = dir;
    this.#onProblem = onProblem;
  }

  async changesSince(cursor: string | null, send: (page: SyncPage) => Promise<void>): Promise<SyncResult> {
    const since = cursorTime(cursor);
    const started = Date.now();
    const names = this.#names();
    let entities: EntityJson[] = [];
    for (const name of names) {
      if (since !== undefined) {
        const stat = fs.statSync(path.join(this.#dir, name), { throwIfNoEntry: false });
        if (!stat || stat.mtimeMs < since - CURSOR_SLACK_MS) continue;
      }
      const entity = this.#read(name);
      if (entity === undefined) continue;
      entities.push(entity);
      if (entities.length === ENTITIES_PER_PAGE) {
        await send({ entities });
        entities = [];
      }
    }
    if (since === undefined) {
      if (entities.length > 0) await send({ entities });
    } else {
      // The last page of entities carries the first names; there is always at least one page with names.
      for (let start = 0; start === 0 || start < names.length; start += NAMES_PER_PAGE) {
        await send({ entities, present: names.slice(start, start + NAMES_PER_PAGE) });
        entities = [];
      }
    }
    return { cursor: `folder:${started}`, entities: names.length };
  }

  watch(onChange: (entities: EntityJson[], removedNames: string[]) => void): () => void {
    fs.mkdirSync(this.#dir, { recursive: true });
    const changed = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const entities: EntityJson[] = [];
      const removed: string[] = [];
      for (const name of changed) {
        if (!fs.existsSync(path.join(this.#dir, name))) removed.push(name);
        else {
          const entity = this.#read(name);
          if (entity) entities.push(entity);
        }
      }
      changed.clear();
      if (entities.length > 0 || removed.length > 0) onChange(entities, removed);
    };
    const watcher = fs.watch(this.#dir, (_event, name) => {
      // Temp files, locks and the pending queue are not entities; their renames into place are seen as the entity's name.
      if (typeof name !== 'string' || !ENTITY_FILE_NAME.test(name)) return;
      changed.add(name);
      timer ??= setTimeout(flush, WATCH_SETTLE_MS);
    });
    watcher.on('error', (error) => this.#onProblem(`stopped watching ${this.#dir}: ${error.message}`));
    return () => {
      watcher.close();
      if (timer) clearTimeout(timer);
    };
  }

  #names(): string[] {
    try {
      return fs.readdirSync(this.#dir).filter((name) => ENTITY_FILE_NAME.test(name)).sort();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
  }

  /** The entity in file `name` as stored, or undefined (gone, or unreadable: reported, and the rest goes on). */
  #read(name: string): EntityJson | undefined {
    const file = path.join(this.#dir, name);
    try {
      return parseEntityFile(readTextFile(file), file, name).toJSON();
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return undefined;
      this.#onProblem(error instanceof EntityFileError ? error.message : `${file}: ${describeErrno(error)}`);
      return undefined;
    }
  }
}

/** The time a folder cursor stands for; undefined for none or another store's. */
function cursorTime(cursor: string | null): number | undefined {
  const match = cursor === null ? null : /^folder:(\d+)$/.exec(cursor);
  return match ? Number(match[1]) : undefined;
}
