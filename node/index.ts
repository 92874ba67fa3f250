// web4-trust/node: the file store compatible with ~/.web4, and what the CLI and the Claude Code hooks use.
export { FileTrustStore, LOCK_DIR_NAME, type FileProblem, type FileTrustStoreOptions } from './store/file-store.js';
export { ENTITY_FILE_NAME, EntityFileError, entityFileName, formatEntityFile, parseEntityFile } from './store/entity-file.js';
export { LockTimeoutError } from './store/file-locks.js';
export { defaultStoreDir, hookErrorLogPath } from './paths.js';
export { QUARANTINE_DIR_NAME, examineStore, quarantine, type Examination, type Finding, type FindingKind } from './doctor.js';
export {
  SETTINGS_SCOPES, installHooks, readSettings, settingsPath, uninstallHooks, type SettingsChange, type SettingsScope,
} from './claude-code/settings-file.js';
export {
  TOOL_MATCHER, hookCommand, hooksSnippet, isOtherWeb4Command, isOurCommand, withOurHooks, withoutOurHooks,
  type HookSetup,
} from './claude-code/our-hooks.js';
export { HookCommandError, PROJECT_BASE, assertPortable, hookCommandBase, isEphemeral, type Whereabouts } from './claude-code/hook-command.js';
export { duplicateWarnings, hooksStatus, type HooksStatus, type ScopeStatus } from './claude-code/hooks-status.js';
export {
  CLAUDE_EVENT_OF, HOOK_EVENTS, HOOK_MAGNITUDE, RECORD_MODES, isHookEvent, runHook,
  type HookEvent, type HookOptions, type HookStore, type RecordMode,
} from './hook/run-hook.js';
export {
  HookInputError, agentRoleOf, callResultOf, callSubjectOf, mcpServerOf, toolNameOf, parseHookInput, quoted, sessionEntityOf,
  type CallResult, type CallSubject, type HookInput,
} from './hook/hook-input.js';
export { MAX_SUMMARY_LENGTH, NOTABLE_FAILURE_RATE, callContext, recentTrouble, sessionSummary } from './hook/hook-context.js';
export { failureKindOf } from './hook/failure-kind.js';
export {
  RETRY_LOOP_CALLS, checkChain, sealRecord, type AuditFields, type AuditRecord, type ChainBreak, type ChainCheck,
} from './audit/audit-chain.js';
export { AuditDamagedError, AuditLog, DEFAULT_AUDIT_RETENTION_DAYS } from './audit/audit-log.js';
export { CallStarts } from './audit/call-starts.js';
export { auditDir, machineCallTrail, type CallTrail } from './audit/call-trail.js';
export { HOOK_LOCK_TIMEOUT_MS, hookMain, isDisabled, logStrayError, parseHookArgs } from './hook/hook-main.js';
export { openStore, type MachineStore, type OpenOptions, type StoreProblem } from './store/open-store.js';
export { CONFIG_KEYS, chooseStore, configPath, readConfig, web4Home, writeConfig, type Config, type StoreChoice } from './store/store-choice.js';
export { isPostgresUrl, redactUrl } from './postgres/settings.js';
export { VERSION } from './version.js';
