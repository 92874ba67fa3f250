import { planImport, type ImportMode, type ImportPlan } from './bundle.js';
import type { DecayConfig } from './decay.js';
import { assertEntityId } from './entity-id.js';
import { assertMagnitude, type EntityTrust } from './entity.js';
import { TrustFormatError } from './errors.js';
import type { EpochMs } from './time.js';

// What every store does the same way; stores add only how they read and write.

/** An outcome at `now` lands on the entity's decayed state and starts a new decay period. */
export function recordOutcome(
  entity: EntityTrust, success: boolean, magnitude: number, now: EpochMs, decay: DecayConfig,
): void {
  assertMagnitude(magnitude);
  entity.decayTo(now, decay);
  entity.updateFromOutcome(success, magnitude, now);
}

/**
 * `witness` observed `target` at `now`: the target receives, then the witness gives. For a
 * self-witness pass the same object twice. Validates everything before changing anything.
 */
export function recordWitness(
  witness: EntityTrust, target: EntityTrust, success: boolean, magnitude: number, now: EpochMs, decay: DecayConfig,
): void {
  assertMagnitude(magnitude);
  target.decayTo(now, decay);
  if (witness !== target) witness.decayTo(now, decay);
  target.receiveWitness(witness.entityId, success, magnitude, now);
  witness.giveWitness(target.entityId, success, magnitude, now);
}

/** Checks both ids of a witness before a store touches anything. */
export function assertWitnessIds(witnessId: string, targetId: string): void {
  assertEntityId(witnessId);
  assertEntityId(targetId);
}

/** Plans an import and throws when the input as a whole is unusable, so that nothing is applied. */
export function planImportOrThrow(current: Iterable<EntityTrust>, input: unknown, mode: ImportMode): ImportPlan {
  const plan = planImport(current, input, { mode });
  if (plan.error !== undefined) throw new TrustFormatError('', plan.error);
  return plan;
}
