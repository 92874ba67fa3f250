import type { CallEvidence } from './call-evidence.js';
import type { EpochMs } from './time.js';

/**
 * Everything an entity holds. `numbers` holds the scores, observation counts and scores at last
 * activity, each indexed by the constants in `dimensions.ts` from its offset below. Timestamps keep the text they were read from, so that upstream's
 * nanosecond timestamps survive a round trip; the text is dropped when the time changes.
 */
export interface EntityState {
  id: string;
  /** `entity_type` and `entity_name`, derived from the id when first needed. */
  typeAndName: readonly [type: string, name: string] | undefined;
  // One plain array of 18 rather than three of 6, or typed arrays: import allocates one per entity,
  // and V8 allocates plain arrays several times faster.
  numbers: number[];
  // Witness lists are never changed in place, only replaced: clones share them, and every entity
  // without witnesses shares one empty list.
  witnessedBy: readonly string[];
  hasWitnessed: readonly string[];
  actionCount: number;
  successCount: number;
  witnessCount: number;
  createdAt: EpochMs | null;
  createdAtText: string | undefined;
  lastAction: EpochMs | null;
  lastActionText: string | undefined;
  lastActivity: EpochMs | null;
  lastActivityText: string | undefined;
  /** What the hooks saw of its calls (frozen: shared by clones, replaced on change). */
  callEvidence: CallEvidence | undefined;
  /** Fields this version does not know, kept so that a newer version's file loses nothing. */
  extra: Record<string, unknown> | undefined;
  /**
   * How many entities may share this state: clones share it, and the first to change copies it
   * (copy-on-write). Stores clone on every read and import, so this saves most of their copying.
   */
  sharers: number;
}

/** Where the scores are in `EntityState.numbers` (first, so that decay works on `numbers` as is). */
export const SCORES = 0;
/** Where the observation counts are. */
export const COUNTS = 6;
/**
 * Where the scores right after the last activity are: decay is always computed from these, so
 * sweeps never compound.
 */
export const AT_LAST_ACTIVITY = 12;

export const NO_IDS: readonly string[] = Object.freeze([]);

export function neutralState(id: string, now: EpochMs): EntityState {
  return {
    id,
    typeAndName: undefined,
    numbers: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    witnessedBy: NO_IDS,
    hasWitnessed: NO_IDS,
    actionCount: 0,
    successCount: 0,
    witnessCount: 0,
    createdAt: now,
    createdAtText: undefined,
    lastAction: null,
    lastActionText: undefined,
    lastActivity: null,
    lastActivityText: undefined,
    callEvidence: undefined,
    extra: undefined,
    sharers: 1,
  };
}

export function cloneState(s: EntityState): EntityState {
  return {
    id: s.id,
    typeAndName: s.typeAndName,
    numbers: s.numbers.slice(),
    witnessedBy: s.witnessedBy,
    hasWitnessed: s.hasWitnessed,
    actionCount: s.actionCount,
    successCount: s.successCount,
    witnessCount: s.witnessCount,
    createdAt: s.createdAt,
    createdAtText: s.createdAtText,
    lastAction: s.lastAction,
    lastActionText: s.lastActionText,
    lastActivity: s.lastActivity,
    lastActivityText: s.lastActivityText,
    callEvidence: s.callEvidence,
    // Unknown fields are a private copy that nothing changes in place (toJSON hands out copies): shared.
    extra: s.extra,
    sharers: 1,
  };
}
