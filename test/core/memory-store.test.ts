import { expect, it } from 'vitest';
import { EntityTrust, MemoryTrustStore } from '../../core/index.js';
import { ManualClock, describeTrustStoreContract } from '../contract/trust-store-contract.js';

describeTrustStoreContract('MemoryTrustStore', async ({ clock }) => ({ store: new MemoryTrustStore({ clock }) }));

it('reports an import\'s progress every 5,000 entities written, and at its end', async () => {
  const clock = new ManualClock();
  const store = new MemoryTrustStore({ clock });
  const entities = Array.from({ length: 10_001 }, (_, i) => EntityTrust.create(`mcp:${i}`, clock.now()).toJSON());
  const steps: unknown[] = [];
  await store.importBundle(entities, 'merge', { onProgress: (step) => steps.push(step) });
  expect(steps).toEqual([
    { phase: 'plan', done: 0, total: 0 },
    { phase: 'write', done: 5000, total: 10_001 },
    { phase: 'write', done: 10_000, total: 10_001 },
    { phase: 'write', done: 10_001, total: 10_001 },
  ]);
});
