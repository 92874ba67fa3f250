import { entityFileName, type EntityJson } from '../../core/index.js';
import type { PostgresTrustStore } from '../postgres/postgres-store.js';
import { SnapshotFeed } from './snapshot-feed.js';

/** Ids announced together (one transaction writes several rows) are read and pushed together. */
const SETTLE_MS = 15;

/**
 * A PostgreSQL store for the bridge: a sync sends every entity; live changes come from the server's
 * notifications (LISTEN, schema version 3), from this machine or any other.
 */
export function postgresFeed(store: PostgresTrustStore, onProblem: (problem: string) => void): SnapshotFeed {
  return new SnapshotFeed(store, (onChange) => {
    const ids = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    const flush = async () => {
      timer = undefined;
      const batch = [...ids];
      ids.clear();
      const entities: EntityJson[] = [];
      const removed: string[] = [];
      for (const id of batch) {
        const entity = await store.getExisting(id);
        if (entity) entities.push(entity.toJSON());
        else removed.push(entityFileName(id));
      }
      onChange(entities, removed);
    };
    const stop = store.listen((id) => {
      ids.add(id);
      timer ??= setTimeout(() => void flush().catch((error: unknown) => onProblem(`could not read a changed entity: ${String(error)}`)), SETTLE_MS);
    }).catch((error: unknown) => {
      onProblem(`cannot listen for changes (pushes are off until the next connection): ${error instanceof Error ? error.message : String(error)}`);
      return async () => {};
    });
    return () => {
      if (timer) clearTimeout(timer);
      // The store may be closing: its connection gone, there is nothing left to unlisten.
      void stop.then((unlisten) => unlisten()).catch(() => {});
    };
  });
}
