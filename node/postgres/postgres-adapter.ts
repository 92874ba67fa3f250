import {
  AlreadyAppliedError, EntityTrust, sweepEntity,
  type ChangeEvent, type DecayConfig, type EntityChange, type EpochMs, type ImportMode, type StorageAdapter,
  type StoreChange, type SweepRule, type SweepSummary,
} from '../../core/index.js';
import { sqlState, type JsonValue, type Sql, type TransactionSql } from './connection.js';
import type { RowProblem, Tables } from './settings.js';

/** Entities read and written per statement by sweeps and imports: no transaction holds the whole table. */
export const BATCH_SIZE = 1000;

/** A change that lost a race (a deadlock, or an entity another client created first) runs again, this often at most. */
const MAX_ATTEMPTS = 5;
const RETRIED = new Set(['40P01', '40001', '23505']);

type Query = Sql | TransactionSql;

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

  async change<T>(ids: readonly string[], _durability: unknown, body: (change: EntityChange) => T, operationId?: string): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(this.#sql, (tx) => this.#changeIn(tx, ids, body, operationId));
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !RETRIED.has(sqlState(error) ?? '')) throw error;
      }
    }
  }

  async #changeIn<T>(tx: TransactionSql, ids: readonly string[], body: (change: EntityChange) => T, operationId?: string): Promise<T> {
    // Sent together (one round trip): the operation id's claim, and the rows, locked in id order.
    const [fresh, rows] = await Promise.all([
      operationId === undefined ? undefined : tx.unsafe(
        `INSERT INTO ${this.#t.operations} (operation_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1`, [operationId],
      ),
      tx.unsafe(
        `SELECT entity_id, entity::text AS entity FROM ${this.#t.entities}
         WHERE entity_id IN (SELECT json_array_elements_text($1::json)) ORDER BY entity_id FOR UPDATE`,
        [ids as string[]],
      ),
    ]);
    if (fresh?.length === 0) throw new AlreadyAppliedError(operationId!);
    const before = new Map<string, EntityTrust>();
    for (const row of rows) before.set(row.entity_id as string, this.#parse(row.entity_id as string, row.entity as string));
    const pending = new Map<string, EntityTrust | undefined>();
    const events: ChangeEvent[] = [];
    const current = (id: string) => {
      if (!ids.includes(id)) throw new Error(`${JSON.stringify(id)} is not part of this change`);
      return pending.has(id) ? pending.get(id) : before.get(id)?.clone();
    };
    const result = body({
      read: current,
      write: (entity) => { current(entity.entityId); pending.set(entity.entityId, entity); },
      remove: (id) => {
        const existed = current(id) !== undefined;
        pending.set(id, undefined);
        return existed;
      },
      log: (event) => events.push(event),
    });
    const inserted: EntityTrust[] = [];
    const updated: EntityTrust[] = [];
    const removed: string[] = [];
    for (const [id, entity] of pending) {
      if (entity === undefined) removed.push(id);
      else (before.has(id) ? updated : inserted).push(entity);
    }
    // A plain insert, so that an entity another client created meanwhile fails this change (and it
    // runs again) instead of being overwritten.
    await Promise.all([
      this.#write(tx, inserted, 'insert'), this.#write(tx, updated, 'upsert'), this.#remove(tx, removed), this.#log(tx, events),
    ]);
    return result;
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
    const rows = await this.#sql.unsafe(
      `SELECT entity_id, entity::text AS entity FROM ${this.#t.entities} WHERE entity_id IN (SELECT json_array_elements_text($1::json))`,
      [ids as string[]],
    );
    const found = new Map(rows.map((row) => [row.entity_id as string, row.entity as string]));
    return ids.map((id) => {
      const text = found.get(id);
      return text === undefined ? undefined : this.#parse(id, text);
    });
  }

  async has(id: string): Promise<boolean> {
    const rows = await this.#sql.unsafe(`SELECT 1 FROM ${this.#t.entities} WHERE entity_id = $1`, [id]);
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
    let after = '';
    for (;;) {
      const rows = await this.#sql.unsafe(
        `SELECT entity_id, entity::text AS entity FROM ${this.#t.entities} WHERE entity_id > $1 ORDER BY entity_id LIMIT ${BATCH_SIZE}`,
        [after],
      );
      if (rows.length === 0) return summary;
      after = rows.at(-1)!.entity_id as string;
      const due: string[] = [];
      for (const row of rows) {
        const entity = this.#parseQuietly(row.entity_id as string, row.entity as string);
        if (!entity) continue;
        summary.scanned++;
        if (sweepEntity(entity, now, decay, rule) !== 'keep') due.push(entity.entityId);
      }
      if (due.length > 0) await this.#sweepLocked(due, now, decay, rule, summary);
    }
  }

  async #sweepLocked(ids: string[], now: EpochMs, decay: DecayConfig, rule: SweepRule, summary: SweepSummary): Promise<void> {
    await this.#sql.begin(async (tx) => {
      const rows = await tx.unsafe(
        `SELECT entity_id, entity::text AS entity FROM ${this.#t.entities}
         WHERE entity_id IN (SELECT json_array_elements_text($1::json)) ORDER BY entity_id FOR UPDATE`,
        [ids as string[]],
      );
      const written: EntityTrust[] = [];
      const removed: string[] = [];
      for (const row of rows) {
        const entity = this.#parseQuietly(row.entity_id as string, row.entity as string);
        if (!entity) continue;
        const action = sweepEntity(entity, now, decay, rule);
        if (action === 'write') written.push(entity);
        else if (action === 'remove') removed.push(entity.entityId);
      }
      await this.#write(tx, written, 'upsert');
      await this.#remove(tx, removed);
      if (written.length + removed.length > 0) {
        await this.#log(tx, [{
          kind: 'sweep', at: now, entityIds: [...written.map((e) => e.entityId), ...removed],
          details: { changed: written.length, removed: removed.length },
        }]);
      }
      summary.changed += written.length;
      summary.removed += removed.length;
    });
  }

  /** Rows as JSON text, `BATCH_SIZE` per statement: the columns queries need, and the entity's JSON as it is. */
  async #write(tx: TransactionSql, entities: readonly EntityTrust[], how: 'insert' | 'upsert'): Promise<void> {
    const conflict = how === 'insert' ? '' : `ON CONFLICT (entity_id) DO UPDATE SET entity_type = excluded.entity_type,
      t3_average = excluded.t3_average, trust_level = excluded.trust_level, last_activity = excluded.last_activity,
      entity = excluded.entity`;
    for (let start = 0; start < entities.length; start += BATCH_SIZE) {
      const rows = entities.slice(start, start + BATCH_SIZE).map((e) => [
        e.entityId, e.entityType, e.t3Average, e.trustLevel, e.lastActivity, JSON.stringify(e.toJSON()),
      ]);
      await tx.unsafe(
        `INSERT INTO ${this.#t.entities} (entity_id, entity_type, t3_average, trust_level, last_activity, entity)
         SELECT r->>0, r->>1, (r->>2)::float8, r->>3, to_timestamp((r->>4)::float8 / 1000), (r->>5)::json
         FROM json_array_elements($1::json) AS r ${conflict}`,
        [rows],
      );
    }
  }

  async #remove(tx: TransactionSql, ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += BATCH_SIZE) {
      await tx.unsafe(
        `DELETE FROM ${this.#t.entities} WHERE entity_id IN (SELECT json_array_elements_text($1::json))`,
        [ids.slice(start, start + BATCH_SIZE)],
      );
    }
  }

  async #log(tx: TransactionSql, events: readonly ChangeEvent[]): Promise<void> {
    if (events.length === 0) return;
    await tx.unsafe(
      `INSERT INTO ${this.#t.events} (at, kind, entity_ids, details)
       SELECT to_timestamp((r->>0)::float8 / 1000), r->>1, ARRAY(SELECT json_array_elements_text(r->2)), (r->3)::jsonb
       FROM json_array_elements($1::json) AS r`,
      [events.map((e) => [e.at, e.kind, e.entityIds, e.details]) as JsonValue],
    );
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
 * `sql.begin`, typed as what `body` resolves to. (Its own type unwraps arrays of promises, which no
 * body here returns.)
 */
function transaction<T>(sql: Sql, body: (tx: TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(body) as Promise<T>;
}

/** A stored row that is not an entity. */
export class RowFormatError extends Error {
  override readonly name = 'RowFormatError';

  constructor(readonly path: string, readonly problem: string) {
    super(`${path}: ${problem}`);
  }
}
