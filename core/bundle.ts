// The bundle's two jobs live in their own modules: the wire format (bundle-format.ts) and import
// planning (import-plan.ts). This module keeps the names the rest of the code imports from here.
export {
  BUNDLE_FORMAT, BUNDLE_VERSION, compareIds, createBundle, serializeBundle, type TrustBundle,
} from './bundle-format.js';
export {
  planImport, summarizePlan,
  type ImportMode, type ImportPlan, type ImportPlanSummary, type RejectedEntity,
} from './import-plan.js';
