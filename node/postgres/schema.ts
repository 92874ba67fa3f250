import { EntityTrust, callStatsOf } from './core-for-postgres.js';
import { sqlState, type Sql, type TransactionSql } from './connection.js';
import type { Tables } from './settings.js';

interface Migration {
  version: number;
  name: string;
  sql: (t: Tables) => string;
  /** Work SQL alone cannot do, after `sql`, in the same transaction. */
  backfill?: (tx: TransactionSql, t: Tables) => Promise<void>;
}

/**
 * The schema's history. Never edit a released migration: add the next one. Entities keep the
 * core's JSON text exactly (`json` keeps text as written: numbers bit-exact, unknown fields kept);
 * the columns beside it are what queries filter and sort on and what lists show, as of the
 * entity's last write.
 * Ids sort byte-wise (`COLLATE "C"`), so every client locks rows in the same order.
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'entities, events, applied operations',
    sql: (t) => `
      CREATE TABLE ${t.entities} (
        entity_id text COLLATE "C" PRIMARY KEY,
        entity_type text NOT NULL,
        t3_average double precision NOT NULL,
        trust_level text NOT NULL,
        last_activity timestamptz,
        -- What a list shows at any moment without reading whole entities (see core's summaryAt).
        scores_at_last_activity double precision[] NOT NULL,
        action_count integer NOT NULL,
        success_count integer NOT NULL,
        witness_count integer NOT NULL,
        entity json NOT NULL
      );
      CREATE INDEX ON ${t.entities} (entity_type);
      CREATE INDEX ON ${t.entities} (t3_average);
      CREATE INDEX ON ${t.entities} (trust_level);
      CREATE INDEX ON ${t.entities} (last_activity);
      CREATE TABLE ${t.events} (
        event_id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        kind text NOT NULL CHECK (kind IN ('outcome', 'witness', 'delete', 'reset', 'import', 'sweep')),
        entity_ids text[] COLLATE "C" NOT NULL,
        details jsonb NOT NULL
      );
      CREATE INDEX ON ${t.events} USING gin (entity_ids);
      CREATE INDEX ON ${t.events} (at);
      -- Ids of the hooks' operations already applied, so that a replayed outbox applies each once.
      CREATE TABLE ${t.operations} (
        operation_id text PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ON ${t.operations} (applied_at);`,
  },
  {
    version: 2,
    name: 'call figures of each entity, call events',
    sql: (t) => `
      ALTER TABLE ${t.entities}
        ADD COLUMN calls integer NOT NULL DEFAULT 0,
        ADD COLUMN call_failures integer NOT NULL DEFAULT 0,
        ADD COLUMN recent_failure_rate double precision,
        ADD COLUMN latency_p50_ms double precision,
        ADD COLUMN latency_p95_ms double precision,
        ADD COLUMN retry_loops integer NOT NULL DEFAULT 0;
      ALTER TABLE ${t.events} DROP CONSTRAINT events_kind_check;
      ALTER TABLE ${t.events} ADD CONSTRAINT events_kind_check
        CHECK (kind IN ('outcome', 'witness', 'call', 'delete', 'reset', 'import', 'sweep'));`,
    // Entities written by version 1 keep `call_evidence` as an unknown field: their columns are
    // computed here, as the program computes them on every write.
    backfill: async (tx, t) => {
      const rows = await tx.unsafe(
        `SELECT entity_id, entity::text AS entity FROM ${t.entities} WHERE entity::jsonb ? 'call_evidence'`,
      );
      for (const row of rows) {
        let stats;
        try {
          stats = callStatsOf(EntityTrust.fromJSON(JSON.parse(row.entity as string)).callEvidence);
        } catch {
          continue; // A row that is not an entity stays as it is; reads report it.
        }
        await tx.unsafe(
          `UPDATE ${t.entities} SET calls = $2, call_failures = $3, recent_failure_rate = $4, latency_p50_ms = $5,
             latency_p95_ms = $6, retry_loops = $7 WHERE entity_id = $1`,
          [row.entity_id as string, stats.calls, stats.call_failures, stats.recent_failure_rate, stats.latency_p50_ms,
            stats.latency_p95_ms, stats.retry_loops],
        );
      }
    },
  },
  {
    version: 3,
    name: 'a notification for every entity written or removed',
    // The bridge host LISTENs and pushes the entity to the browser: no polling. Row by row, from any
    // writer (another machine, a hand-written UPDATE); notifications are sent at commit.
    sql: (t) => `
      CREATE FUNCTION "${t.schema}".notify_entity_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${changesChannel(t)}', CASE WHEN TG_OP = 'DELETE' THEN OLD.entity_id ELSE NEW.entity_id END);
        RETURN NULL;
      END $$;
      CREATE TRIGGER entity_changed AFTER INSERT OR UPDATE OR DELETE ON ${t.entities}
        FOR EACH ROW EXECUTE FUNCTION "${t.schema}".notify_entity_change();`,
  },
  {
    version: 4,
    name: 'each entity\'s list row as one JSON array',
    // What `list` reads: for the server, copying one text a row is about a tenth of the work of
    // formatting thirteen columns (nine of them doubles) as JSON on every list. Written with the
    // row by the program (see `summaryRowOf`); here, computed from the columns it duplicates, with
    // doubles printed exactly (the program's connections set extra_float_digits). The server
    // refuses a list row that is not JSON, or not an array that starts with its row's id: a hand
    // edit cannot make `list` fail or show the wrong entity.
    sql: (t) => `
      ALTER TABLE ${t.entities} ADD COLUMN list_row json;
      UPDATE ${t.entities} SET list_row = json_build_array(entity_id, entity_type, (extract(epoch FROM last_activity) * 1000)::float8,
        scores_at_last_activity, action_count, success_count, witness_count,
        calls, call_failures, recent_failure_rate, latency_p50_ms, latency_p95_ms, retry_loops);
      ALTER TABLE ${t.entities} ALTER COLUMN list_row SET NOT NULL,
        ADD CONSTRAINT list_row_of_entity CHECK (json_typeof(list_row) = 'array' AND list_row->>0 = entity_id);`,
  },
];

/** The channel on which the store's changes are announced (one entity id per notification). */
export function changesChannel(tables: Tables): string {
  return `${tables.schema}_changes`;
}

