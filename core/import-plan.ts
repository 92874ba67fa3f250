import { bundleEntries, type BundleEntries } from './bundle-format.js';
import { DIMENSIONS } from './dimensions.js';
import { EntityTrust } from './entity.js';
import { isRecord } from './entity-json.js';
import { TrustFormatError } from './errors.js';

// Import planning: what importing a bundle into a store would change, computed without writing.

export type ImportMode = 'merge' | 'replace';

export interface RejectedEntity {
  /** Position in the input's entity list (0 for a single entity object). */
  index: number;
  entity_id?: string | undefined;
  message: string;
}

/** What an import would do. Nothing has been written when you hold one. */
export interface ImportPlan {
  mode: ImportMode;
  /** Set when the input as a whole is unusable (wrong format or version, not a bundle); then nothing else is. */
  error?: string;
  /** New entities, as they would be stored. */
  added: EntityTrust[];
  /** Stored entities that would change, as they would be stored. */
  updated: EntityTrust[];
  /** Ids whose stored entity would stay as it is. */
  unchanged: string[];
  /** Ids that would be deleted (replace mode only). */
  removed: string[];
  rejected: RejectedEntity[];
}

/** A plan by id: what the extension's preview and the CLI show. */
export interface ImportPlanSummary {
  mode: ImportMode;
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  rejected: RejectedEntity[];
}

export function summarizePlan(plan: ImportPlan): ImportPlanSummary {
  return {
    mode: plan.mode,
    added: plan.added.map((e) => e.entityId),
    updated: plan.updated.map((e) => e.entityId),
    unchanged: plan.unchanged,
    removed: plan.removed,
    rejected: plan.rejected,
  };
}

/**
 * Plans importing `input` (a bundle, a bare array of entities, or one entity object) into `current`.
 * Pure, and never throws: problems come back in `error` and `rejected`.
 *
 * Merge keeps, per id, the entity with the newer last activity (on a tie the one with more
 * observations; then the stored one) and unions the witness lists. Replace makes the store equal
 * to the input, except that an entity whose incoming copy was rejected is kept.
 */
export function planImport(
  current: Iterable<EntityTrust>,
  input: unknown,
  { mode }: { mode: ImportMode },
): ImportPlan {
  const plan: ImportPlan = { mode, added: [], updated: [], unchanged: [], removed: [], rejected: [] };
  let entries: BundleEntries;
  try {
    entries = bundleEntries(input);
  } catch (error) {
    plan.error = errorMessage(error);
    return plan;
  }

  const stored = new Map<string, EntityTrust>();
  for (const entity of current) stored.set(entity.entityId, entity);
  const seen = new Map<string, number>();

  entries.values.forEach((value, index) => {
    try {
      planEntry(value, index);
    } catch (error) {
      // Not expected (every value is checked before use), but one entry must never sink the plan.
      plan.rejected.push({ index, message: `${entries.path(index) || 'entity'}: ${errorMessage(error)}` });
    }
  });

  function planEntry(value: unknown, index: number): void {
    const claimedId = isRecord(value) && typeof value.entity_id === 'string' ? value.entity_id : undefined;
    let incoming: EntityTrust;
    try {
      incoming = EntityTrust.fromJSON(value);
    } catch (error) {
      // The entity's own path is only built for an error: imports of 100,000 entities are hot.
      const message = error instanceof TrustFormatError ? error.within(entries.path(index)).message : errorMessage(error);
      plan.rejected.push({ index, entity_id: claimedId, message });
      // Stryker disable next-line ConditionalExpression: an undefined key is never looked up (ids are strings).
      if (claimedId !== undefined) seen.set(claimedId, index);
      return;
    }
    const id = incoming.entityId;
    const first = seen.get(id);
    if (first !== undefined) {
      plan.rejected.push({ index, entity_id: id, message: `${entries.path(index)}: duplicate of entity ${first}, ${JSON.stringify(id)}` });
      return;
    }
    seen.set(id, index);

    const existing = stored.get(id);
    if (!existing) plan.added.push(incoming);
    else if (mode === 'replace') {
      if (EntityTrust.sameState(existing, incoming)) plan.unchanged.push(id);
      else plan.updated.push(incoming);
    } else {
      const incomingWins = isNewer(incoming, existing);
      const result = incomingWins ? incoming : existing.clone();
      const loser = incomingWins ? existing : incoming;
      const listsGrew = result.unionWitnessLists(loser.witnessedBy, loser.hasWitnessed);
      // A winning incoming entity always differs from the stored one: a later activity, or more observations.
      if (incomingWins || listsGrew) plan.updated.push(result);
      else plan.unchanged.push(id);
    }
  }

  if (mode === 'replace') {
    for (const id of stored.keys()) if (!seen.has(id)) plan.removed.push(id);
  }
  return plan;
}

/** Merge order: newer last activity (none is oldest), then more observations. */
function isNewer(a: EntityTrust, b: EntityTrust): boolean {
  const aTime = a.lastActivity ?? -Infinity, bTime = b.lastActivity ?? -Infinity;
  return aTime > bTime || (aTime === bTime && totalObservations(a) > totalObservations(b));
}

function totalObservations(e: EntityTrust): number {
  return DIMENSIONS.reduce((sum, dimension) => sum + e.observations(dimension), 0);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
