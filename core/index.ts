// web4-trust: the trust engine. Browser-safe: no DOM, no Node built-ins, no extension APIs.
export { EntityTrust, MAX_KEPT_WITNESS_IDS, assertMagnitude, successRateOf } from './entity.js';
export type { EntityJson, ParseOptions } from './entity-json.js';
export { entityFileName } from './entity-file-name.js';
export {
  BRIDGE_HOST_NAME, BRIDGE_PROTOCOL, hostMessageProblem, requestProblem,
  type BridgeChange, type BridgeErrorCode, type BridgeMessage, type BridgeRequest, type ChangeResult, type HelloResult,
  type SyncPage, type SyncResult,
} from './bridge-protocol.js';
export {
  FAILURE_KINDS, MAX_DURATION_MS, MAX_TOOLS, NO_CALL_STATS, RECENT_CALLS, RECENT_FAILURES, RECENT_TOOL_CALLS, callStatsOf, isFailureKind,
  percentile, toolNameProblem, toolStatsOf,
  type CallEvidence, type CallRecord, type CallStats, type FailureKind, type FailureNote, type ToolEvidence, type ToolStats,
} from './call-evidence.js';
export { listRowFrom, listRowOf, summaryAt, summaryOf, type EntityListRow, type EntitySummary } from './entity-summary.js';
export { TrustFormatError } from './errors.js';
export {
  DIMENSIONS, TRUST_LEVELS, confidenceOf, isLowTrust, trustLevelOf,
  type Dimension, type T3Dimension, type V3Dimension, type TrustLevel,
} from './dimensions.js';
export {
  DEFAULT_DECAY, DECAY_FLOOR, assertDecayConfig, scoresAt, type DecayConfig, type Scores,
} from './decay.js';
export {
  DEFAULT_SWEEP_RULE, assertSweepConfig, assertSweepRule, sweepEntity, sweepKeepsUntil, type SweepAction, type SweepRule,
} from './sweep-rule.js';
export { MAX_ENTITY_ID_LENGTH, assertEntityId, entityIdProblem, entityNameOf, entityTypeOf } from './entity-id.js';
export {
  BUNDLE_FORMAT, BUNDLE_VERSION, compareIds, createBundle, serializeBundle, type TrustBundle,
} from './bundle-format.js';
export {
  planImport, summarizePlan, type ImportMode, type ImportPlan, type ImportPlanSummary, type RejectedEntity,
} from './import-plan.js';
export {
  MAX_CHAIN_DEPTH, MAX_LINKS_PER_ENTITY, buildWitnessingChain,
  type ChainLink, type EntityLookup, type WitnessingChain,
} from './chain.js';
export type {
  EntityFilter, ImportOptions, ImportProgressStep, SweepSummary, TrustStore, TrustStoreOptions,
} from './store/trust-store.js';
export { AlreadyAppliedError, type ChangeEvent, type Durability, type EntityChange, type StorageAdapter, type StoreChange } from './store/storage-adapter.js';
export { AdapterTrustStore } from './store/adapter-trust-store.js';
export { pendingChange } from './store/pending-change.js';
export { MemoryAdapter, MemoryTrustStore } from './store/memory-store.js';
export {
  applyOperations, assertOperations, assertWitnessIds, mergeEntity, operationIds, planImportOrThrow, recordOutcome,
  recordWitness, type TrustOperation,
} from './store/operations.js';
export { MS_PER_DAY, formatTimestamp, parseTimestamp, systemClock, type Clock, type EpochMs } from './time.js';
