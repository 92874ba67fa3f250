import postgres from 'postgres';
import type { ConnectOptions } from './settings.js';

/** A client of the `postgres` package (postgres.js), as this store uses it. */
export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
export type JsonValue = postgres.JSONValue;

/**
 * A client for `url`. The usual libpq settings work: `sslmode` in the URL or `PGSSLMODE`, and
 * `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE` for whatever the URL leaves out.
 */
export function connect(url: string, { connectTimeoutS = 10, lockTimeoutMs = 0, maxConnections = 4 }: ConnectOptions = {}): Sql {
  const sslmode = new URL(url).searchParams.get('sslmode') ?? process.env.PGSSLMODE;
  return postgres(url, {
    max: maxConnections,
    connect_timeout: connectTimeoutS,
    // Idle connections close, so that a process that forgets `close()` still exits.
    idle_timeout: 1,
    // One round trip less per connection: we pass no arrays or custom types.
    fetch_types: false,
    onnotice: () => {},
    ...(sslmode !== undefined && sslmode !== 'disable' && { ssl: sslmode as 'require' | 'prefer' | 'verify-full' }),
    connection: {
      application_name: 'web4-trust',
      // Doubles as the shortest text that reads back exactly, whatever the server's default:
      // list rows decay from the stored scores, which must be the entity's to the last bit.
      extra_float_digits: 3,
      ...(lockTimeoutMs > 0 && { lock_timeout: lockTimeoutMs }),
    },
  });
}

/** A server error's SQLSTATE code, if `error` is one. */
export function sqlState(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Errors that mean the server could not be reached (or went away), as opposed to a refused query. */
export function isUnreachable(error: unknown): boolean {
  const code = sqlState(error);
  return code !== undefined && (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
      'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED'].includes(code) ||
    // Class 57: the server is shutting down or starting up; class 08: connection exceptions.
    code.startsWith('57P') || code.startsWith('08')
  );
}
