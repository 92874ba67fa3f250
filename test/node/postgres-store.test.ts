import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EntityTrust, entityFileName, listRowOf, type EntityJson, type EntityListRow, type SweepSummary } from '../../core/index.js';
import { connect } from '../../node/postgres/connection.js';
import { rowsByIdSql } from '../../node/postgres/postgres-adapter.js';
import { migrate } from '../../node/postgres/schema.js';
import { postgresFeed } from '../../node/bridge/postgres-feed.js';
import { PostgresTrustStore, SCHEMA_VERSION, SchemaVersionError, redactUrl } from '../../node/postgres/index.js';
import { runHook } from '../../node/index.js';
import { ManualClock, describeTrustStoreContract } from '../contract/trust-store-contract.js';
import { text } from './claude-code-fixtures.js';
import { freshSchema, openTestStore, postgresUrl } from '../support/postgres.js';

describe('redactUrl', () => {
  it('hides the password in the user part and in the query, and nothing else', () => {
    expect(redactUrl('postgres://ann:s3cr%40t@db.example:5432/trust?sslmode=require')).toBe('postgres://ann:***@db.example:5432/trust?sslmode=require');
    expect(redactUrl('postgresql://db/trust?user=ann&password=hunter2&sslmode=verify-full')).toBe('postgresql://db/trust?user=ann&password=***&sslmode=verify-full');
    expect(redactUrl('postgres://ann@db/trust')).toBe('postgres://ann@db/trust');
  });
});

