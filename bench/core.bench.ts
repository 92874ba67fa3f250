// Core engine throughput. Targets: the upstream Rust release build on this machine.
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, MemoryTrustStore, type Clock } from '../core/index.js';
import { opsPerSecond, type Bench } from './harness.js';

const T0 = Date.UTC(2026, 10, 24);

export default async function run(bench: Bench): Promise<void> {
  const entity = EntityTrust.create('mcp:bench', T0);
  bench.report({
    name: 'EntityTrust.updateFromOutcome (one entity)',
    unit: 'ops/s',
    target: '≥ 10.7 M/s (Rust)',
    value: await opsPerSecond((n) => {
      for (let i = 0; i < n; i++) entity.updateFromOutcome((i & 3) !== 0, 0.1, T0);
    }, { n: 2_000_000 }),
  });

  const store = new MemoryTrustStore({ clock: { now: () => T0 } });
  bench.report({
    name: 'MemoryTrustStore.witness',
    unit: 'ops/s',
    target: '≥ 1.38 M/s (Rust)',
    value: await opsPerSecond(async (n) => {
      for (let i = 0; i < n; i++) await store.witness('session:s', 'mcp:bench', (i & 1) === 0, 0.1);
    }, { n: 300_000 }),
  });

  const decaying = EntityTrust.create('mcp:decay', T0);
  decaying.updateFromOutcome(true, 1, T0);
  bench.report({
    name: 'EntityTrust.applyDecay',
    unit: 'ops/s',
    target: '≥ 22.6 M/s (Rust)',
    value: await opsPerSecond((n) => {
      for (let i = 0; i < n; i++) decaying.applyDecay(0.001, 0.01);
    }, { n: 5_000_000 }),
  });

  const big = await populatedStore(100_000);
  let day = 1;
  bench.report({
    name: 'MemoryTrustStore.sweepDecay, 100,000 entities',
    unit: 'entities/s',
    target: '≥ 1.18 M/s (Rust)',
    value: await opsPerSecond(async (n) => {
      for (let done = 0; done < n; done += 100_000) await big.store.sweepDecay(T0 + day++ * MS_PER_DAY, DEFAULT_DECAY);
    }, { n: 100_000, runs: 7 }),
  });

  bench.report({
    name: 'export + import, 100,000 entities as one bundle',
    unit: 'entities/s',
    target: '≥ 290 k/s (Rust)',
    value: await opsPerSecond(async (n) => {
      for (let done = 0; done < n; done += 100_000) {
        const bundle = await big.store.exportBundle();
        await new MemoryTrustStore({ clock: big.clock }).importBundle(bundle, 'merge');
      }
    }, { n: 100_000, runs: 9 }),
  });

  bench.report({
    name: '… the same through a JSON string (stringify + parse)',
    unit: 'entities/s',
    value: await opsPerSecond(async (n) => {
      for (let done = 0; done < n; done += 100_000) {
        const text = JSON.stringify(await big.store.exportBundle());
        await new MemoryTrustStore({ clock: big.clock }).importBundle(JSON.parse(text), 'merge');
      }
    }, { n: 100_000, runs: 9 }),
  });
}

async function populatedStore(count: number): Promise<{ store: MemoryTrustStore; clock: Clock }> {
  const clock = { now: () => T0 };
  const store = new MemoryTrustStore({ clock });
  const types = ['mcp', 'role', 'session', 'ref', 'lct'];
  for (let i = 0; i < count; i++) {
    const id = `${types[i % types.length]}:entity-${i}`;
    await store.update(id, i % 3 !== 0, 0.5);
    if (i % 10 === 0) await store.witness(`session:w${i % 97}`, id, true, 0.2);
  }
  return { store, clock };
}
