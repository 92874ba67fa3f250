import type {
  ChangeEvent, DecayConfig, Durability, EntityChange, EntityListRow, EpochMs, ImportMode, StorageAdapter, StoreChange,
  SweepAction, SweepRule, SweepSummary,
} from '../../core/index.js';
import { AlreadyAppliedError, EntityTrust, callStatsOf, listRowFrom, pendingChange, summaryAt, sweepEntity } from './core-for-postgres.js';
import { sqlState, type JsonValue, type Sql, type TransactionSql } from './connection.js';
import type { RowProblem, Tables } from './settings.js';

/** Entities read and written per statement by sweeps and imports: no transaction holds the whole table. */
export const BATCH_SIZE = 1000;
/** How long the server remembers an applied operation id (a sweep forgets older ones). */
export const OPERATION_RETENTION_DAYS = 30;
/** List rows are small: more of them per round trip. */
const SUMMARY_BATCH = 10_000;

/** A change that lost a race (a deadlock, or an entity another client created first) runs again, this often at most. */
const MAX_ATTEMPTS = 5;
const RETRIED = new Set(['40P01', '40001', '23505']);

type Query = Sql | TransactionSql;

/**
 * For statements a process may run many times. postgres.js sends `unsafe` statements unprepared by
 * default, and an unprepared statement with parameters costs two round trips (its parameter types
 * are asked for first) and a fresh plan every time; a prepared one, after its first run on a
 * connection, one round trip and no planning. `prepare=false` in the store's URL turns it off
 * (for a pooler in transaction mode).
 */
const PREPARED = { prepare: true };

const COLUMNS = [
  'entity_id', 'entity_type', 't3_average', 'trust_level', 'last_activity', 'scores_at_last_activity',
  'action_count', 'success_count', 'witness_count', 'entity',
  'calls', 'call_failures', 'recent_failure_rate', 'latency_p50_ms', 'latency_p95_ms', 'retry_loops', 'list_row',
];

/** An entity's list row as stored (`summaryRowOf`), for `summaryAt` and `listRowFrom`. */
type SummaryRow = [
  id: string, type: string, lastActivity: EpochMs | null, anchors: number[], actions: number, successes: number, witnesses: number,
  calls: number, failures: number, rate: number | null, p50: number | null, p95: number | null, retries: number,
];

/** An entity a sweep will change, as first read: its text, and the entity already swept in memory. */
interface Swept {
  text: string;
  entity: EntityTrust;
  action: SweepAction;
}

/**
 * Entities as rows of one table (see `schema.ts`). A change is one transaction holding its rows'
 * locks (`SELECT … FOR UPDATE` in id order, so two changes never wait on each other in a cycle);
 * a change that creates an entity another client created meanwhile fails on the primary key and
 * runs again from a fresh read. Every change writes its events in the same transaction.
 */
export class PostgresAdapter implements StorageAdapter {
  readonly #sql: Sql;
  readonly #t: Tables;
  readonly #onProblem: (problem: RowProblem) => void;

  constructor(sql: Sql, tables: Tables, onProblem: (problem: RowProblem) => void) {
    this.#sql = sql;
    this.#t = tables;
    this.#onProblem = onProblem;
  }

