// The bench files, in the order they run. Each runs in a Node process of its own (see run.ts).
import type { Bench } from './harness.js';

type BenchFile = () => Promise<{ default: (bench: Bench) => Promise<void> }>;

// The hooks run before the files bench: for a while after it, even after `sync`, the disk is busy
// with its 100,000 files, and a post hook's small writes wait on it (+10.8 and +13.7 ms over
// `node -e 0` in two full runs in that order, +8 to +9 ms alone on the same day). A user's hooks
// run on a disk that is not removing 100,000 files.
export const BENCH_FILES: Record<string, BenchFile> = {
  core: () => import('./core.bench.js'),
  hooks: () => import('./hooks.bench.js'),
  files: () => import('./files.bench.js'),
  extension: () => import('./extension.bench.js'),
  ui: () => import('./ui.bench.js'),
  postgres: () => import('./postgres.bench.js'),
  bridge: () => import('./bridge.bench.js'),
};