/** The newest schema version this program knows. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** The database's schema was made by a newer web4-trust, or has not been made yet. */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
}

/** The database's schema version: 0 when the store's tables were never made. */
export async function schemaVersion(sql: Sql | TransactionSql, tables: Tables): Promise<number> {
  // One round trip (every hook pays it): a missing table or schema means version 0.
  try {
    const [row] = await sql.unsafe(`SELECT coalesce(max(version), 0)::int AS version FROM ${tables.migrations}`);
    return row?.version as number;
  } catch (error) {
    if (['42P01', '3F000'].includes(sqlState(error) ?? '')) return 0;
    throw error;
  }
}

/** Throws a `SchemaVersionError` saying what to do unless the database has this program's schema. */
export function assertSchemaVersion(version: number, tables: Tables): void {
  if (version > SCHEMA_VERSION) throw newerSchema(version, tables);
  if (version < SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `the database's trust store (schema "${tables.schema}") is at version ${version}, this program needs ${SCHEMA_VERSION}: ` +
      'run `web4-trust db migrate`',
    );
  }
}

function newerSchema(version: number, tables: Tables): SchemaVersionError {
  return new SchemaVersionError(
    `the database's trust store (schema "${tables.schema}") is at version ${version}, newer than this program knows ` +
    `(${SCHEMA_VERSION}): upgrade web4-trust on this machine`,
  );
}

/**
 * Brings the schema to `SCHEMA_VERSION` (or `upTo`, for tests of upgrades) in one transaction (all
 * of it or nothing); idempotent, and safe when several machines run it at once (they queue on an
 * advisory lock). Refuses a database newer than this program. Returns the versions it applied.
 */
export async function migrate(sql: Sql, tables: Tables, upTo = SCHEMA_VERSION): Promise<number[]> {
  const applied: number[] = [];
  await sql.begin(async (tx) => {
    // Any constant works: only migrations take this lock.
    await tx`SELECT pg_advisory_xact_lock(hashtextextended(${`web4-trust migrate ${tables.schema}`}, 0))`;
    await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
    await tx.unsafe(`CREATE TABLE IF NOT EXISTS ${tables.migrations} (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const current = await schemaVersion(tx, tables);
    if (current > SCHEMA_VERSION) throw newerSchema(current, tables);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > upTo) continue;
      await tx.unsafe(migration.sql(tables));
      await migration.backfill?.(tx, tables);
      await tx.unsafe(`INSERT INTO ${tables.migrations} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      applied.push(migration.version);
    }
  });
  return applied;
}
