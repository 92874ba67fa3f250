// Child process for the memory row: builds `count` idle entities in a MemoryTrustStore, sweeps
// them (unless told `build-only`), and prints the summary; its peak RSS is what the row reports
// (see spawn.ts).
import { idleMemoryStore } from './fixtures.js';

const count = Number(process.argv[2]);
const store = await idleMemoryStore(count);
const summary = process.argv[3] === 'build-only' ? { scanned: 0, changed: 0, removed: 0 } : await store.sweepDecay();
process.stdout.write(JSON.stringify({ ...summary, count: await store.count() }));
