// Mutation testing of the store adapters: the second half of `npm run test:mutation`.
// `coverageAnalysis: 'all'`: with per-test coverage, Stryker's vitest runner missed tests that reach
// the adapters through the shared contract suite and reported killable mutants as survivors.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stores.config.ts' },
  mutate: [
    'core/store/*.ts',
    'node/store/folder-adapter.ts',
    'node/store/file-store.ts',
    'utils/store/indexed-db-adapter.ts',
    'utils/store/indexed-db-store.ts',
  ],
  coverageAnalysis: 'all',
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/stores.html' },
  thresholds: { high: 95, low: 95, break: 95 },
  tempDirName: '.stryker-tmp-stores',
  timeoutMS: 20_000,
  ignorePatterns: ['tmp', 'dist', '.output', 'plugin'],
  cleanTempDir: 'always',
};