  async change<T>(ids: readonly string[], durability: Durability, body: (change: EntityChange) => T, operationId?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(this.#sql, (tx) => this.#changeIn(tx, ids, durability, body, operationId));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRIED.has(sqlState(error) ?? '')) throw error;
      }
    }
  }

  /**
   * One change: the operation id's claim and the rows (locked, in id order) are sent together, then
   * the writes and the events together. If a statement fails, the transaction rolls back: the change
   * lands whole or not at all. A relaxed change (an outcome, a witness) does not wait for the
   * server's disk flush, as the folder store does not fsync: a crash of the server may lose the last
   * moment of them, never half of one.
   */
  async #changeIn<T>(
    tx: TransactionSql, ids: readonly string[], durability: Durability, body: (change: EntityChange) => T, operationId?: string,
  ): Promise<T> {
    const [, fresh, rows] = await Promise.all([
      durability === 'relaxed' ? tx.unsafe('SET LOCAL synchronous_commit = off') : undefined,
      operationId === undefined ? undefined : tx.unsafe(
        `INSERT INTO ${this.#t.operations} (operation_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`, [operationId], PREPARED,
      ),
      tx.unsafe(rowsByIdSql(this.#t.entities, true), [ids as string[]], PREPARED),
    ]);
    if (fresh?.length === 0) throw new AlreadyAppliedError(operationId!);
    const before = new Map<string, EntityTrust>();
    for (const row of rows) before.set(row.entity_id as string, this.#parse(row.entity_id as string, row.entity as string));
    const events: ChangeEvent[] = [];
    // Copies: the body may change what it reads.
    const { change, pending } = pendingChange(ids, (id) => before.get(id)?.clone(), events);
    const result = body(change);
    const inserted: EntityTrust[] = [];
    const updated: EntityTrust[] = [];
    const removed: string[] = [];
    for (const [id, entity] of pending) {
      if (entity === undefined) removed.push(id);
      else (before.has(id) ? updated : inserted).push(entity);
    }
    await this.#writeChange(tx, inserted, updated, removed, events);
    return result;
  }

  /**
   * A change's writes and events as one statement. Each statement costs the server and the client
   * more than the few rows in it: one instead of three or four is about a tenth more updates a
   * second. Entities are inserted with a plain insert, so that one another client created meanwhile
   * fails this change (and it runs again) instead of being overwritten.
   */
  async #writeChange(
    tx: Query, inserted: readonly EntityTrust[], updated: readonly EntityTrust[], removed: readonly string[], events: readonly ChangeEvent[],
  ): Promise<void> {
    if (inserted.length + updated.length + removed.length + events.length === 0) return;
    const e = this.#t.entities;
    await tx.unsafe(
      `WITH v (${COLUMNS.join(', ')}, how) AS (${rowsOf('$1')}),
         inserted AS (INSERT INTO ${e} (${COLUMNS.join(', ')}) SELECT ${COLUMNS.join(', ')} FROM v WHERE how = 'insert'),
         updated AS (UPDATE ${e} AS e SET ${COLUMNS.slice(1).map((column) => `${column} = v.${column}`).join(', ')}
           FROM v WHERE v.how = 'update' AND e.entity_id = v.entity_id),
         removed AS (DELETE FROM ${e} WHERE ${idIn('$2')}),
         logged AS (INSERT INTO ${this.#t.events} (at, kind, entity_ids, details) ${eventsOf('$3')})
       SELECT 1`,
      [
        [...inserted.map((entity) => rowOf(entity, 'insert')), ...updated.map((entity) => rowOf(entity, 'update'))] as JsonValue,
        removed as string[],
        events.map(eventRowOf),
      ],
      PREPARED,
    );
  }

  /**
   * The whole store under a lock that keeps other writers out (readers go on), so a merge is
   * written as planned. Writes go in batches of statements, all in the one transaction.
   */
  async changeAll<T>(_mode: ImportMode, body: (change: StoreChange) => T): Promise<T> {
    return transaction(this.#sql, async (tx) => {
      await tx.unsafe(`LOCK TABLE ${this.#t.entities} IN SHARE ROW EXCLUSIVE MODE`);
      const written = new Map<string, EntityTrust>();
      const removed = new Set<string>();
      const events: ChangeEvent[] = [];
      const result = body({
        entities: await this.#all(tx),
        write: (entity) => { removed.delete(entity.entityId); written.set(entity.entityId, entity); },
        remove: (id) => { written.delete(id); removed.add(id); },
        log: (event) => events.push(event),
      });
      await this.#write(tx, [...written.values()], 'upsert');
      await this.#remove(tx, [...removed]);
      await this.#log(tx, events);
      return result;
    });
  }

  async read(ids: readonly string[]): Promise<(EntityTrust | undefined)[]> {
    const rows = await this.#sql.unsafe(rowsByIdSql(this.#t.entities, false), [ids as string[]], PREPARED);
    const found = new Map(rows.map((row) => [row.entity_id as string, row.entity as string]));
    return ids.map((id) => {
      const text = found.get(id);
      return text === undefined ? undefined : this.#parse(id, text);
    });
  }

  async has(id: string): Promise<boolean> {
    const rows = await this.#sql.unsafe(`SELECT 1 FROM ${this.#t.entities} WHERE entity_id = $1`, [id], PREPARED);
    return rows.length > 0;
  }

  all(): Promise<EntityTrust[]> {
    return this.#all(this.#sql);
  }

  async #all(query: Query): Promise<EntityTrust[]> {
    const entities: EntityTrust[] = [];
    await this.#each(query, undefined, (entity) => entities.push(entity));
    return entities;
  }

  /** Hands each readable entity (of one type, if given) to `visit`, a batch at a time, keeping none. */
  each(type: string | undefined, visit: (entity: EntityTrust) => void, onProblem = this.#onProblem): Promise<void> {
    return this.#each(this.#sql, type, visit, onProblem);
  }

  async #each(
    query: Query, type: string | undefined, visit: (entity: EntityTrust) => void, onProblem = this.#onProblem,
  ): Promise<void> {
    const where = type === undefined ? '' : 'WHERE entity_type = $1';
    const cursor = query.unsafe(`SELECT entity_id, entity::text AS entity FROM ${this.#t.entities} ${where}`, type === undefined ? [] : [type])
      .cursor(BATCH_SIZE);
    for await (const rows of cursor) {
      for (const row of rows) {
        const entity = this.#parseQuietly(row.entity_id as string, row.entity as string, onProblem);
        if (entity) visit(entity);
      }
    }
  }

  /**
   * Each entity's list row at `now`, computed from its stored list row (no entity is read whole),
   * a batch at a time, keeping none. In one snapshot (a read-only repeatable-read transaction), so
   * the list is the store at one moment. A batch is one text of the rows' JSON: one `JSON.parse`
   * instead of 18 column decodes a row. The next batch is asked for before this one is turned into
   * rows, so that server and client work at once.
   */
  async eachSummary(
    type: string | undefined, now: EpochMs, decay: DecayConfig, visit: (row: EntityListRow) => void, onProblem = this.#onProblem,
  ): Promise<void> {
    const statement = `SELECT string_agg(list_row::text, ',' ORDER BY entity_id) AS rows, max(entity_id) AS last
      FROM (SELECT entity_id, list_row FROM ${this.#t.entities} WHERE entity_id > $1 ${type === undefined ? '' : 'AND entity_type = $2'}
        ORDER BY entity_id LIMIT ${SUMMARY_BATCH}) AS e`;
    await transaction(this.#sql, async (tx) => {
      const batchAfter = (id: string) => {
        const batch = tx.unsafe(statement, type === undefined ? [id] : [id, type], PREPARED).execute();
        batch.catch(() => {}); // Left unread if `visit` throws: its failure then is no one's to report.
        return batch;
      };
      for (let next = batchAfter(''); ;) {
        const [{ rows: text, last }] = (await next) as unknown as [{ rows: string | null; last: string }];
        if (text === null) return;
        next = batchAfter(last);
        // postgres.js sends a short query from a setImmediate of its own, scheduled after this one's
        // microtask: two turns let it go out before this batch keeps the thread busy (a list of
        // 100,000 scanned in ~170 instead of ~230 ms).
        await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
        const edited: string[] = [];
        for (const row of JSON.parse(`[${text}]`) as unknown[][]) {
          if (isSummaryRow(row)) visit(listRowAt(row, now, decay));
          else edited.push(row[0] as string); // The table's check keeps the id first.
        }
        // A list row someone edited by hand: the entity, read whole, says what to show.
        if (edited.length > 0) {
          for (const row of await tx.unsafe(rowsByIdSql(this.#t.entities, false), [edited], PREPARED)) {
            const entity = this.#parseQuietly(row.entity_id as string, row.entity as string, onProblem);
            if (entity) visit(listRowAt(summaryRowOf(entity), now, decay));
          }
        }
      }
    }, 'ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async count(type: string | undefined): Promise<number> {
    const [row] = type === undefined
      ? await this.#sql.unsafe(`SELECT count(*)::int AS n FROM ${this.#t.entities}`)
      : await this.#sql.unsafe(`SELECT count(*)::int AS n FROM ${this.#t.entities} WHERE entity_type = $1`, [type]);
    return row?.n as number;
  }

  /**
   * A batch at a time, in id order. Each batch is read without locks; only the entities the sweep
   * changes are locked, read again and written, in one short transaction per batch: a sweep that
   * changes nothing writes nothing, and none holds up a hook for long.
   */
  async sweepAll(now: EpochMs, decay: DecayConfig, rule: SweepRule): Promise<SweepSummary> {
    const summary = { scanned: 0, changed: 0, removed: 0 };
    // Applied ids are only needed while an outbox may still hold their calls: a month is plenty.
    await this.#sql.unsafe(`DELETE FROM ${this.#t.operations} WHERE applied_at < now() - interval '${OPERATION_RETENTION_DAYS} days'`);
    let after = '';
    for (;;) {
      const rows = await this.#sql.unsafe(
        `SELECT entity_id, entity::text AS entity FROM ${this.#t.entities} WHERE entity_id > $1 ORDER BY entity_id LIMIT ${BATCH_SIZE}`,
        [after], PREPARED,
      );
      if (rows.length === 0) return summary;
      after = rows.at(-1)!.entity_id as string;
      const due = new Map<string, Swept>();
      for (const row of rows) {
        const text = row.entity as string;
        const entity = this.#parseQuietly(row.entity_id as string, text);
        if (!entity) continue;
        summary.scanned++;
        const action = sweepEntity(entity, now, decay, rule);
        if (action !== 'keep') due.set(entity.entityId, { text, entity, action });
      }
      if (due.size > 0) await this.#sweepLocked(due, now, decay, rule, summary);
    }
  }

  /**
   * The entities a sweep changes, written only where their text is still the one the sweep read
   * (no lock needed for those); any that another change rewrote meanwhile is then locked, read
   * again and swept from what is stored. One transaction per batch, with its event.
   */
  async #sweepLocked(due: Map<string, Swept>, now: EpochMs, decay: DecayConfig, rule: SweepRule, summary: SweepSummary): Promise<void> {
    await transaction(this.#sql, async (tx) => {
      const seen = [...due.values()];
      const writes = seen.filter((swept) => swept.action === 'write');
      const removes = seen.filter((swept) => swept.action === 'remove');
      const [updated, deleted] = await Promise.all([
        this.#write(tx, writes.map((swept) => swept.entity), 'update', writes.map((swept) => swept.text)),
        this.#remove(tx, removes.map((swept) => swept.entity.entityId), removes.map((swept) => swept.text)),
      ]);
      const written = writes.filter((swept) => updated.has(swept.entity.entityId)).map((swept) => swept.entity);
      const removed = [...deleted];
      const stale = seen.filter((swept) => !updated.has(swept.entity.entityId) && !deleted.has(swept.entity.entityId));
      if (stale.length > 0) {
        const rows = await tx.unsafe(rowsByIdSql(this.#t.entities, true), [stale.map((swept) => swept.entity.entityId)], PREPARED);
        const again: EntityTrust[] = [];
        const gone: string[] = [];
        for (const row of rows) {
          const stored = this.#parseQuietly(row.entity_id as string, row.entity as string);
          const action = stored && sweepEntity(stored, now, decay, rule);
          if (action === 'write') again.push(stored!);
          else if (action === 'remove') gone.push(stored!.entityId);
        }
        await Promise.all([this.#write(tx, again, 'update'), this.#remove(tx, gone)]);
        written.push(...again);
        removed.push(...gone);
      }
      const touched = [...written.map((e) => e.entityId), ...removed];
      if (touched.length > 0) {
        await this.#log(tx, [{ kind: 'sweep', at: now, entityIds: touched, details: { changed: written.length, removed: removed.length } }]);
      }
      summary.changed += written.length;
      summary.removed += removed.length;
    });
  }

  /**
   * Rows as JSON text, `BATCH_SIZE` per statement: the columns queries need, and the entity's JSON
   * as it is. Every statement is sent before this awaits any, so that statements sent after it
   * (a COMMIT) run after all of them.
   */
  async #write(
    tx: Query, entities: readonly EntityTrust[], how: 'insert' | 'upsert' | 'update', expected?: readonly string[],
  ): Promise<Set<string>> {
    const names = `(${COLUMNS.join(', ')}, expected)`;
    const statement = how === 'update'
      // An update of rows this change holds locked, or (with `expected`) only where the text is still
      // what was read: cheaper for the server than an insert that conflicts.
      ? `UPDATE ${this.#t.entities} AS e SET ${COLUMNS.slice(1).map((column) => `${column} = v.${column}`).join(', ')}
         FROM (${rowsOf('$1')}) AS v ${names}
         WHERE e.entity_id = v.entity_id ${expected ? 'AND e.entity::text = v.expected' : ''} RETURNING e.entity_id`
      : `INSERT INTO ${this.#t.entities} (${COLUMNS.join(', ')}) SELECT ${COLUMNS.map((column) => `v.${column}`).join(', ')}
         FROM (${rowsOf('$1')}) AS v ${names}
         ${how === 'insert' ? '' : `ON CONFLICT (entity_id) DO UPDATE SET ${COLUMNS.slice(1).map((column) => `${column} = excluded.${column}`).join(', ')}`}`;
    const results = await Promise.all(batches(entities.map((e, i) => rowOf(e, expected?.[i] ?? null)))
      .map((batch) => tx.unsafe(statement, [batch as JsonValue], PREPARED)));
    return new Set(results.flatMap((rows) => rows.map((row) => row.entity_id as string)));
  }

  /** Removes rows (with `expected`, only where the text is still what was read); returns the ids removed. */
  async #remove(tx: Query, ids: readonly string[], expected?: readonly string[]): Promise<Set<string>> {
    const results = await Promise.all(batches(ids.map((id, i) => [id, expected?.[i] ?? null])).map((batch) => tx.unsafe(
      `DELETE FROM ${this.#t.entities} AS e USING json_array_elements($1::json) AS r
       WHERE e.entity_id = r->>0 ${expected ? 'AND e.entity::text = r->>1' : ''} RETURNING e.entity_id`,
      [batch as JsonValue], PREPARED,
    )));
    return new Set(results.flatMap((rows) => rows.map((row) => row.entity_id as string)));
  }

  /** Events (an import's, a sweep batch's) as one statement, as a change writes its own. */
  async #log(tx: Query, events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.unsafe(`INSERT INTO ${this.#t.events} (at, kind, entity_ids, details) ${eventsOf('$1')}`, [events.map(eventRowOf)], PREPARED);
  }

  /** A row's entity; throws naming the row when it is not one (someone edited it by hand). */
  #parse(id: string, text: string): EntityTrust {
    const where = `${this.#t.entities} row ${JSON.stringify(id)}`;
    let entity: EntityTrust;
    try {
      entity = EntityTrust.fromJSON(JSON.parse(text));
    } catch (error) {
      throw new RowFormatError(where, (error as Error).message);
    }
    if (entity.entityId !== id) throw new RowFormatError(where, `holds ${JSON.stringify(entity.entityId)}`);
    return entity;
  }

  #parseQuietly(id: string, text: string, onProblem = this.#onProblem): EntityTrust | undefined {
    try {
      return this.#parse(id, text);
    } catch (error) {
      if (!(error instanceof RowFormatError)) throw error;
      onProblem({ path: error.path, problem: error.problem });
      return undefined;
    }
  }
}

