// web4-trust/postgres: the PostgreSQL store. It needs the `postgres` package (an optional peer
// dependency: `npm i postgres`); the `web4-trust` command line carries its own copy.
export { PostgresTrustStore, type PostgresTrustStoreOptions, type RowProblem } from './postgres-store.js';
export { isPostgresUrl, redactUrl } from './settings.js';
export { SCHEMA_VERSION, SchemaVersionError } from './schema.js';
export { DEFAULT_SCHEMA, type ConnectOptions } from './settings.js';
export { Outbox, type ReplayResult } from './outbox.js';
