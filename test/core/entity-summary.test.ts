import { expect, it } from 'vitest';
import { EntityTrust, summaryOf } from '../../core/index.js';

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