describe.skipIf(!postgresUrl)('PostgresTrustStore on a real server', () => {
  describeTrustStoreContract('PostgresTrustStore', async ({ clock }) => {
    const { store, drop } = await openTestStore({ clock });
    return { store, close: drop };
  });

  const drops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of drops.splice(0)) await drop();
  });
  const open = async (options: Parameters<typeof openTestStore>[0] = {}) => {
    const opened = await openTestStore(options);
    drops.push(opened.drop);
    return opened;
  };
  const query = async <T>(body: (sql: ReturnType<typeof connect>) => Promise<T>): Promise<T> => {
    const sql = connect(postgresUrl);
    try {
      return await body(sql);
    } finally {
      await sql.end();
    }
  };

  it('takes what the URL leaves out from the PG* variables, and honours sslmode from the URL or PGSSLMODE', async () => {
    const { hostname, port, username, pathname } = new URL(postgresUrl);
    const saved = { ...process.env };
    Object.assign(process.env, { PGHOST: hostname, PGPORT: port, PGUSER: decodeURIComponent(username), PGDATABASE: pathname.slice(1) });
    try {
      const schema = freshSchema();
      const fromEnv = new PostgresTrustStore('postgres://', { schema });
      expect(await fromEnv.migrate()).toEqual([1, 2, 3, 4]);
      await fromEnv.close();
      await query((sql) => sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`));
      // The test server has no TLS: asking for it fails instead of silently connecting in clear.
      for (const [url, env] of [[`${postgresUrl}?sslmode=require`, {}], [postgresUrl, { PGSSLMODE: 'require' }]] as const) {
        Object.assign(process.env, env);
        const tls = new PostgresTrustStore(url, { schema: freshSchema(), connectTimeoutS: 5 });
        await expect(tls.schemaVersion()).rejects.toThrow(/TLS|SSL/);
        await tls.close();
      }
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

  it('keeps the entity\'s JSON text exactly: numbers bit-exact, unknown fields kept, columns for queries', async () => {
    const { store } = await open();
    const json: EntityJson & { custom: unknown } = {
      ...EntityTrust.create('mcp:exact', Date.UTC(2026, 0, 1)).toJSON(),
      talent: 0.1 + 0.2, training: 5e-324, temperament: 1 - Number.EPSILON / 2, custom: { nested: [1, 'two'] },
    };
    await store.importBundle([json]);
    const [row] = await query((sql) => sql.unsafe(`SELECT entity::text AS text, entity_type, t3_average, trust_level FROM ${store.tables.entities}`));
    expect(JSON.parse(row!.text as string)).toEqual(JSON.parse(JSON.stringify(EntityTrust.fromJSON(json).toJSON())));
    const read = (await store.getExisting('mcp:exact'))!.toJSON() as EntityJson & { custom: unknown };
    expect([read.talent, read.training, read.temperament]).toEqual([0.1 + 0.2, 5e-324, 1 - Number.EPSILON / 2]);
    expect(read.custom).toEqual({ nested: [1, 'two'] });
    expect(row).toMatchObject({ entity_type: 'mcp', t3_average: EntityTrust.fromJSON(json).t3Average, trust_level: EntityTrust.fromJSON(json).trustLevel });
  });

  it('keeps the event history: outcomes, witnesses, deletes, imports and sweeps, with the entities they touched', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    await store.update('mcp:a', true, 0.1);
    await store.witness('session:s', 'mcp:a', false, 0.1);
    await store.record([{ kind: 'call', entityId: 'mcp:a', call: { tool: 'search', success: false, failureKind: 'timeout', durationMs: 900 } }]);
    await store.importBundle([EntityTrust.create('role:r', clock.now()).toJSON()]);
    await store.delete('role:r');
    clock.advanceDays(400);
    await store.sweepDecay();
    const events = await query((sql) => sql.unsafe(`SELECT kind, array_to_json(entity_ids) AS entity_ids, details FROM ${store.tables.events} ORDER BY event_id`));
    expect(events.map((e) => [e.kind, e.entity_ids])).toEqual([
      ['outcome', ['mcp:a']], ['witness', ['session:s', 'mcp:a']], ['call', ['mcp:a']], ['import', []], ['delete', ['role:r']],
      ['sweep', ['mcp:a', 'session:s']],
    ]);
    expect(events[2]!.details).toEqual({ tool: 'search', success: false, failure_kind: 'timeout', duration_ms: 900, retry_loop: false });
    expect(events[5]!.details).toEqual({ changed: 1, removed: 1 });
    // Ids with the characters an array literal escapes.
    await store.witness('session:"quoted"', 'ref:back\\slash,comma', true, 0.1);
    const [last] = await query((sql) => sql.unsafe(`SELECT array_to_json(entity_ids) AS ids FROM ${store.tables.events} ORDER BY event_id DESC LIMIT 1`));
    expect(last!.ids).toEqual(['session:"quoted"', 'ref:back\\slash,comma']);
  });

  it('clients that create and change the same entities at once lose nothing: the one that loses a race runs again', async () => {
    const { store, web4Home } = await open({ maxConnections: 4 });
    const other = new PostgresTrustStore(postgresUrl, { schema: store.tables.schema, web4Home, maxConnections: 4 });
    try {
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? store : other).witness(`session:s${i % 5}`, 'mcp:raced', i % 3 !== 0, 0.05)));
      const raced = (await store.getExisting('mcp:raced'))!;
      expect([raced.witnessCount, raced.witnessedBy.length]).toEqual([40, 5]);
      const sessions = await Promise.all(Array.from({ length: 5 }, (_, i) => other.getExisting(`session:s${i}`)));
      expect(sessions.map((session) => session!.hasWitnessed)).toEqual(Array.from({ length: 5 }, () => ['mcp:raced']));
      const [events] = await query((sql) => sql.unsafe(`SELECT count(*)::int AS n FROM ${store.tables.events} WHERE kind = 'witness'`));
      expect(events!.n).toBe(40);
    } finally {
      await other.close();
    }
  });

  it('applies an outbox entry once: one whose file outlived its commit (a crash between the two) is not applied again', async () => {
    const { store } = await open();
    const entry = { kind: 'operations', id: 'op-1', at: Date.now(), operations: [{ kind: 'outcome', entityId: 'mcp:once', success: true, magnitude: 0.1 }] } as const;
    store.outbox.append({ ...entry, operations: [...entry.operations] });
    expect(await store.sync()).toEqual({ applied: 1, duplicates: 0, pending: 0, setAside: 0 });
    store.outbox.append({ ...entry, operations: [...entry.operations] });
    expect(await store.sync()).toEqual({ applied: 0, duplicates: 1, pending: 0, setAside: 0 });
    expect((await store.getExisting('mcp:once'))!.actionCount).toBe(1);
    // A sweep forgets ids applied more than 30 days ago, and keeps the others.
    await query((sql) => sql.unsafe(`INSERT INTO ${store.tables.operations} VALUES ('op-old', now() - interval '31 days')`));
    await store.sweepDecay();
    const kept = await query((sql) => sql.unsafe(`SELECT operation_id FROM ${store.tables.operations} ORDER BY 1`));
    expect(kept.map((row) => row.operation_id)).toEqual(['op-1']);
  });

  it('migrates idempotently, and refuses a database newer or older than the program with what to do', async () => {
    const { store } = await open();
    expect(await store.migrate()).toEqual([]);
    expect(await store.schemaVersion()).toBe(SCHEMA_VERSION);
    await query((sql) => sql.unsafe(`INSERT INTO ${store.tables.migrations} (version, name) VALUES (${SCHEMA_VERSION + 1}, 'future')`));
    const again = new PostgresTrustStore(postgresUrl, { schema: store.tables.schema });
    try {
      await expect(again.list()).rejects.toThrow(`version ${SCHEMA_VERSION + 1}, newer than this program knows (${SCHEMA_VERSION}): upgrade web4-trust`);
      await expect(again.migrate()).rejects.toBeInstanceOf(SchemaVersionError);
    } finally {
      await again.close();
    }
    const empty = new PostgresTrustStore(postgresUrl, { schema: freshSchema() });
    try {
      await expect(empty.update('mcp:x', true, 0.1)).rejects.toThrow(`at version 0, this program needs ${SCHEMA_VERSION}: run \`web4-trust db migrate\``);
    } finally {
      await empty.close();
    }
  });

  it('version 1 to 2: entities that kept call_evidence as an unknown field get their call columns', async () => {
    const schema = freshSchema();
    const tables = { schema, migrations: `"${schema}"."migrations"`, entities: `"${schema}"."entities"`, events: `"${schema}"."events"`, operations: `"${schema}"."operations"` };
    const entity = EntityTrust.create('mcp:old', Date.UTC(2026, 0, 1));
    entity.recordCall({ tool: 'search', success: false, failureKind: 'tool', durationMs: 40 }, Date.UTC(2026, 0, 2));
    await query(async (sql) => {
      expect(await migrate(sql, tables, 1)).toEqual([1]);
      await sql.unsafe(
        `INSERT INTO ${tables.entities} VALUES ('mcp:old', 'mcp', 0.5, 'medium', NULL, '{0.5,0.5,0.5,0.5,0.5,0.5}', 0, 0, 0, $1::json)`,
        [entity.toJSON() as never],
      );
      expect(await migrate(sql, tables)).toEqual([2, 3, 4]);
    });
    const store = new PostgresTrustStore(postgresUrl, { schema });
    try {
      const rows: EntityListRow[] = [];
      await store.scanSummaries({}, (row) => rows.push(row));
      expect(rows[0]).toMatchObject({ calls: 1, call_failures: 1, recent_failure_rate: 1, latency_p50_ms: 40, latency_p95_ms: 40, retry_loops: 0 });
      expect((await store.getExisting('mcp:old'))!.callEvidence).toEqual(entity.callEvidence);
    } finally {
      await store.close();
      await query((sql) => sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`));
    }
  });

  it('a list row edited by hand: the server refuses one that is not JSON or names another entity; any other shows the entity as it is', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    await store.update('mcp:a', true, 0.7);
    await store.update('mcp:b', false, 0.4);
    const t = store.tables.entities;
    await query(async (sql) => {
      await expect(sql.unsafe(`UPDATE ${t} SET list_row = 'not json' WHERE entity_id = 'mcp:a'`)).rejects.toThrow(/invalid input syntax for type json/);
      await expect(sql.unsafe(`UPDATE ${t} SET list_row = '["mcp:b"]' WHERE entity_id = 'mcp:a'`)).rejects.toThrow(/list_row_of_entity/);
      await sql.unsafe(`UPDATE ${t} SET list_row = '["mcp:a", "mcp", "yesterday"]' WHERE entity_id = 'mcp:a'`);
      // Not an entity either: reported, and the rest still listed.
      await sql.unsafe(`UPDATE ${t} SET list_row = '["mcp:b", 1]', entity = '{"entity_id": "mcp:b"}' WHERE entity_id = 'mcp:b'`);
    });
    clock.advanceDays(20);
    const rows: EntityListRow[] = [];
    const problems = await store.scanSummaries({}, (row) => rows.push(row));
    expect(rows).toStrictEqual([listRowOf((await store.getExisting('mcp:a'))!)]);
    expect(problems).toEqual([{ path: `${t} row "mcp:b"`, problem: expect.stringContaining('talent') }]);
  });

  it('version 3 to 4: list rows computed from the columns show exactly what reading each entity whole shows', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    await store.importBundle([{ ...EntityTrust.create('mcp:exact', clock.now()).toJSON(), talent: 0.1 + 0.2, training: 5e-324, temperament: 1 - Number.EPSILON / 2 }]);
    await store.witness('session:s', 'mcp:exact', false, 0.3);
    await store.record([{ kind: 'call', entityId: 'role:r', call: { tool: 'review', success: false, durationMs: 1234 } }]);
    // The database as version 3 left it: no list rows.
    await query(async (sql) => {
      await sql.unsafe(`ALTER TABLE ${store.tables.entities} DROP COLUMN list_row`);
      await sql.unsafe(`DELETE FROM ${store.tables.migrations} WHERE version = 4`);
    });
    expect(await store.migrate()).toEqual([4]);
    clock.advanceDays(45);
    const rows: EntityListRow[] = [];
    await store.scanSummaries({}, (row) => rows.push(row));
    expect(rows).toStrictEqual((await store.list()).map(listRowOf));
    expect(rows.map((row) => row.entity_id)).toEqual(['mcp:exact', 'role:r', 'session:s']);
  });

  it('a hook on a database not migrated yet keeps its call in the outbox and says what to run; after `db migrate` it lands', async () => {
    const schema = freshSchema();
    const web4Home = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-home-'));
    const store = new PostgresTrustStore(postgresUrl, { schema, web4Home });
    try {
      await query((sql) => migrate(sql, { schema, migrations: `"${schema}"."migrations"`, entities: `"${schema}"."entities"`, events: `"${schema}"."events"`, operations: `"${schema}"."operations"` }, 1));
      await expect(runHook('post-tool-use', text('post-tool-use-mcp'), store)).rejects.toThrow(
        /at version 1, this program needs 4: run `web4-trust db migrate`; the call waits in .*outbox/,
      );
      expect(await store.migrate()).toEqual([2, 3, 4]);
      expect(await store.sync()).toMatchObject({ applied: 1, pending: 0 });
      expect((await store.getExisting('mcp:github'))!.callEvidence!.calls).toBe(1);
    } finally {
      await store.close();
      await query((sql) => sql.unsafe(`DROP SCHEMA "${schema}" CASCADE`));
      fs.rmSync(web4Home, { recursive: true, force: true });
    }
  });

  it('announces every entity written or removed, by any client: the bridge pushes them without polling', async () => {
    const { store } = await open();
    const other = new PostgresTrustStore(postgresUrl, { schema: store.tables.schema });
    const pushes: { entities: string[]; removed: string[] }[] = [];
    const stop = postgresFeed(store, (problem) => pushes.push({ entities: [problem], removed: [] }))
      .watch((entities, removed) => pushes.push({ entities: entities.map((e) => e.entity_id), removed }));
    try {
      const arrived = (test: (p: { entities: string[]; removed: string[] }) => boolean) => vi.waitFor(() => {
        if (!pushes.some(test)) throw new Error(`not yet: ${JSON.stringify(pushes)}`);
      }, { timeout: 10_000, interval: 20 });
      // The listener is set up asynchronously: write until the first announcement arrives.
      await vi.waitFor(async () => {
        await other.witness('session:other-machine', 'mcp:shared', true, 0.1);
        if (!pushes.some((p) => p.entities.includes('mcp:shared'))) throw new Error('no push yet');
      }, { timeout: 10_000, interval: 200 });
      expect(pushes.find((p) => p.entities.includes('mcp:shared'))!.entities.sort()).toEqual(['mcp:shared', 'session:other-machine']);
      await other.delete('mcp:shared');
      await arrived((p) => p.removed.includes(entityFileName('mcp:shared')));
    } finally {
      stop();
      await other.close();
    }
  });

  it('finds a change\'s rows by key: no read of a few entities scans the whole table', async () => {
    const { store } = await open();
    await store.importBundle(Array.from({ length: 2000 }, (_, i) => EntityTrust.create(`mcp:s${i}`, Date.UTC(2026, 0, 1)).toJSON()));
    const plans = await query(async (sql) => {
      await sql.unsafe(`ANALYZE ${store.tables.entities}`);
      return sql.begin(async (tx) => {
        // The plan a client's prepared statement settles on after its first runs.
        await tx.unsafe('SET LOCAL plan_cache_mode = force_generic_plan');
        const found: string[] = [];
        for (const forUpdate of [false, true]) {
          await tx.unsafe(`PREPARE rows_by_id AS ${rowsByIdSql(store.tables.entities, forUpdate)}`);
          const [row] = await tx.unsafe(`EXPLAIN (FORMAT JSON) EXECUTE rows_by_id('["mcp:s1", "mcp:s7"]')`);
          found.push(JSON.stringify(row!['QUERY PLAN']));
          await tx.unsafe('DEALLOCATE rows_by_id');
        }
        return found;
      });
    });
    for (const plan of plans) {
      expect(plan).toContain('entities_pkey');
      expect(plan).not.toContain('Seq Scan');
    }
    const [witness, target] = await store.witness('mcp:s7', 'mcp:s1', true, 0.5);
    expect([witness.entityId, target.entityId, target.witnessCount]).toEqual(['mcp:s7', 'mcp:s1', 1]);
  });

  it('list rows come from the columns, and show exactly what reading each entity whole shows, at now', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    await store.update('mcp:a', true, 0.7);
    await store.witness('session:s', 'mcp:a', false, 0.3);
    await store.importBundle([{ entity_id: 'ref:upstream', talent: 0.9, training: 0.2, temperament: 0.4, valuation: 0.7, veracity: 0.1, validity: 0.3 }]);
    clock.advanceDays(40);
    await store.sweepDecay();
    await store.update('role:r', false, 0.4);
    for (const [i, success] of [true, false, true].entries()) {
      await store.record([{ kind: 'call', entityId: 'mcp:a', call: { tool: 'search', success, durationMs: 100 * (i + 1) } }]);
    }
    clock.advanceDays(33);
    const rows: EntityListRow[] = [];
    await store.scanSummaries({}, (row) => rows.push(row));
    rows.sort((a, b) => a.entity_id.localeCompare(b.entity_id));
    expect(rows).toStrictEqual((await store.list()).map(listRowOf));
    expect(rows.find((row) => row.entity_id === 'mcp:a')).toMatchObject({ calls: 3, call_failures: 1, latency_p50_ms: 200, latency_p95_ms: 300 });
    const roles: EntityListRow[] = [];
    await store.scanSummaries({ type: 'role' }, (row) => roles.push(row));
    expect(roles.map((row) => row.entity_id)).toEqual(['role:r']);
  });

  it('serves the hooks: SessionStart sums up servers and roles from list rows, PreToolUse reads one entity', async () => {
    const { store } = await open();
    for (let i = 0; i < 4; i++) await store.update('mcp:flaky', i === 0, 0.9);
    await store.update('role:reviewer', true, 0.1);
    await store.update('session:other', true, 0.1);
    const start = JSON.parse((await runHook('session-start', text('session-start'), store))!);
    // Most recently active first; sessions are not listed.
    expect(start.hookSpecificOutput.additionalContext)
      .toBe('Web4 trust on record: subagent "reviewer" medium (1 call, 1 succeeded); MCP server "flaky" medium (4 calls, 1 succeeded).');
    const pre = JSON.parse((await runHook('pre-tool-use', text('pre-tool-use-mcp').replace('mcp__github__', 'mcp__flaky__'), store, { askBelow: 'medium' }))!);
    expect(pre.hookSpecificOutput).toMatchObject({ permissionDecision: 'ask' });
  });

  it('sweeps in batches and writes nothing the second time', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    await store.importBundle(Array.from({ length: 2500 }, (_, i) => {
      const entity = EntityTrust.create(`mcp:s${i}`, clock.now());
      entity.updateFromOutcome(true, 0.5, clock.now());
      return entity.toJSON();
    }));
    clock.advanceDays(60);
    expect(await store.sweepDecay()).toEqual({ scanned: 2500, changed: 2500, removed: 0 });
    const [before] = await query((sql) => sql.unsafe(`SELECT count(*)::int AS n FROM ${store.tables.events} WHERE kind = 'sweep'`));
    expect(before!.n).toBe(3);
    expect(await store.sweepDecay()).toEqual({ scanned: 2500, changed: 0, removed: 0 });
  });

  it('a sweep never overwrites a change another client commits while it runs', async () => {
    const clock = new ManualClock();
    const { store } = await open({ clock });
    for (const id of ['mcp:a', 'mcp:b', 'mcp:c']) await store.update(id, true, 0.5);
    clock.advanceDays(60);
    // Another client changes mcp:b after the sweep has read it and before the sweep writes it: it
    // holds the row's lock, so the sweep's write waits, then sees the new row.
    const other = connect(postgresUrl);
    try {
      let sweep: Promise<SweepSummary> | undefined;
      await other.begin(async (tx) => {
        await tx.unsafe(`SELECT 1 FROM ${store.tables.entities} WHERE entity_id = 'mcp:b' FOR UPDATE`);
        sweep = store.sweepDecay();
        for (;;) {
          const [waiting] = await other.unsafe(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'web4-trust' AND wait_event_type = 'Lock'",
          );
          if (waiting!.n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        const changed = (await store.getExisting('mcp:b'))!;
        changed.updateFromOutcome(false, 0.5, clock.now());
        await tx.unsafe(`UPDATE ${store.tables.entities} SET entity = $1::json WHERE entity_id = 'mcp:b'`, [changed.toJSON() as never]);
      });
      // mcp:b was swept again from what is stored: active now, so nothing to write back.
      expect(await sweep).toEqual({ scanned: 3, changed: 2, removed: 0 });
      // The other client's outcome is there.
      const b = (await store.getExisting('mcp:b'))!;
      expect([b.actionCount, b.successCount]).toEqual([2, 1]);
      const [row] = await query((sql) => sql.unsafe(`SELECT entity->>'last_activity' AS at FROM ${store.tables.entities} WHERE entity_id = 'mcp:b'`));
      expect(row!.at).toBe(new Date(clock.now()).toISOString());
    } finally {
      await other.end();
    }
  });

  it('keeps a hook\'s operations in the outbox while the server cannot be reached, and delivers them once, in order', async () => {
    const { store, web4Home } = await open();
    // The same schema, on a port where nothing listens: the outbox is per server and schema, so
    // this one is found by a store on the real server only if the URLs match; use the real URL's outbox.
    const unreachable = new PostgresTrustStore('postgres://postgres@127.0.0.1:1/postgres', {
      schema: store.tables.schema, web4Home, connectTimeoutS: 1,
    });
    try {
      expect(await unreachable.recordOrQueue([{ kind: 'outcome', entityId: 'mcp:away', success: false, magnitude: 0.1 }])).toBe('queued');
    } finally {
      await unreachable.close();
    }
    // Move what it queued into the real server's outbox (as if that server had been down).
    fs.mkdirSync(path.dirname(store.outbox.dir), { recursive: true });
    fs.rmSync(store.outbox.dir, { recursive: true, force: true });
    fs.renameSync(unreachable.outbox.dir, store.outbox.dir);
    expect(store.outbox.count().pending).toBe(1);
    expect(await store.recordOrQueue([{ kind: 'outcome', entityId: 'mcp:away', success: true, magnitude: 0.1 }])).toBe('recorded');
    const entity = (await store.getExisting('mcp:away'))!;
    expect([entity.actionCount, entity.successCount]).toEqual([2, 1]);
    expect(store.outbox.count().pending).toBe(0);
    expect(await store.sync()).toMatchObject({ applied: 0, duplicates: 0, setAside: 0 });
  });
});
