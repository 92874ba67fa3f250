import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { EntityFilter, EntityListRow, EntityTrust, TrustOperation, TrustStoreOptions } from '../../core/index.js';
import { AdapterTrustStore, assertOperations } from './core-for-postgres.js';
import { connect, isUnreachable, sqlState, type Sql } from './connection.js';
import { DEFAULT_SCHEMA, redactUrl, tablesIn, type ConnectOptions, type RowProblem, type Tables } from './settings.js';
import { Outbox, outboxDirFor, type ReplayResult } from './outbox.js';
import { PostgresAdapter } from './postgres-adapter.js';
import { SchemaVersionError, assertSchemaVersion, changesChannel, migrate, schemaVersion } from './schema.js';

export type { RowProblem } from './settings.js';

export interface PostgresTrustStoreOptions extends TrustStoreOptions, ConnectOptions {
  /** The PostgreSQL schema (namespace) of the store's tables (default `web4_trust`). */
  schema?: string;
  /** Where `.web4` is: the outbox lives under it (default `~/.web4`). */
  web4Home?: string;
  /** Called for each row that whole-store reads skip. The default writes one line to stderr. */
  onProblem?: (problem: RowProblem) => void;
}

const reportToStderr = ({ path: where, problem }: RowProblem) => {
  process.stderr.write(`web4-trust: skipped ${where}: ${problem}\n`);
};

