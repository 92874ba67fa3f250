import type { EpochMs } from './time.js';

/**
 * Everything an entity holds. Scores, counts and the scores at last activity are indexed by the
 * constants in `dimensions.ts`. Timestamps keep the text they were read from, so that upstream's
 * nanosecond timestamps survive a round trip; the text is dropped when the time changes.
 */
export interface EntityState {
  id: string;
  // Plain arrays of 6, not typed arrays: V8 allocates and copies them several times faster, and
  // entities are cloned on every store read.
  scores: number[];
  counts: number[];
  /** Scores right after the last activity: decay is always computed from these, so sweeps never compound. */
  scoresAtLastActivity: number[];
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
  /** Fields this version does not know, kept so that a newer version's file loses nothing. */
  extra: Record<string, unknown> | undefined;
  /**
   * How many entities may share this state: clones share it, and the first to change copies it
   * (copy-on-write). Stores clone on every read and import, so this saves most of their copying.
   */
  sharers: number;
}

export const NO_IDS: readonly string[] = Object.freeze([]);

export function neutralState(id: string, now: EpochMs): EntityState {
  return {
    id,
    scores: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    counts: [0, 0, 0, 0, 0, 0],
    scoresAtLastActivity: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
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
    extra: undefined,
    sharers: 1,
  };
}

export function cloneState(s: EntityState): EntityState {
  return {
    id: s.id,
    scores: s.scores.slice(),
    counts: s.counts.slice(),
    scoresAtLastActivity: s.scoresAtLastActivity.slice(),
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
    extra: s.extra && structuredClone(s.extra),
    sharers: 1,
  };
}
