import type { EntityTrust } from './entity.js';
import { isRecord, isWholeNumber, type EntityJson } from './entity-json.js';
import { TrustFormatError, describeValue } from './errors.js';
import { formatTimestamp, type EpochMs } from './time.js';

// The wire format of a whole store: what the extension and the CLI write, and which inputs import reads.

export const BUNDLE_FORMAT = 'web4-trust-store';
export const BUNDLE_VERSION = 1;

/** A whole store, as the extension and the CLI export and import it. */
export interface TrustBundle {
  format: typeof BUNDLE_FORMAT;
  version: typeof BUNDLE_VERSION;
  /**
   * The moment the entities are shown at: the export's time if decay has moved any of them since
   * its last activity, else the latest activity in the data (so that exporting data that nothing
   * has decayed gives the same bytes every time).
   */
  exported_at: string;
  /** Sorted by id. */
  entities: EntityJson[];
}

/**
 * A bundle's bytes, as the CLI and the extension both write them: one fixed layout (two-space
 * indents, a final newline), so that export → import → export gives the same bytes everywhere.
 */
export function serializeBundle(bundle: TrustBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/** Builds a bundle of `entities` (as they stand at `now`), sorted by id. */
export function createBundle(entities: Iterable<EntityTrust>, now: EpochMs): TrustBundle {
  const sorted = [...entities].sort((a, b) => compareIds(a.entityId, b.entityId));
  const json = sorted.map((e) => e.toJSON());
  // An entity's JSON carries its scores at last activity only once decay has moved it from them.
  let asOf = json.some((e) => e.t3_at_last_activity !== undefined) ? now : -Infinity;
  for (const e of sorted) asOf = Math.max(asOf, e.lastActivity ?? e.createdAt ?? -Infinity);
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exported_at: formatTimestamp(Number.isFinite(asOf) ? asOf : now),
    entities: json,
  };
}

/** Code-unit order: the same in every runtime and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The entity values of an import input, and how to name each one's JSON path. */
export interface BundleEntries {
  values: readonly unknown[];
  path: (index: number) => string;
}

/**
 * The entity values in `input` (a bundle, a bare array of entities, or one entity object); throws
 * a `TrustFormatError` for an input that is none of these, or a bundle of another format or version.
 * The entities themselves are not checked here.
 */
export function bundleEntries(input: unknown): BundleEntries {
  if (Array.isArray(input)) return { values: input, path: (i) => `[${i}]` };
  if (!isRecord(input)) {
    throw new TrustFormatError('', `expected a ${BUNDLE_FORMAT} bundle, an array of entities or one entity, got ${describeValue(input)}`);
  }
  // Stryker disable next-line ArrowFunction: an empty path and none read the same in every message.
  if (input.format === undefined && input.entity_id !== undefined) return { values: [input], path: () => '' };
  if (input.format !== BUNDLE_FORMAT) {
    throw new TrustFormatError('format', `expected "${BUNDLE_FORMAT}", got ${describeValue(input.format)}`);
  }
  const { version } = input;
  if (!isWholeNumber(version) || version < 1) {
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
