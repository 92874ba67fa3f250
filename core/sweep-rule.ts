import { DECAY_K, assertDecayConfig, daysUntilDecayedTo, type DecayConfig } from './decay.js';
import { DIMENSIONS } from './dimensions.js';
import type { EntityTrust } from './entity.js';
import { MS_PER_DAY, type EpochMs } from './time.js';

/**
 * What a decay sweep writes back. Reads compute every entity's state at now from its last activity,
 * so a sweep is only for tools that read the stored numbers (upstream's): it rewrites an entity when
 * one of its scores would move by at least `minChange`, and removes sessions idle past retention.
 */
export interface SweepRule {
  /** The least move of any score that makes a sweep rewrite an entity (0: any move). */
  minChange: number;
  /**
   * Days after its last activity that a `session:` entity is removed by a sweep (`Infinity` keeps
   * every session). One is created per Claude Code session, and none is used after it ends.
   */
  sessionRetentionDays: number;
}

export const DEFAULT_SWEEP_RULE: Readonly<SweepRule> = Object.freeze({ minChange: 0.001, sessionRetentionDays: 90 });

/** What a sweep does with one entity. */
export type SweepAction = 'keep' | 'write' | 'remove';

/** Throws unless `minChange` is in [0,1] and the retention is a number of days ≥ 0 (or `Infinity`). */
export function assertSweepRule(rule: SweepRule): void {
  if (!(rule.minChange >= 0 && rule.minChange <= 1)) {
    throw new RangeError(`the sweep's minimum change must be a number in [0,1], got ${rule.minChange}`);
  }
  if (!(rule.sessionRetentionDays >= 0)) {
    throw new RangeError(`session retention must be a number of days ≥ 0, got ${rule.sessionRetentionDays}`);
  }
}

/**
 * Decides, and does in `entity`, what a sweep at `now` does with it: `remove` an idle session,
 * `write` the decayed scores (already set in `entity`), or `keep` it as stored.
 */
export function sweepEntity(entity: EntityTrust, now: EpochMs, decay: DecayConfig, rule: SweepRule): SweepAction {
  const since = entity.lastActivity ?? entity.createdAt;
  // The time first: most entities are not past it, and the type is one more object to read.
  if (since !== null && now - since > rule.sessionRetentionDays * MS_PER_DAY && entity.entityType === 'session') {
    return 'remove';
  }
  return entity.decayTo(now, decay, rule.minChange) ? 'write' : 'keep';
}

/** How much earlier than computed `sweepKeepsUntil` says, so that rounding never makes it late. */
const KEEP_MARGIN_MS = 60_000;

/**
 * A moment before which no sweep does anything to `entity` but keep it, for an entity that a sweep
 * at `now` kept or has just written (`Infinity`: never). A store can skip reading an entity it has
 * not changed until then. It is the first moment one of its decaying scores falls by `minChange`
 * below its stored value (its other scores stay put, and a score above its stored value only falls
 * further from it), or a session passes its retention; less a minute against rounding.
 */
export function sweepKeepsUntil(entity: EntityTrust, now: EpochMs, decay: DecayConfig, rule: SweepRule): EpochMs {
  let until = Infinity;
  const since = entity.lastActivity ?? entity.createdAt;
  if (entity.entityType === 'session' && since !== null) until = since + rule.sessionRetentionDays * MS_PER_DAY;
  const lastActivity = entity.lastActivity;
  if (lastActivity !== null) {
    const anchors = entity.scoresAtLastActivity;
    const decayStarts = lastActivity + decay.graceDays * MS_PER_DAY;
    DECAY_K.forEach((k, dimension) => {
      if (k === 0) return;
      const target = entity.score(DIMENSIONS[dimension]!) - rule.minChange;
      const days = daysUntilDecayedTo(anchors[dimension]!, k, target, decay);
      until = Math.min(until, decayStarts + days * MS_PER_DAY);
    });
  }
  return Math.max(now, Math.floor(until - KEEP_MARGIN_MS));
}

/** Checks both parts of a sweep's configuration before any entity is touched. */
export function assertSweepConfig(decay: DecayConfig, rule: SweepRule): void {
  assertDecayConfig(decay);
  assertSweepRule(rule);
}
