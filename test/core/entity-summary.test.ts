import fc from 'fast-check';
import { expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, listRowOf, summaryAt, summaryOf } from '../../core/index.js';

it('summaryOf: what a list row shows of an entity', () => {
  const e = EntityTrust.fromJSON({
    entity_id: 'mcp:github', talent: 1, training: 0.6, temperament: 0.9, valuation: 0.3, veracity: 0.6, validity: 0.3,
    last_activity: '2026-11-24T15:01:21.154Z',
  });
  expect(summaryOf(e)).toStrictEqual({
    entity_id: 'mcp:github', entity_type: 'mcp', t3_average: expect.closeTo(2.5 / 3, 15), v3_average: expect.closeTo(0.4, 15),
    trust_level: 'high', last_activity: Date.UTC(2026, 10, 24, 15, 1, 21, 154),
  });
  expect(summaryOf(EntityTrust.create('plain', 0)).last_activity).toBeNull();
});

it('summaryAt from the scores at last activity is exactly the summary of the entity decayed to that moment', () => {
  const score = fc.double({ min: 0, max: 1, noNaN: true });
  fc.assert(fc.property(
    fc.array(fc.tuple(fc.boolean(), score, fc.integer({ min: 0, max: 40 * MS_PER_DAY })), { maxLength: 12 }),
    fc.integer({ min: 0, max: 400 * MS_PER_DAY }), fc.integer({ min: 0, max: 400 * MS_PER_DAY }),
    (outcomes, sweptAfter, readAfter) => {
      let at = Date.UTC(2026, 0, 1);
      const entity = EntityTrust.create('mcp:x', at);
      for (const [success, magnitude, after] of outcomes) entity.updateFromOutcome(success, magnitude, (at += after));
      // A sweep in between, as stored rows have had: reads still start from the scores at last activity.
      entity.decayTo(at + sweptAfter, DEFAULT_DECAY);
      const now = at + readAfter;
      expect(summaryAt(entity.entityId, entity.entityType, entity.lastActivity, entity.scoresAtLastActivity, 0, now, DEFAULT_DECAY))
        .toStrictEqual(summaryOf(entity.stateAt(now, DEFAULT_DECAY)));
    },
  ));
  const never = EntityTrust.fromJSON({ entity_id: 'ref:x', talent: 0.9, training: 0.2, temperament: 0.4, valuation: 0.7, veracity: 0.1, validity: 0.3 });
  expect(never.scoresAtLastActivity).toEqual([0.9, 0.2, 0.4, 0.7, 0.1, 0.3]);
  expect(listRowOf(never)).toMatchObject({ action_count: 0, success_count: 0, witness_count: 0, entity_id: 'ref:x' });
});
