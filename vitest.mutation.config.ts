import { defineConfig } from 'vitest/config';

// What `npm run test:mutation` runs for each mutant: the core's own unit tests only. The core is pure
// TypeScript, so neither WXT's plugin nor fake-indexeddb is needed, and each run stays short.
export default defineConfig({
  test: {
    include: ['test/core/**/*.test.ts'],
  },
});
