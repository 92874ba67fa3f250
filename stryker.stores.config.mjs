// Mutation testing of the store adapters: the second half of `npm run test:mutation`, with the
// core's settings except what it tests and how. `coverageAnalysis: 'all'`: with per-test coverage,
// Stryker's vitest runner missed tests that reach the adapters through the shared contract suite
// and reported killable mutants as survivors.
import core from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...core,
  vitest: { configFile: 'vitest.stores.config.ts' },
  mutate: [
    'core/store/*.ts',
    'node/store/folder-adapter.ts',
    'node/store/file-store.ts',
    'utils/store/indexed-db-adapter.ts',
    'utils/store/indexed-db-store.ts',
  ],
  coverageAnalysis: 'all',
  htmlReporter: { fileName: 'reports/mutation/stores.html' },
  tempDirName: '.stryker-tmp-stores',
  timeoutMS: 20_000,
};
