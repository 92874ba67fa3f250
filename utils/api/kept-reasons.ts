// Why a merge keeps the stored copy of entities the import file also has: the import preview says so,
// since "unchanged" alone hides an incoming copy that differs but lost the tie.
import { EntityTrust } from '@/core/index.js';
import type { KeptReasons } from './api-types.js';

/** How many ids of the "same moment, different content" case the preview can name. */
export const TIED_IDS_LISTED = 20;

/**
 * Sorts the plan's `unchanged` ids by reason, given the stored entities (as stored, not decayed:
 * the plan compared those). Entries that cannot be read again were rejected by the plan already.
 */
export function keptReasons(input: unknown, unchanged: readonly string[], stored: ReadonlyMap<string, EntityTrust>): KeptReasons {
  const reasons: KeptReasons = { identical: 0, storedNewer: 0, tied: 0, tiedIds: [] };
  const wanted = new Set(unchanged);
  for (const value of entryValues(input)) {
    let incoming: EntityTrust;
    try {
      incoming = EntityTrust.fromJSON(value);
    } catch {
      continue;
    }
    const own = stored.get(incoming.entityId);
    if (!own || !wanted.delete(incoming.entityId)) continue;
    if (EntityTrust.sameState(own, incoming)) reasons.identical++;
    else if ((own.lastActivity ?? -Infinity) > (incoming.lastActivity ?? -Infinity)) reasons.storedNewer++;
    else {
      reasons.tied++;
      if (reasons.tiedIds.length < TIED_IDS_LISTED) reasons.tiedIds.push(incoming.entityId);
    }
  }
  return reasons;
}

/**
 * The entity values of an input the plan has accepted (a bundle, an array, or one entity). The core's
 * own reader is not exported from its index; this one need not check the format again.
 */
function entryValues(input: unknown): readonly unknown[] {
  if (Array.isArray(input)) return input;
  if (typeof input !== 'object' || input === null) return [];
  const { entities } = input as { entities?: unknown };
  return Array.isArray(entities) ? entities : [input];
}
