import type { TrustLevel } from './dimensions.js';
import type { EntityTrust } from './entity.js';

export interface ChainLink {
  entity_id: string;
  t3_average: number;
  trust_level: TrustLevel;
  /** 1 for a direct witness (or target), 2 for theirs, and so on. */
  depth: number;
}

/** Who vouches for an entity, and whom it vouched for, breadth-first. */
export interface WitnessingChain {
  entity_id: string;
  t3_average: number;
  trust_level: TrustLevel;
  witnessed_by: ChainLink[];
  has_witnessed: ChainLink[];
  /** Mean t3_average of the direct witnesses, 0 when there are none. */
  aggregate_witness_trust: number;
  /** 0.7 · t3_average + 0.3 · aggregate_witness_trust. */
  transitive_trust: number;
}

export const MAX_CHAIN_DEPTH = 10;
/** How many of one entity's links are followed per level. */
export const MAX_LINKS_PER_ENTITY = 10;

/** Looks up several stored entities at once; absent ones come back undefined. */
export type EntityLookup = (ids: string[]) => Promise<(EntityTrust | undefined)[]>;

/**
 * Builds the chain to `depth` levels (1 = direct links only). Each entity appears at most once per
 * direction, since cycles are normal; ids with no stored entity are left out.
 */
export async function buildWitnessingChain(
  root: EntityTrust,
  depth: number,
  lookup: EntityLookup,
): Promise<WitnessingChain> {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_CHAIN_DEPTH) {
    throw new RangeError(`chain depth must be a whole number from 1 to ${MAX_CHAIN_DEPTH}, got ${depth}`);
  }
  const witnessedBy = await walk(root, depth, lookup, (e) => e.witnessedBy);
  const hasWitnessed = await walk(root, depth, lookup, (e) => e.hasWitnessed);
  const direct = witnessedBy.filter((link) => link.depth === 1);
  const aggregate = direct.length ? direct.reduce((sum, l) => sum + l.t3_average, 0) / direct.length : 0;
  return {
    entity_id: root.entityId,
    t3_average: root.t3Average,
    trust_level: root.trustLevel,
    witnessed_by: witnessedBy,
    has_witnessed: hasWitnessed,
    aggregate_witness_trust: aggregate,
    transitive_trust: 0.7 * root.t3Average + 0.3 * aggregate,
  };
}

async function walk(
  root: EntityTrust,
  depth: number,
  lookup: EntityLookup,
  linksOf: (entity: EntityTrust) => readonly string[],
): Promise<ChainLink[]> {
  const visited = new Set([root.entityId]);
  const links: ChainLink[] = [];
  let frontier = [root];
  for (let level = 1; level <= depth; level++) {
    const ids: string[] = [];
    for (const entity of frontier) {
      let taken = 0;
      for (const id of linksOf(entity)) {
        if (taken === MAX_LINKS_PER_ENTITY) break;
        if (visited.has(id)) continue;
        visited.add(id);
        ids.push(id);
        taken++;
      }
    }
    // Nothing new to follow (also when the last level found no stored entity): no store read.
    if (ids.length === 0) break;
    frontier = (await lookup(ids)).filter((e): e is EntityTrust => e !== undefined);
    for (const e of frontier) {
      links.push({ entity_id: e.entityId, t3_average: e.t3Average, trust_level: e.trustLevel, depth: level });
    }
  }
  return links;
}