/**
 * An entity as a row for `rowsOf`: the `COLUMNS` queries need, the entity's JSON as it is, and one
 * more value for the statement (what to do with the row, or the text it must still have).
 */
function rowOf(e: EntityTrust, extra: string | null): JsonValue[] {
  const calls = callStatsOf(e.callEvidence);
  return [
    e.entityId, e.entityType, e.t3Average, e.trustLevel, e.lastActivity, e.scoresAtLastActivity,
    e.actionCount, e.successCount, e.witnessCount, JSON.stringify(e.toJSON()),
    calls.calls, calls.call_failures, calls.recent_failure_rate, calls.latency_p50_ms, calls.latency_p95_ms, calls.retry_loops,
    JSON.stringify(summaryRowOf(e, calls)),
    extra,
  ];
}

/** What `eachSummary` reads of an entity (its `list_row`). */
function summaryRowOf(e: EntityTrust, calls = callStatsOf(e.callEvidence)): SummaryRow {
  return [
    e.entityId, e.entityType, e.lastActivity, e.scoresAtLastActivity, e.actionCount, e.successCount, e.witnessCount,
    calls.calls, calls.call_failures, calls.recent_failure_rate, calls.latency_p50_ms, calls.latency_p95_ms, calls.retry_loops,
  ];
}

