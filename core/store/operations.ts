import { compareIds } from '../bundle-format.js';
import { assertCallRecord, type CallRecord } from '../call-evidence.js';
import { planImport, type ImportMode, type ImportPlan } from '../import-plan.js';
import type { DecayConfig } from '../decay.js';
import { assertEntityId } from '../entity-id.js';
import { assertMagnitude, type EntityTrust } from '../entity.js';
import { TrustFormatError } from '../errors.js';
import type { EpochMs } from '../time.js';

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
 * `witness` observed `target` at `now`: the target receives, then the witness gives. Validates
 * everything before changing anything.
 */
export function recordWitness(
  witness: EntityTrust, target: EntityTrust, success: boolean, magnitude: number, now: EpochMs, decay: DecayConfig,
): void {
  assertMagnitude(magnitude);
  // Both ids are valid (entities hold only valid ids); one entity twice is not a witness.
  if (witness.entityId === target.entityId) throw selfWitness(witness.entityId);
  target.decayTo(now, decay);
  witness.decayTo(now, decay);
  target.receiveWitness(witness.entityId, success, magnitude, now);
  witness.giveWitness(target.entityId, success, magnitude, now);
}

/** Checks both ids of a witness before a store touches anything: valid, and not one entity twice. */
export function assertWitnessIds(witnessId: string, targetId: string): void {
  assertEntityId(witnessId);
  assertEntityId(targetId);
  if (witnessId === targetId) throw selfWitness(witnessId);
}

function selfWitness(entityId: string): RangeError {
  return new RangeError(`an entity cannot witness itself (${JSON.stringify(entityId)})`);
}

/** Plans an import and throws when the input as a whole is unusable, so that nothing is applied. */
export function planImportOrThrow(current: Iterable<EntityTrust>, input: unknown, mode: ImportMode): ImportPlan {
  const plan = planImport(current, input, { mode });
  if (plan.error !== undefined) throw new TrustFormatError('', plan.error);
  return plan;
}

/**
 * `incoming` merged into `stored` as an import in merge mode would: the entity to write, or
 * undefined when `stored` already holds everything `incoming` has.
 */
export function mergeEntity(stored: EntityTrust | undefined, incoming: EntityTrust): EntityTrust | undefined {
  // Stryker disable next-line ArrayDeclaration,ObjectLiteral,StringLiteral: equivalent, planImport skips non-entities in the current list and merges unless told to replace
  const plan = planImport(stored ? [stored] : [], [incoming.toJSON()], { mode: 'merge' });
  return plan.added[0] ?? plan.updated[0];
}

/** One recorded event, in a form that can be stored and applied later (a hook's journal, an outbox). */
export type TrustOperation =
  | { kind: 'outcome'; entityId: string; success: boolean; magnitude: number }
  | { kind: 'witness'; witnessId: string; targetId: string; success: boolean; magnitude: number }
  /** Evidence of one finished call (latency, failure kind): moves no score. */
  | { kind: 'call'; entityId: string; call: CallRecord };

/** The ids an operation list touches, sorted and without repeats: the order in which to lock them. */
export function operationIds(operations: readonly TrustOperation[]): string[] {
  // One outcome or one witness is what a store records most: no Set, no sort.
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, a fast path; the general path below gives the same ids
  if (operations.length === 1) {
    const op = operations[0]!;
    if (op.kind !== 'witness') return [op.entityId];
    // Stryker disable next-line EqualityOperator: equivalent, the two ids are never equal (a self-witness is refused first)
    return op.witnessId < op.targetId ? [op.witnessId, op.targetId] : [op.targetId, op.witnessId];
  }
  const ids = new Set<string>();
  for (const op of operations) {
    if (op.kind === 'witness') ids.add(op.witnessId).add(op.targetId);
    else ids.add(op.entityId);
  }
  return [...ids].sort(compareIds);
}

/** Throws before anything changes unless every operation is well formed. */
export function assertOperations(operations: readonly TrustOperation[]): void {
  for (const op of operations) {
    // Operations also come from files (the pending queue): the kind is checked, not assumed.
    switch (op.kind) {
      case 'outcome':
        assertEntityId(op.entityId);
        assertMagnitude(op.magnitude);
        break;
      case 'witness':
        assertWitnessIds(op.witnessId, op.targetId);
        assertMagnitude(op.magnitude);
        break;
      case 'call':
        assertEntityId(op.entityId);
        assertCallRecord(op.call);
        break;
      default:
        throw new TypeError(`unknown operation kind ${JSON.stringify((op as { kind: unknown }).kind)}`);
    }
  }
}

/**
 * Applies `operations` in order at `now` to `entities` (every id of `operationIds` must be present;
 * a missing entity is passed in as a new neutral one).
 */
export function applyOperations(
  entities: ReadonlyMap<string, EntityTrust>, operations: readonly TrustOperation[], now: EpochMs, decay: DecayConfig,
): void {
  assertOperations(operations);
  applyCheckedOperations(entities, operations, now, decay);
}

/** `applyOperations` for operations already checked with `assertOperations`. */
export function applyCheckedOperations(
  entities: ReadonlyMap<string, EntityTrust>, operations: readonly TrustOperation[], now: EpochMs, decay: DecayConfig,
): void {
  const entity = (id: string) => entities.get(id) ?? fail(id);
  for (const op of operations) {
    if (op.kind === 'outcome') recordOutcome(entity(op.entityId), op.success, op.magnitude, now, decay);
    else if (op.kind === 'call') entity(op.entityId).recordCall(op.call, now);
    else recordWitness(entity(op.witnessId), entity(op.targetId), op.success, op.magnitude, now, decay);
  }
}

function fail(id: string): never {
  throw new Error(`applyOperations: no entity ${JSON.stringify(id)} was passed in`);
}
