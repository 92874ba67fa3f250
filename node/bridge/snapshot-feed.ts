import { entityFileName, type EntityJson, type SyncPage, type SyncResult } from '../../core/index.js';
import type { MachineStore } from '../store/open-store.js';
import { ENTITIES_PER_PAGE } from './folder-feed.js';
import type { StoreFeed } from './store-feed.js';

/**
 * A store without a change feed of its own: every sync sends all its entities, and the names of all,
 * so that the extension drops what is gone. Live changes come from `watch` where the store has one.
 */
export class SnapshotFeed implements StoreFeed {
  readonly #store: MachineStore;
  readonly #watch: StoreFeed['watch'];

  constructor(store: MachineStore, watch: StoreFeed['watch'] = () => () => {}) {
    this.#store = store;
    this.#watch = watch;
  }

  async changesSince(_cursor: string | null, send: (page: SyncPage) => Promise<void>): Promise<SyncResult> {
    const { entities } = await this.#store.scan({ stored: true });
    const names: string[] = [];
    let page: EntityJson[] = [];
    for (const entity of entities) {
      names.push(entityFileName(entity.entityId));
      page.push(entity.toJSON());
      if (page.length === ENTITIES_PER_PAGE) {
        await send({ entities: page });
        page = [];
      }
    }
    await send({ entities: page, present: names });
    return { cursor: `snapshot:${Date.now()}`, entities: entities.length };
  }

  watch(onChange: (entities: EntityJson[], removedNames: string[]) => void): () => void {
    return this.#watch(onChange);
  }
}