/** A stored list row as the list shows it at `now`. */
function listRowAt(
  [id, type, lastActivity, anchors, actions, successes, witnesses, calls, failures, rate, p50, p95, retries]: SummaryRow,
  now: EpochMs, decay: DecayConfig,
): EntityListRow {
  return listRowFrom(summaryAt(id, type, lastActivity, anchors, 0, now, decay), actions, successes, witnesses, {
    calls, call_failures: failures, recent_failure_rate: rate, latency_p50_ms: p50, latency_p95_ms: p95, retry_loops: retries,
  });
}

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isFiniteOrNull = (value: unknown): value is number | null => value === null || Number.isFinite(value);

/** Whether `row` is a list row as `summaryRowOf` writes it (a hand edit may have made it anything). */
function isSummaryRow(row: unknown[]): row is SummaryRow {
  const anchors = row[3];
  return row.length === 13 && typeof row[0] === 'string' && typeof row[1] === 'string' && isFiniteOrNull(row[2]) &&
    Array.isArray(anchors) && anchors.length === 6 && anchors.every((score) => typeof score === 'number' && score >= 0 && score <= 1) &&
    isCount(row[4]) && isCount(row[5]) && isCount(row[6]) && isCount(row[7]) && isCount(row[8]) &&
    isFiniteOrNull(row[9]) && isFiniteOrNull(row[10]) && isFiniteOrNull(row[11]) && isCount(row[12]);
}

