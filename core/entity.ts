import { assertCallRecord, withCall, type CallEvidence, type CallRecord } from './call-evidence.js';
import {
  TEMPERAMENT_K, VALUATION_K, assertDecayArguments, assertDecayConfig, decayDays, decayFactor, decayScores, decayed,
  type DecayConfig,
} from './decay.js';
import {
  DIMENSIONS, TALENT, TEMPERAMENT, TRAINING, VALIDITY, VALUATION, VERACITY,
  confidenceOf, trustLevelOf, type Dimension, type TrustLevel,
} from './dimensions.js';
import { assertEntityId } from './entity-id.js';
import { MAX_COUNT, parseEntityState, stateToJson, typeAndNameOf, type EntityJson, type ParseOptions } from './entity-json.js';
import { AT_LAST_ACTIVITY, COUNTS, SCORES, cloneState, neutralState, type EntityState } from './entity-state.js';
import type { EpochMs } from './time.js';

/**
 * Trust in one entity: T3 (talent, training, temperament) and V3 (valuation, veracity, validity),
 * each in [0,1], moved by outcomes and witnessing, and decayed by inactivity.
 *
 * Methods that record activity take an optional `now` (epoch ms) so that callers control time.
 */
export class EntityTrust {
  #s: EntityState;

  // Every entity is built by a factory below from a state that is already valid.
  private constructor(state: EntityState) {
    this.#s = state;
  }

  /** A new, neutral entity: every score 0.5, no observations, created at `now`. */
  static create(entityId: string, now: EpochMs = Date.now()): EntityTrust {
    assertEntityId(entityId);
    return new EntityTrust(neutralState(entityId, now));
  }

  /** Reads canonical 3-D or legacy 6-D JSON; throws `TrustFormatError` naming the JSON path of a problem. */
  static fromJSON(value: unknown, path = '', options?: ParseOptions): EntityTrust {
    return new EntityTrust(parseEntityState(value, path, options));
  }

