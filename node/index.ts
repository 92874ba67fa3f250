// web4-trust/node: the file store compatible with ~/.web4, and what the CLI and the Claude Code hooks use.
export { FileTrustStore, LOCK_DIR_NAME, type FileProblem, type FileTrustStoreOptions } from './file-store.js';
export { ENTITY_FILE_NAME, EntityFileError, entityFileName, formatEntityFile, parseEntityFile } from './entity-file.js';
export { LockTimeoutError } from './locks.js';
export { defaultStoreDir, hookErrorLogPath } from './paths.js';
