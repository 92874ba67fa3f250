// The core's values that the PostgreSQL store uses, and the only way its files import them.
// postgres.cjs takes these from the bundle that loads it (node/build-bin.mjs), so that classes are
// the same classes; keeping the list to what is used keeps the rest of the core out of hook.cjs.
export {
  AdapterTrustStore, AlreadyAppliedError, EntityTrust, assertOperations, callStatsOf, listRowFrom, pendingChange, summaryAt, sweepEntity,
} from '../../core/index.js';