/**
 * The rows of `rowOf` in the JSON array `param`, typed as `COLUMNS` and the extra value. As jsonb:
 * on `json`, each `->>` scans the row's text from its start, past the entity's JSON, so every field
 * costs a scan (a 100,000-entity sweep wrote for 11 s; as jsonb, 4.8 s). Numbers come out as the
 * decimal text JSON.stringify wrote, so they convert to the same doubles; the entity's JSON is a
 * string value, kept as it is.
 */
function rowsOf(param: string): string {
  return `SELECT r->>0, r->>1, (r->>2)::float8, r->>3, to_timestamp((r->>4)::float8 / 1000),
      ARRAY(SELECT jsonb_array_elements_text(r->5)::float8), (r->>6)::int, (r->>7)::int, (r->>8)::int, (r->>9)::json,
      (r->>10)::int, (r->>11)::int, (r->>12)::float8, (r->>13)::float8, (r->>14)::float8, (r->>15)::int, (r->>16)::json, r->>17
    FROM jsonb_array_elements(${param}::jsonb) AS r`;
}

/**
 * The rows (id, entity text) whose ids are in the JSON array `$1`; with `forUpdate`, locked in id
 * order, as a change must.
 */
export function rowsByIdSql(entities: string, forUpdate: boolean): string {
  return `SELECT entity_id, entity::text AS entity FROM ${entities} WHERE ${idIn('$1')}${forUpdate ? ' ORDER BY entity_id FOR UPDATE' : ''}`;
}

