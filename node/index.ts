// web4-trust/node: the file store compatible with ~/.web4, and what the CLI and the Claude Code hooks use.
export { FileTrustStore, LOCK_DIR_NAME, type FileProblem, type FileTrustStoreOptions } from './file-store.js';
export { ENTITY_FILE_NAME, EntityFileError, entityFileName, formatEntityFile, parseEntityFile } from './entity-file.js';
export { LockTimeoutError } from './locks.js';
export { defaultStoreDir, hookErrorLogPath } from './paths.js';
export { QUARANTINE_DIR_NAME, examineStore, quarantine, type Examination, type Finding, type FindingKind } from './doctor.js';
export {
  MCP_MATCHER, hooksSnippet, installHooks, isOurCommand, settingsPath, uninstallHooks, withOurHooks, withoutOurHooks,
  type SettingsChange, type SettingsScope,
} from './claude-settings.js';
export { HOOK_EVENTS, HOOK_MAGNITUDE, isHookEvent, runHook, type HookEvent } from './hook/run-hook.js';
export { HookInputError, mcpServerOf, parseHookInput, toolFailed, type HookInput } from './hook/hook-input.js';
export { HOOK_LOCK_TIMEOUT_MS, hookMain, hookStore } from './hook/hook-main.js';
