import { MS_PER_DAY, type EpochMs } from './time.js';

/** Six scores in the order of `DIMENSIONS`, in a plain or a typed array. */
export type Scores = { [index: number]: number };

export interface DecayConfig {
  /** Fraction of the distance above the floor lost per day, in [0,1]. */
  ratePerDay: number;
  /** Days of inactivity before decay starts. */
  graceDays: number;
}

export const DEFAULT_DECAY: Readonly<DecayConfig> = Object.freeze({ ratePerDay: 0.01, graceDays: 1 });

/** Scores at or below the floor do not decay, and decay never takes a score below it. */
export const DECAY_FLOOR = 0.3;

/** Throws a `RangeError` unless `days` and `rate` are finite and `rate` is in [0,1]. */
export function assertDecayArguments(days: number, rate: number): void {
  if (!Number.isFinite(days)) throw new RangeError(`decay days must be a finite number, got ${days}`);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`decay rate must be a number in [0,1], got ${rate}`);
  }
}

/** Upstream's per-dimension factors: temperament and valuation decay a little faster. */
export const TEMPERAMENT_K = 0.98;
export const VALUATION_K = 0.99;

/**
 * Each dimension's factor k, in the order of `DIMENSIONS`; 0: talent and veracity never decay. Not
 * frozen: V8 read a frozen array's numbers more slowly (a sweep ~12 → ~9 M entities/s, measured).
 */
export const DECAY_K: readonly number[] = [0, 1, TEMPERAMENT_K, VALUATION_K, 0, 1];

/**
 * Upstream's decay factor f = (1 − rate)^days, for days > 0, computed as exp(days · ln(1 − rate)):
 * `**` costs 3.5 times as much as `Math.exp` here. f itself may be a few ulps further from exact
 * than `**` gives, but the decayed scores are as exact: against 200-bit arithmetic, over 30,000
 * random scores, rates and days, both are within 2 ulps, and exactly rounded 83% (exp) and 84%
 * (`**`) of the time.
 */
export function decayFactor(days: number, rate: number): number {
  return Math.exp(days * lnBase(rate));
}

/**
 * ln(1 − rate), of the rounded 1 − rate that `**` would raise, kept for the last rate asked: every
 * entity of a sweep or a list has the same rate.
 */
function lnBase(rate: number): number {
  if (rate !== lastRate) {
    lastLnBase = Math.log(1 - rate);
    lastRate = rate;
  }
  return lastLnBase;
}

let lastRate = NaN;
let lastLnBase = NaN;

/** The score of `dimension` anchored at `anchor`, decayed by the factor `f` (see `decayFactor`). */
function decayedScore(anchor: number, dimension: number, f: number): number {
  const k = DECAY_K[dimension]!;
  return k === 0 ? anchor : decayed(anchor, f, k);
}

/**
 * Decays `scores` in place by `days` at `rate` per day. Arguments must already be valid and
 * days > 0. The scores are the first six numbers of `scores`.
 */
export function decayScores(scores: Scores, days: number, rate: number): void {
  const f = decayFactor(days, rate);
  for (let i = 0; i < 6; i++) scores[i] = decayedScore(scores[i]!, i, f);
}

/** Days of inactivity beyond the grace period from `lastActivity` to `now` (≤ 0: none). */
export function decayDays(lastActivity: EpochMs, now: EpochMs, config: DecayConfig): number {
  return (now - lastActivity) / MS_PER_DAY - config.graceDays;
}

/**
 * Writes to `out[0..5]` the scores at `now` of an entity whose scores right after its last activity
 * (at `lastActivity`; null: never active, so never decayed) are `anchors[at..at + 5]`: decayed by the
 * inactive days beyond the grace period. `config` must already be valid.
 */
export function scoresAt(
  anchors: ArrayLike<number>, at: number, lastActivity: EpochMs | null, now: EpochMs, config: DecayConfig, out: Scores,
): void {
  // Stryker disable next-line EqualityOperator: i <= 6 also writes a 7th number, which nothing reads.
  for (let i = 0; i < 6; i++) out[i] = anchors[at + i]!;
  if (lastActivity === null) return;
  const days = decayDays(lastActivity, now, config);
  if (days > 0) decayScores(out, days, config.ratePerDay);
}

/**
 * Days after the grace period until a score anchored at `anchor` decays to `target` or below
 * (0 if it does as soon as decay starts; `Infinity` if it never does). `config` must be valid.
 */
export function daysUntilDecayedTo(anchor: number, k: number, target: number, config: DecayConfig): number {
  if (anchor <= DECAY_FLOOR || target <= DECAY_FLOOR) return Infinity;
  // 0.3 + (anchor − 0.3)·k·f ≤ target, with f = (1 − rate)^days as decayFactor computes it
  const f = (target - DECAY_FLOOR) / ((anchor - DECAY_FLOOR) * k);
  const ln = lnBase(config.ratePerDay);
  if (f >= 1 || ln === -Infinity) return 0;
  if (ln === 0) return Infinity;
  return Math.log(f) / ln;
}

/** One score decayed by the factor `f` = (1 − rate)^days and the dimension's factor `k`. */
export function decayed(x: number, f: number, k: number): number {
  // Upstream also lifts scores below the floor up to it; decay is not evidence, so we leave them.
  // Stryker disable next-line EqualityOperator: at x = 0.3 both branches give 0.3.
  return x <= DECAY_FLOOR ? x : Math.max(DECAY_FLOOR, DECAY_FLOOR + (x - DECAY_FLOOR) * f * k);
}

/** Throws unless `config` holds a finite rate in [0,1] and finite, non-negative grace days. */
export function assertDecayConfig(config: DecayConfig): void {
  assertDecayArguments(0, config.ratePerDay);
  if (!Number.isFinite(config.graceDays) || config.graceDays < 0) {
    throw new RangeError(`decay grace days must be a finite number ≥ 0, got ${config.graceDays}`);
  }
}
