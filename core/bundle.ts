import { DIMENSIONS } from './dimensions.js';
import { EntityTrust } from './entity.js';
import { isRecord, type EntityJson } from './entity-json.js';
import { TrustFormatError, describeValue } from './errors.js';
import { formatTimestamp, type EpochMs } from './time.js';

export const BUNDLE_FORMAT = 'web4-trust-store';
export const BUNDLE_VERSION = 1;

/** A whole store, as the extension and the CLI export and import it. */
export interface TrustBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /** When the data was last changed: its latest activity, so that exporting the same data gives the same bytes. */
  exported_at: string;
  /** Sorted by id. */
  entities: EntityJson[];
}

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
 * A bundle's bytes, as the CLI and the extension both write them: one fixed layout (two-space
 * indents, a final newline), so that export → import → export gives the same bytes everywhere.
 */
export function serializeBundle(bundle: TrustBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** Builds a bundle of `entities`, sorted by id. */
export function createBundle(entities: Iterable<EntityTrust>, now: EpochMs): TrustBundle {
  const sorted = [...entities].sort((a, b) => compareIds(a.entityId, b.entityId));
  let asOf = -Infinity;
  for (const e of sorted) asOf = Math.max(asOf, e.lastActivity ?? e.createdAt ?? -Infinity);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exported_at: formatTimestamp(Number.isFinite(asOf) ? asOf : now),
    entities: sorted.map((e) => e.toJSON()),
  };
}

/** Code-unit order: the same in every runtime and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  let entries: { values: readonly unknown[]; path: (index: number) => string };
  try {
    entries = entityEntries(input);
  } catch (error) {
    plan.error = error instanceof Error ? error.message : String(error);
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
      if (incomingWins ? !EntityTrust.sameState(existing, result) : listsGrew) plan.updated.push(result);
      else plan.unchanged.push(id);
    }
  }

  if (mode === 'replace') {
    for (const id of stored.keys()) if (!seen.has(id)) plan.removed.push(id);
  }
  return plan;
}

/** The entity values in `input`, and how to name each one's JSON path; throws for an unusable input. */
function entityEntries(input: unknown): { values: readonly unknown[]; path: (index: number) => string } {
  if (Array.isArray(input)) return { values: input, path: (i) => `[${i}]` };
  if (!isRecord(input)) {
    throw new TrustFormatError('', `expected a ${BUNDLE_FORMAT} bundle, an array of entities or one entity, got ${describeValue(input)}`);
  }
  if (input.format === undefined && input.entity_id !== undefined) return { values: [input], path: () => '' };
  if (input.format !== BUNDLE_FORMAT) {
    throw new TrustFormatError('format', `expected "${BUNDLE_FORMAT}", got ${describeValue(input.format)}`);
  }
  const { version } = input;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new TrustFormatError('version', `expected a whole number ≥ 1, got ${describeValue(version)}`);
  }
  if (version > BUNDLE_VERSION) {
    throw new TrustFormatError('version', `version ${version} is newer than this app reads (${BUNDLE_VERSION}); update Web4 Trust`);
  }
  if (!Array.isArray(input.entities)) {
    throw new TrustFormatError('entities', `expected an array of entities, got ${describeValue(input.entities)}`);
  }
  return { values: input.entities, path: (i) => `entities[${i}]` };
}

/** Merge order: newer last activity, then more observations. */
function isNewer(a: EntityTrust, b: EntityTrust): boolean {
  const aTime = a.lastActivity ?? -Infinity, bTime = b.lastActivity ?? -Infinity;
  if (aTime !== bTime) return aTime > bTime;
  return totalObservations(a) > totalObservations(b);
}

function totalObservations(e: EntityTrust): number {
  return DIMENSIONS.reduce((sum, dimension) => sum + e.observations(dimension), 0);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
