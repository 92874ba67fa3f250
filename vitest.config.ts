import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    // A throwaway PostgreSQL cluster for the PostgreSQL store's tests (see the file).
    globalSetup: ['test/support/postgres-server.ts'],
    projects: [
      {
        // Core, Node side, and extension code against WXT's fakeBrowser and fake-indexeddb.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/e2e/**'],
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        // Real browsers and spawned processes: one file at a time, so that 2 cores are not overrun.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
