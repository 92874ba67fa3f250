// Child process for the memory row: builds `count` idle entities in a MemoryTrustStore, sweeps
// them, and prints the summary; its peak RSS is what the row reports (see spawn.ts).
import { idleMemoryStore } from './fixtures.js';

const count = Number(process.argv[2]);
const store = await idleMemoryStore(count);
const summary = await store.sweepDecay();
process.stdout.write(JSON.stringify({ ...summary, count: await store.count() }));
