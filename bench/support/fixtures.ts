// Fixtures as users have them: distinct entities of mixed types, last active 30 days ago (so that
// decay really changes them), stored through the public API or as real entity files.
import { core, type EntityTrust } from './lib.js';

export const DAY = core.MS_PER_DAY;
export const IDLE_DAYS = 30;
const TYPES = ['mcp', 'role', 'session'];

export function entityId(i: number): string {
  return `${TYPES[i % TYPES.length]!}:entity-${i}`;
}

/**
 * Entity `i`: five outcomes (four successes, magnitudes varying by entity) at `at`, and for one in
 * ten a witness, so training, temperament, valuation and validity all sit well above the floor.
 */
export function idleEntity(i: number, at = Date.now() - IDLE_DAYS * DAY): EntityTrust {
  const entity = core.EntityTrust.create(entityId(i), at - DAY);
  const magnitude = 0.5 + (i % 50) / 100;
  for (let k = 0; k < 5; k++) entity.updateFromOutcome(k !== 2, magnitude, at);
  if (i % 10 === 0) entity.receiveWitness(`session:witness-${i % 97}`, true, 0.5, at);
  return entity;
}

export function idleEntities(count: number): EntityTrust[] {
  const at = Date.now() - IDLE_DAYS * DAY;
  return Array.from({ length: count }, (_, i) => idleEntity(i, at));
}

/** A MemoryTrustStore on the system clock holding `count` idle entities. */
export async function idleMemoryStore(count: number): Promise<InstanceType<typeof core.MemoryTrustStore>> {
  const store = new core.MemoryTrustStore();
  for (const entity of idleEntities(count)) await store.save(entity);
  return store;
}