/** Whether `attempt` settles within `ms` (0: waits as long as it takes); a late rejection is ignored. */
async function beforeDeadline(attempt: Promise<unknown>, ms: number): Promise<boolean> {
  if (ms <= 0) {
    await attempt;
    return true;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  attempt.catch(() => {});
  try {
    return await Promise.race([attempt.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Lock waits (55P03) and a server that cannot be reached: the outbox keeps the operations. */
function isDeferrable(error: unknown): boolean {
  return isUnreachable(error) || sqlState(error) === '55P03';
}

/**
 * A `TrustStore` on a PostgreSQL server, shared by every machine pointed at it: one row per entity
 * (the core's JSON as it is, plus indexed columns), and the event history. Every change is one
 * transaction with its rows locked, so concurrent hooks on many machines lose nothing.
 *
 * Calls that reach the server first replay this machine's outbox (what hooks could not deliver),
 * in order and exactly once. Close the store (`close`) when done, or the process waits for idle
 * connections to time out (1 s).
 */
export class PostgresTrustStore extends AdapterTrustStore {
  readonly kind = 'postgres';
  /** The server's URL with the password hidden: what output may show. */
  readonly location: string;
  readonly tables: Tables;
  readonly outbox: Outbox;
  readonly #sql: Sql;
  readonly #adapter: PostgresAdapter;
  readonly #onProblem: (problem: RowProblem) => void;
  readonly #deadlineMs: number;
  #checked: Promise<void> | undefined;

  constructor(url: string, options: PostgresTrustStoreOptions = {}) {
    const { schema = DEFAULT_SCHEMA, web4Home = path.join(os.homedir(), '.web4'), onProblem = reportToStderr } = options;
    const tables = tablesIn(schema);
    const sql = connect(url, options);
    const adapter = new PostgresAdapter(sql, tables, onProblem);
    super(adapter, options);
    this.location = redactUrl(url) + (schema === DEFAULT_SCHEMA ? '' : ` (schema ${schema})`);
    this.tables = tables;
    // A hook that waits briefly for rows also waits briefly for another process's replay.
    this.outbox = new Outbox(outboxDirFor(web4Home, redactUrl(url), schema), { lockTimeoutMs: options.lockTimeoutMs || undefined });
    this.#sql = sql;
    this.#adapter = adapter;
    this.#onProblem = onProblem;
    this.#deadlineMs = options.deadlineMs ?? 0;
  }

  /** Creates or upgrades the store's tables (`web4-trust db migrate`); returns the versions applied. */
  migrate(): Promise<number[]> {
    return migrate(this.#sql, this.tables);
  }

  /**
   * Calls `onChange` with the id of every entity any client writes or removes from now on (LISTEN);
   * resolves to the function that stops it.
   */
  async listen(onChange: (entityId: string) => void): Promise<() => Promise<void>> {
    const request = await this.#sql.listen(changesChannel(this.tables), onChange);
    return () => request.unlisten();
  }

  /** The database's schema version (0: never migrated). */
  schemaVersion(): Promise<number> {
    return schemaVersion(this.#sql, this.tables);
  }

  /**
   * Closes the connections at once: call it when the store's calls have all settled. It never waits
   * more than a second, so that a connection the server left half-open cannot hold a hook up.
   */
  async close(): Promise<void> {
    await beforeDeadline(this.#sql.end({ timeout: 0 }), 1000);
  }

  /**
   * Connects and checks the schema now, without waiting: the server starts its session (a new
   * server process) while the caller does other work, as a hook reads its input. A failure comes
   * out of the first call that needs the server.
   */
  connectNow(): void {
    this.#checked ??= this.schemaVersion().then((version) => assertSchemaVersion(version, this.tables));
    this.#checked.catch(() => {});
  }

  /** Checks the schema once per store, then replays the outbox if anything waits in it. */
  protected override async ready(): Promise<void> {
    await this.#checkSchema();
    if (this.outbox.mayHaveEntries()) await this.#replay();
  }

  async #checkSchema(): Promise<void> {
    this.connectNow();
    try {
      await this.#checked;
    } catch (error) {
      this.#checked = undefined;
      throw error;
    }
  }

  /** Delivers what hooks on this machine could not (`web4-trust sync`); says what is still waiting or kept aside. */
  async sync(): Promise<ReplayResult & { pending: number; setAside: number }> {
    await this.#checkSchema();
    return { ...(await this.#replay()), ...this.outbox.count() };
  }

  #replay(): Promise<ReplayResult> {
    return this.outbox.replay(
      async ({ at, operations, id }) => {
        await this.recordAt(operations, at, id);
      },
      (file, problem) => this.#onProblem({ path: file, problem }),
    );
  }

  /**
   * Like `record`, but when the server cannot be reached (or a lock stays busy), the operations go
   * to this machine's outbox for a later call to deliver: nothing is lost and the caller does not
   * wait. Each carries an id, so that it is applied once even if its first attempt did commit.
   */
  async recordOrQueue(operations: readonly TrustOperation[]): Promise<'recorded' | 'queued'> {
    assertOperations(operations);
    const at = this.clock.now();
    const id = randomUUID();
    const attempt = (async () => {
      await this.ready();
      await this.recordAt(operations, at, id);
      return 'recorded' as const;
    })();
    try {
      if (await beforeDeadline(attempt, this.#deadlineMs)) return 'recorded';
    } catch (error) {
      // A schema this program does not match (web4-trust upgraded here, the database not migrated
      // yet, or the other way round): the call waits, and the user is told what to run.
      if (error instanceof SchemaVersionError) {
        this.outbox.append({ kind: 'operations', id, at, operations: [...operations] });
        throw new SchemaVersionError(`${error.message}; the call waits in ${this.outbox.dir} until then`);
      }
      if (!isDeferrable(error)) throw error;
    }
    // The server could not be reached, a lock stayed busy, or the deadline passed (a late commit of
    // this very call is then skipped on replay: same operation id).
    this.outbox.append({ kind: 'operations', id, at, operations: [...operations] });
    return 'queued';
  }

  /** Every entity (sorted by id; at now like every read, or as stored with `stored`) and the rows that could not be read. */
  async scan({ type, stored = false }: EntityFilter & { stored?: boolean } = {}): Promise<{ entities: EntityTrust[]; problems: RowProblem[] }> {
    await this.ready();
    const entities: EntityTrust[] = [];
    const problems: RowProblem[] = [];
    await this.#adapter.each(type, (entity) => entities.push(entity), (problem) => problems.push(problem));
    return { entities: this.listed(stored ? entities : this.allAtNow(entities), undefined), problems };
  }

  /** Hands each entity's list row (of one type, if given) at now to `visit`, from its stored list row: a list reads no entity whole. */
  async scanSummaries({ type }: EntityFilter, visit: (row: EntityListRow) => void): Promise<RowProblem[]> {
    await this.ready();
    const problems: RowProblem[] = [];
    await this.#adapter.eachSummary(type, this.clock.now(), this.decay, visit, (problem) => problems.push(problem));
    return problems;
  }

  /** Hands each entity (of one type, if given) to `visit` at its state now, a batch at a time, keeping none. */
  async scanEach({ type }: EntityFilter, visit: (entity: EntityTrust) => void): Promise<RowProblem[]> {
    await this.ready();
    const now = this.clock.now();
    const problems: RowProblem[] = [];
    await this.#adapter.each(type, (entity) => visit(this.atNow(entity, now)), (problem) => problems.push(problem));
    return problems;
  }
}
