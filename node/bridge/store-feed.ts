import type { EntityJson, SyncPage, SyncResult } from '../../core/index.js';

/** Where the bridge host learns what changed in the machine's store. */
export interface StoreFeed {
  /**
   * Sends, in pages, the entities (as stored) that changed since `cursor`, or every one when it is
   * null or not this store's; with a cursor, also the names of every entity present. Resolves to
   * the cursor for next time and how many entities the store holds.
   */
  changesSince(cursor: string | null, send: (page: SyncPage) => Promise<void>): Promise<SyncResult>;
  /** Calls `onChange` with what any writer changes from now on, until the returned function is called. */
  watch(onChange: (entities: EntityJson[], removedNames: string[]) => void): () => void;
}