/**
 * Rows whose id is in the JSON array `param`. As `= ANY` of an array, so that the primary key's
 * index finds them; the planner turns `IN (SELECT …)` into a scan of the whole table.
 */
function idIn(param: string): string {
  return `entity_id = ANY (ARRAY(SELECT json_array_elements_text(${param}::json)))`;
}

/** An event as a row for `eventsOf`. */
function eventRowOf(event: ChangeEvent): JsonValue {
  return [event.at, event.kind, event.entityIds, event.details as JsonValue];
}

/** The rows of `eventRowOf` in the JSON array `param`, as the events table's columns. */
function eventsOf(param: string): string {
  return `SELECT to_timestamp((x->>0)::float8 / 1000), x->>1, ARRAY(SELECT jsonb_array_elements_text(x->2)), x->3
    FROM jsonb_array_elements(${param}::jsonb) AS x`;
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH_SIZE) out.push(items.slice(start, start + BATCH_SIZE));
  return out;
}

/**
 * `sql.begin`, typed as what `body` resolves to (its own type unwraps arrays of promises, which no
 * body here returns). BEGIN (with `options`: an isolation level, READ ONLY) goes before `body`,
 * COMMIT after it, ROLLBACK if it throws; `body` may pipeline its statements. Not `sql.reserve`,
 * with which postgres.js 3.4 can wait forever for a connection that was closed while idle.
 */
function transaction<T>(sql: Sql, body: (tx: TransactionSql) => Promise<T>, options = ''): Promise<T> {
  return sql.begin(options, body) as Promise<T>;
}

/** A stored row that is not an entity. */
export class RowFormatError extends Error {
  override readonly name = 'RowFormatError';

  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
  }
}
