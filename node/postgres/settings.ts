// What the rest of the package knows of a PostgreSQL store without loading its client (the
// `postgres` package, an optional peer dependency): its URL, its settings, its tables' names.
// Nothing here imports `postgres`, so neither code nor types of a folder-store user need it.

/** Whether a `--store` value names a PostgreSQL server rather than a folder. */
export function isPostgresUrl(store: string): boolean {
  // No regular expression: every hook asks, and compiling one costs a fresh process ~0.1 ms.
  const scheme = store.slice(0, 'postgresql://'.length).toLowerCase();
  return scheme.startsWith('postgres://') || scheme.startsWith('postgresql://');
}

/** The URL with its password replaced by `***`: what output, logs and errors may show. */
export function redactUrl(url: string): string {
  // Not `new URL`: a malformed URL must still never be printed with its password.
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}

export interface ConnectOptions {
  /** Seconds to wait for the server (hooks: 1, then their work goes to the outbox). */
  connectTimeoutS?: number;
  /** How long a statement may wait for a row lock, in ms (0: no limit). */
  lockTimeoutMs?: number;
  /**
   * How long `recordOrQueue` waits for the server in all before it keeps the call in the outbox
   * instead (0: no limit). Its operation id makes the call count once even if the server did commit.
   */
  deadlineMs?: number;
  /** Connections kept for this process (8 concurrent workers in the bench, 1 for a hook). */
  maxConnections?: number;
}

/** A row the store skipped because it cannot be read as an entity. */
export interface RowProblem {
  path: string;
  problem: string;
}

/** The PostgreSQL schema (namespace) that holds the store's tables unless told otherwise. */
export const DEFAULT_SCHEMA = 'web4_trust';

/** Table names, qualified with the store's schema and quoted. */
export interface Tables {
  schema: string;
  migrations: string;
  entities: string;
  events: string;
  operations: string;
}

export function tablesIn(schema: string): Tables {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new RangeError(`schema ${JSON.stringify(schema)} must be lower-case letters, digits and underscores (at most 63)`);
  }
  const q = (table: string) => `"${schema}"."${table}"`;
  return { schema, migrations: q('migrations'), entities: q('entities'), events: q('events'), operations: q('operations') };
}
