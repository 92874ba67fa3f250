import type { EntityTrust } from '../entity.js';
import type { ChangeEvent, EntityChange } from './storage-adapter.js';

/**
 * The `EntityChange` of an adapter that reads a change's entities first and stores its writes after
 * the body returns (folder, PostgreSQL): reads see the change's own writes, ids outside the change
 * are refused, and `pending` holds what to store (undefined: remove). With `events`, the change
 * has a log and its events go there.
 */
export function pendingChange(
  ids: readonly string[], stored: (entityId: string) => EntityTrust | undefined, events?: ChangeEvent[],
): { change: EntityChange; pending: Map<string, EntityTrust | undefined> } {
  const pending = new Map<string, EntityTrust | undefined>();
  const current = (id: string) => {
    if (!ids.includes(id)) throw new Error(`${JSON.stringify(id)} is not part of this change`);
    return pending.has(id) ? pending.get(id) : stored(id);
  };
  const change: EntityChange = {
    read: current,
    write: (entity) => { current(entity.entityId); pending.set(entity.entityId, entity); },
    remove: (id) => {
      const existed = current(id) !== undefined;
      pending.set(id, undefined);
      return existed;
    },
    ...(events && { log: (event: ChangeEvent) => void events.push(event) }),
  };
  return { change, pending };
}