  /** The entity at rest, in upstream's snake_case layout plus our decay fields and any unknown fields. */
  toJSON(): EntityJson {
    return stateToJson(this.#s);
  }

  /** An independent copy (cheap: the state is shared until either side changes). */
  clone(): EntityTrust {
    // Stryker disable next-line UpdateOperator: copy-on-write is invisible; a wrong count only costs a copy.
    this.#s.sharers++;
    return new EntityTrust(this.#s);
  }

  // --- Identity and counters -------------------------------------------------------------------

  get entityId(): string { return this.#s.id; }
  get entityType(): string { return typeAndNameOf(this.#s)[0]; }
  get entityName(): string { return typeAndNameOf(this.#s)[1]; }
  get actionCount(): number { return this.#s.actionCount; }
  get successCount(): number { return this.#s.successCount; }
  get witnessCount(): number { return this.#s.witnessCount; }
  get witnessedBy(): readonly string[] { return this.#s.witnessedBy.slice(); }
  get hasWitnessed(): readonly string[] { return this.#s.hasWitnessed.slice(); }
  /** Epoch ms, or null when unknown (some upstream files have none). */
  get createdAt(): EpochMs | null { return this.#s.createdAt; }
  /** Epoch ms of the last recorded outcome, or null. */
  get lastAction(): EpochMs | null { return this.#s.lastAction; }
  /** Epoch ms of the latest outcome or witness involving this entity, or null; decay starts here. */
  get lastActivity(): EpochMs | null { return this.#s.lastActivity; }

  // --- Scores ------------------------------------------------------------------------------------

  // The scores are the first six numbers (SCORES is 0).
  get talent(): number { return this.#s.numbers[TALENT]!; }
  get training(): number { return this.#s.numbers[TRAINING]!; }
  get temperament(): number { return this.#s.numbers[TEMPERAMENT]!; }
  get valuation(): number { return this.#s.numbers[VALUATION]!; }
  get veracity(): number { return this.#s.numbers[VERACITY]!; }
  get validity(): number { return this.#s.numbers[VALIDITY]!; }

  get t3Average(): number {
    const s = this.#s.numbers;
    return (s[TALENT]! + s[TRAINING]! + s[TEMPERAMENT]!) / 3;
  }

  get v3Average(): number {
    const s = this.#s.numbers;
    return (s[VALUATION]! + s[VERACITY]! + s[VALIDITY]!) / 3;
  }

  get trustLevel(): TrustLevel { return trustLevelOf(this.t3Average); }

  /**
   * The six scores (T3 then V3) right after the last activity, from which decay is computed: what
   * lists keep to show the entity at any moment without reading it whole (see `summaryAt`).
   */
  get scoresAtLastActivity(): number[] {
    // Never active: never decayed, so the scores themselves.
    const from = this.#s.lastActivity === null ? SCORES : AT_LAST_ACTIVITY;
    return this.#s.numbers.slice(from, from + 6);
  }

  /** success_count / action_count, or 0.5 before any action. */
  get successRate(): number {
    return successRateOf(this.#s.actionCount, this.#s.successCount);
  }

  /** The score of one dimension by name. */
  score(dimension: Dimension): number {
    return this.#s.numbers[SCORES + DIMENSIONS.indexOf(dimension)]!;
  }

  /** How many outcomes or witnesses have moved this dimension. */
  observations(dimension: Dimension): number {
    return this.#s.numbers[COUNTS + DIMENSIONS.indexOf(dimension)]!;
  }

  /** min(1, ln(1 + observations) / ln 10): 0 with no evidence, 1 from 9 observations on. */
  confidence(dimension: Dimension): number {
    return confidenceOf(this.observations(dimension));
  }

  // --- Evidence ----------------------------------------------------------------------------------

  /** Records that this entity's action succeeded or failed, with magnitude `m` (clamped to [0,1]). */
  updateFromOutcome(success: boolean, magnitude: number, now: EpochMs = Date.now()): void {
    const m = clampMagnitude(magnitude);
    const s = this.#own();
    s.actionCount = counted(s.actionCount);
    if (success) s.successCount = counted(s.successCount);
    const training = s.numbers[SCORES + TRAINING]!;
    const d = success ? m * 0.05 * (1 - training) : -m * 0.1 * training;
    this.#apply(TRAINING, d);
    this.#apply(TEMPERAMENT, d * 0.5);
    this.#apply(TALENT, d * 0.3);
    this.#apply(VALUATION, 0.01);
    s.lastAction = now;
    s.lastActionText = undefined;
    this.#recordActivity(now);
  }

  /** Records that `witnessId` observed this entity succeed or fail. */
  receiveWitness(witnessId: string, success: boolean, magnitude: number, now: EpochMs = Date.now()): void {
    assertEntityId(witnessId);
    const m = clampMagnitude(magnitude);
    const s = this.#own();
    s.witnessCount = counted(s.witnessCount);
    if (!s.witnessedBy.includes(witnessId)) s.witnessedBy = appended(s.witnessedBy, witnessId);
    const temperament = s.numbers[SCORES + TEMPERAMENT]!;
    this.#apply(TEMPERAMENT, success ? m * 0.03 * (1 - temperament) : -m * 0.05 * temperament);
    const veracity = s.numbers[SCORES + VERACITY]!;
    this.#apply(VERACITY, success ? m * 0.8 * (1 - veracity) : -m * 0.5 * veracity);
    this.#apply(VALIDITY, 0.01);
    this.#recordActivity(now);
  }

  /** Records that this entity observed `targetId`; witnessing is itself a contribution either way. */
  giveWitness(targetId: string, success: boolean, magnitude: number, now: EpochMs = Date.now()): void {
    assertEntityId(targetId);
    const m = clampMagnitude(magnitude);
    const s = this.#own();
    if (!s.hasWitnessed.includes(targetId)) s.hasWitnessed = appended(s.hasWitnessed, targetId);
    const temperament = s.numbers[SCORES + TEMPERAMENT]!;
    this.#apply(TEMPERAMENT, (success ? 0.02 : 0.01) * m * (1 - temperament));
    this.#apply(VALUATION, 0.005);
    this.#recordActivity(now);
  }

  /** What the hooks saw of this entity's calls, or undefined before the first (frozen). */
  get callEvidence(): CallEvidence | undefined { return this.#s.callEvidence; }

  /** Adds one finished call to the call evidence; the trust scores are moved by outcomes and witnesses only. */
  recordCall(call: CallRecord, now: EpochMs = Date.now()): void {
    assertCallRecord(call);
    const s = this.#own();
    s.callEvidence = withCall(s.callEvidence, call, now);
  }

  // --- Decay -------------------------------------------------------------------------------------

  /**
   * Upstream's decay step on the current scores: f = (1 − rate)^days; training and validity lose
   * (x − 0.3)·f, temperament ·0.98, valuation ·0.99; talent and veracity never decay; scores at or
   * below 0.3 stay. Returns whether training moved by more than 0.001.
   *
   * Repeated calls compound. Stores use `decayTo`, which is time-consistent.
   */
  applyDecay(days: number, rate: number): boolean {
    assertDecayArguments(days, rate);
    if (days <= 0) return false;
    const { numbers } = this.#own();
    const before = numbers[SCORES + TRAINING]!;
    decayScores(numbers, days, rate);
    // Stryker disable next-line EqualityOperator: the change is a multiple of 2^-54, which 0.001 is not, so never equal.
    return Math.abs(before - numbers[SCORES + TRAINING]!) > 0.001;
  }

  /**
   * Sets the scores to their state at `now`: the scores right after the last activity, decayed by
   * the inactive days beyond the grace period. Calling it any number of times, at any moments, gives
   * the same result as calling it once. Returns whether any score changed.
   *
   * With `minChange` > 0 the scores are set only if one of them would move by at least that much
   * (what a sweep writes back); otherwise they stay as they are and it returns false.
   */
  decayTo(now: EpochMs, config: DecayConfig, minChange = 0): boolean {
    assertDecayConfig(config);
    const s = this.#s;
    const lastActivity = s.lastActivity;
    if (lastActivity === null) return false;
    // What scoresAt does, spelled out with locals: sweeps and reads do this per entity, and V8 runs
    // it 1.3× as fast as with a loop over DECAY_K and a buffer.
    const n = s.numbers;
    const talent = n[AT_LAST_ACTIVITY + TALENT]!;
    let training = n[AT_LAST_ACTIVITY + TRAINING]!;
    let temperament = n[AT_LAST_ACTIVITY + TEMPERAMENT]!;
    let valuation = n[AT_LAST_ACTIVITY + VALUATION]!;
    const veracity = n[AT_LAST_ACTIVITY + VERACITY]!;
    let validity = n[AT_LAST_ACTIVITY + VALIDITY]!;
    const days = decayDays(lastActivity, now, config);
    if (days > 0) {
      const f = decayFactor(days, config.ratePerDay);
      training = decayed(training, f, 1);
      temperament = decayed(temperament, f, TEMPERAMENT_K);
      valuation = decayed(valuation, f, VALUATION_K);
      validity = decayed(validity, f, 1);
    }
    const moved = Math.max(
      Math.abs(talent - n[SCORES + TALENT]!), Math.abs(training - n[SCORES + TRAINING]!),
      Math.abs(temperament - n[SCORES + TEMPERAMENT]!), Math.abs(valuation - n[SCORES + VALUATION]!),
      Math.abs(veracity - n[SCORES + VERACITY]!), Math.abs(validity - n[SCORES + VALIDITY]!),
    );
    if (moved === 0 || moved < minChange) return false;
    const scores = this.#own().numbers;
    scores[SCORES + TALENT] = talent;
    scores[SCORES + TRAINING] = training;
    scores[SCORES + TEMPERAMENT] = temperament;
    scores[SCORES + VALUATION] = valuation;
    scores[SCORES + VERACITY] = veracity;
    scores[SCORES + VALIDITY] = validity;
    return true;
  }

  /**
   * The entity as it stands at `now`: a copy decayed by the inactivity since its last activity,
   * without changing this one. What reads show (decay is time-consistent, so no sweep is needed).
   */
  stateAt(now: EpochMs, config: DecayConfig): EntityTrust {
    const copy = this.clone();
    copy.decayTo(now, config);
    return copy;
  }

  // --- Internals ---------------------------------------------------------------------------------

  /** The state, copied first if another entity shares it: call before any change. */
  #own(): EntityState {
    const s = this.#s;
    // Stryker disable next-line ConditionalExpression: copying an unshared state too gives the same entity, slower.
    if (s.sharers === 1) return s;
    // Stryker disable next-line UpdateOperator: a count too high only costs a later copy.
    s.sharers--;
    return (this.#s = cloneState(s));
  }

  /** Adds `delta` to one dimension, clamped to [0,1]; it counts as an observation even if clamped away. */
  #apply(dimension: number, delta: number): void {
    const n = this.#s.numbers;
    n[SCORES + dimension] = Math.min(1, Math.max(0, n[SCORES + dimension]! + delta));
    n[COUNTS + dimension] = counted(n[COUNTS + dimension]!);
  }

  /** Starts a new decay period from the current scores. */
  #recordActivity(now: EpochMs): void {
    const s = this.#s;
    if (s.lastActivity === null || now > s.lastActivity) {
      s.lastActivity = now;
      s.lastActivityText = undefined;
    }
    copySix(s.numbers, SCORES, AT_LAST_ACTIVITY);
  }

  /** @internal For stores and import planning: the entity's whole state, for comparison. */
  static sameState(a: EntityTrust, b: EntityTrust): boolean {
    return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
  }

  /** @internal Adds ids to the witness lists that are not there yet; returns whether any was new. */
  unionWitnessLists(witnessedBy: readonly string[], hasWitnessed: readonly string[]): boolean {
    const s = this.#own();
    const before = s.witnessedBy.length + s.hasWitnessed.length;
    s.witnessedBy = union(s.witnessedBy, witnessedBy);
    s.hasWitnessed = union(s.hasWitnessed, hasWitnessed);
    return s.witnessedBy.length + s.hasWitnessed.length > before;
  }
}

/** `count` + 1, stopping at `MAX_COUNT`: a counter never grows past what the reader accepts. */
function counted(count: number): number {
  return count < MAX_COUNT ? count + 1 : MAX_COUNT;
}

/**
 * The most ids an entity's witness lists keep. Every Claude Code session witnesses the servers it
 * calls, so after a year `mcp:github` would carry thousands of session ids that every call rewrites;
 * the lists keep the most recent ids (`witness_count` still counts every witness). Lists read longer
 * (upstream keeps everything) are kept whole until the entity next witnesses or is witnessed.
 */
export const MAX_KEPT_WITNESS_IDS = 256;

/** `list` with `id` appended, dropping the oldest ids beyond `MAX_KEPT_WITNESS_IDS`. */
function appended(list: readonly string[], id: string): readonly string[] {
  const start = Math.max(0, list.length + 1 - MAX_KEPT_WITNESS_IDS);
  return [...list.slice(start), id];
}

/** Copies six numbers within `n`, from offset `from` to offset `to`. */
function copySix(n: number[], from: number, to: number): void {
  // Stryker disable next-line EqualityOperator: i <= 6 also writes a 19th number, which nothing reads.
  for (let i = 0; i < 6; i++) n[to + i] = n[from + i]!;
}

/**
 * `list` followed by the ids of `more` it lacks (the same array when it lacks none), the oldest
 * dropped beyond `MAX_KEPT_WITNESS_IDS`.
 */
function union(list: readonly string[], more: readonly string[]): readonly string[] {
  const known = new Set(list);
  const missing = more.filter((id) => !known.has(id) && (known.add(id), true));
  // Stryker disable next-line ConditionalExpression: a copy of `list` equals `list`; reusing it saves memory only.
  if (missing.length === 0) return list;
  return [...list, ...missing].slice(-MAX_KEPT_WITNESS_IDS);
}

/** Throws `RangeError` unless `m` is a finite number (any finite magnitude is then clamped to [0,1]). */
export function assertMagnitude(m: number): void {
  // Number.isFinite is false for anything that is not a number, too.
  if (!Number.isFinite(m)) {
    throw new RangeError(`magnitude must be a finite number, got ${String(m)}`);
  }
}

function clampMagnitude(m: number): number {
  assertMagnitude(m);
  return Math.min(1, Math.max(0, m));
}

/** successes / actions, or 0.5 (no evidence either way) before any action. */
export function successRateOf(actions: number, successes: number): number {
  return actions === 0 ? 0.5 : successes / actions;
}
