// The append-only event log: what happened to which entities, with its inputs. Capped: once it holds
// more than the cap, the oldest events go first.
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { TrustEvent } from '../api/api-types.js';
import type { TrustDb, TrustDbSchema } from './schema.js';

export type NewEvent = Omit<TrustEvent, 'id'>;
/** The `events` store of a read-write transaction. */
export type WritableEvents<Stores extends ArrayLike<StoreNames<TrustDbSchema>>> =
  IDBPObjectStore<TrustDbSchema, Stores, 'events', 'readwrite'>;

export const DEFAULT_EVENT_LOG_CAP = 10_000;

/**
 * The most entity ids one store-wide event (an import, a sweep) lists, so that an entity's history
 * shows it. Each id is an index entry: a sweep of 100,000 entities must not write 100,000 of them
 * every hour. Beyond it the event keeps its counts, and `ids_truncated` says the list is partial.
 */
export const MAX_EVENT_ENTITY_IDS = 10_000;

/**
 * Appends `event` in the transaction of `events`, so that it commits or aborts with the change it
 * describes; then drops the events older than the newest `cap`. Ids only grow, so the trim is one
 * range delete.
 */
export async function appendEvent<Stores extends ArrayLike<StoreNames<TrustDbSchema>>>(
  events: WritableEvents<Stores>, event: NewEvent, cap: number,
): Promise<void> {
  const id = await events.add(event as TrustEvent);
  if (id > cap) await events.delete(IDBKeyRange.upperBound(id - cap));
}

/** Drops all but the newest `cap` events (after the cap was lowered). */
export async function trimEvents(db: TrustDb, cap: number): Promise<void> {
  const tx = db.transaction('events', 'readwrite');
  const newest = await tx.store.openKeyCursor(null, 'prev');
  if (newest && newest.key > cap) await tx.store.delete(IDBKeyRange.upperBound(newest.key - cap));
  await tx.done;
}

/** The newest `limit` events that touched `entityId`, newest first. */
export async function eventsOf(db: TrustDb, entityId: string, limit: number): Promise<TrustEvent[]> {
  const found: TrustEvent[] = [];
  if (limit <= 0) return found;
  const tx = db.transaction('events');
  let cursor = await tx.store.index('entity').openCursor(IDBKeyRange.only(entityId), 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}

/** The newest `limit` events of the whole store, newest first. */
export async function recentEvents(db: TrustDb, limit: number): Promise<TrustEvent[]> {
  const found: TrustEvent[] = [];
  const tx = db.transaction('events');
  let cursor = await tx.store.openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}
