import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The store adapters' tests, for mutation testing (`npm run test:mutation`).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'test/core/memory-store.test.ts', 'test/core/operations.test.ts',
      'test/node/file-store.test.ts', 'test/node/folder-store.test.ts', 'test/node/pending-queue.test.ts',
      'test/extension/indexed-db-store.test.ts', 'test/extension/decay-sweep.test.ts',
    ],
    setupFiles: ['fake-indexeddb/auto'],
  },
});
