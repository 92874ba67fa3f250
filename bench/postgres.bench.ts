// The PostgreSQL store on a real server (a throwaway cluster with fsync on, as servers run): the
// client's load time (postgres.js against pg), hooks spawned against the file store's hooks, locked
// updates from 8 concurrent clients, and sweeping and listing 100,000 entities.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { NO_SERVER, startCluster } from '../test/support/postgres-cluster.js';
import { entityId, idleEntities } from './support/fixtures.js';
import { BIN, ROOT, core } from './support/lib.js';
import { runNode } from './support/spawn.js';
import {
  alternate, atLeast, atMost, perSecond, ratioAtMost, scaled, stats, timeMs, type Bench,
} from './harness.js';
import type { PostgresTrustStore as Store } from '../node/postgres/index.js';

const HOOK_RUNS = 21;
const CLIENTS = 8;
const UPDATES = 2_000;
const COUNT = 100_000;
const RUNS = 3;

const { PostgresTrustStore } = await import(path.join(ROOT, 'dist/node/postgres/index.js')) as { PostgresTrustStore: typeof Store };
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/claude-code', `${name}.json`), 'utf8');

export default async function run(bench: Bench): Promise<void> {
  await clientLoad(bench);
  const cluster = await startCluster({ fsync: true });
  if (!cluster) {
    console.log(`  ${NO_SERVER}`);
    return;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-bench-pg-'));
  try {
    await hooks(bench, cluster.url, home);
    await updates(bench, cluster.url, home);
    await large(bench, cluster.url, home);
  } finally {
    cluster.destroy();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** A database of its own for each part, migrated. */
async function database(url: string, name: string, home: string): Promise<{ url: string; store: Store }> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = url.replace(/\/postgres$/, `/${name}`);
  const store = new PostgresTrustStore(own, { web4Home: path.join(home, '.web4'), maxConnections: CLIENTS });
  await store.migrate();
  return { url: own, store };
}

/** Loading each client library, as a hook process would: what choosing one costs every hook on PostgreSQL. */
async function clientLoad(bench: Bench): Promise<void> {
  const load = (name: string) => () => runNode(['-e', `require(${JSON.stringify(path.join(ROOT, 'node_modules', name))})`]).ms;
  const times = await alternate(HOOK_RUNS, { node: () => runNode(['-e', '0']).ms, postgres: load('postgres'), pg: load('pg') });
  const reference = { name: 'node -e 0, in turn with it', value: times.node };
  for (const name of ['postgres', 'pg'] as const) {
    bench.report({
      name: `node -e "require('${name}')": loading the client ${name === 'postgres' ? '(postgres.js, the one we ship)' : '(node-postgres, measured to choose)'}`,
      unit: 'ms', value: times[name], reference,
      note: `${(times[name].median - times.node.median).toFixed(1)} ms over node -e 0`,
    });
  }
}

/** post-tool-use and pre-tool-use spawned on a PostgreSQL store, in turn with the same hooks on a folder. */
async function hooks(bench: Bench, url: string, home: string): Promise<void> {
  const { url: own, store } = await database(url, 'hooks', home);
  await store.close();
  const env = { ...process.env, HOME: home };
  const onPostgres = { ...env, WEB4_TRUST_STORE: own };
  const onFolder = { ...env, WEB4_TRUST_DIR: path.join(home, 'folder') };
  const hook = (event: string, input: string, hookEnv: NodeJS.ProcessEnv) => () =>
    runNode([BIN, 'hook', event], { env: hookEnv, input, quiet: true }).ms;
  for (const [event, input] of [['post-tool-use', 'post-tool-use-mcp'], ['pre-tool-use', 'pre-tool-use-mcp']] as const) {
    const text = fixture(input);
    const times = await alternate(HOOK_RUNS, {
      node: () => runNode(['-e', '0'], { env }).ms,
      folder: hook(event, text, onFolder),
      postgres: hook(event, text, onPostgres),
    });
    bench.report({
      name: `web4-trust hook ${event} on PostgreSQL (spawned, fixture on stdin), ${HOOK_RUNS} runs`,
      unit: 'ms', value: times.postgres,
      reference: { name: 'the same hook on the file store, in turn with it', value: times.folder },
      targets: [ratioAtMost(times.postgres, times.folder, 'ms', 1.5, 'the file-store hook')],
      note: `node -e 0: ${times.node.median.toFixed(1)} ms; on PostgreSQL ${(times.postgres.median - times.node.median).toFixed(1)} ms over it, on the folder ${(times.folder.median - times.node.median).toFixed(1)} ms`,
    });
  }
  const reader = new PostgresTrustStore(own, { web4Home: path.join(home, '.web4') });
  const recorded = (await reader.getExisting('mcp:github'))?.actionCount;
  await reader.close();
  if (recorded !== HOOK_RUNS + 1) throw new Error(`the PostgreSQL hooks recorded ${recorded} calls, not ${HOOK_RUNS + 1}`);
}

/** `store.update` from 8 concurrent clients (connections), each on its own entities, against a bare single-statement update. */
async function updates(bench: Bench, url: string, home: string): Promise<void> {
  const { url: own, store } = await database(url, 'updates', home);
  const ids = Array.from({ length: 1000 }, (_, i) => entityId(i));
  for (const id of ids) await store.update(id, true, 0.5);
  const bare = postgres(own, { max: CLIENTS, onnotice: () => {} });
  await bare.unsafe('CREATE TABLE counters (id text PRIMARY KEY, n integer NOT NULL)');
  await bare.unsafe('INSERT INTO counters SELECT json_array_elements_text($1::json), 0', [ids]);
  const concurrently = async (body: (i: number) => Promise<unknown>) => perSecond(UPDATES, await timeMs(() =>
    Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = client; i < UPDATES; i += CLIENTS) await body(i);
    }))));
  let round = 0;
  const result = await alternate(5, {
    ours: () => concurrently((i) => store.update(ids[(i + round++) % ids.length]!, i % 4 !== 0, 0.5)),
    bare: () => concurrently((i) => bare.unsafe('UPDATE counters SET n = n + 1 WHERE id = $1', [ids[i % ids.length]!])),
  });
  await bare.end();
  await store.close();
  bench.report({
    name: `PostgresTrustStore.update (a locked read-modify-write transaction), ${CLIENTS} concurrent clients`,
    unit: 'updates/s', value: result.ours,
    reference: { name: `bare single-statement UPDATE … SET n = n + 1, ${CLIENTS} concurrent clients`, value: result.bare },
    targets: [atLeast(result.ours, 1500, 'updates/s')],
  });
}

/** 100,000 idle entities: `web4-trust decay` and `web4-trust list --json`, spawned as a user runs them. */
async function large(bench: Bench, url: string, home: string): Promise<void> {
  const { url: own, store } = await database(url, 'large', home);
  const bundle = core.createBundle(idleEntities(COUNT), Date.now());
  await store.importBundle(bundle, 'replace');
  const env = { ...process.env, HOME: home, WEB4_TRUST_STORE: own };
  const output = path.join(home, 'out.json');
  // What any sweep must do, in a process of its own too: read every row in batches of 1,000 by key
  // and write each batch back in one statement (the same texts: only the entity column).
  const bareSweep = `const postgres = require(${JSON.stringify(path.join(ROOT, 'node_modules/postgres'))});
    const sql = postgres(${JSON.stringify(own)}, { onnotice: () => {} });
    (async () => { let after = '', n = 0;
      for (;;) {
        const rows = await sql.unsafe('SELECT entity_id, entity::text AS e FROM web4_trust.entities WHERE entity_id > $1 ORDER BY entity_id LIMIT 1000', [after]);
        if (rows.length === 0) break;
        after = rows.at(-1).entity_id;
        await sql.begin((tx) => tx.unsafe('UPDATE web4_trust.entities AS t SET entity = (r->>1)::json FROM jsonb_array_elements($1::jsonb) AS r WHERE t.entity_id = r->>0', [rows.map((r) => [r.entity_id, r.e])]));
        n += rows.length;
      }
      if (n !== ${COUNT}) throw new Error('wrote ' + n); await sql.end(); })();`;
  // Each sweep starts from the same idle store: the bundle is put back in between (not timed).
  const sweeps: number[] = [];
  const bareSweeps: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    if (i > 0) await store.importBundle(bundle, 'replace');
    bareSweeps.push(runNode(['-e', bareSweep]).ms / 1000);
    const { ms } = runNode([BIN, 'decay', '--json'], { env, stdoutFile: output });
    const { changed } = JSON.parse(fs.readFileSync(output, 'utf8')) as { changed: number };
    if (changed !== COUNT) throw new Error(`the sweep changed ${changed} of ${COUNT}`);
    sweeps.push(ms / 1000);
  }
  bench.report({
    name: 'web4-trust decay on PostgreSQL (spawned), 100,000 entities idle for 30 days',
    unit: 's', value: stats(sweeps), targets: [atMost(stats(sweeps), 10, 's')],
    reference: { name: 'bare read of every row + write-back of its text, 1,000 a statement, spawned', value: stats(bareSweeps) },
  });
  const bare = `const postgres = require(${JSON.stringify(path.join(ROOT, 'node_modules/postgres'))});
    const sql = postgres(${JSON.stringify(own)}, { onnotice: () => {} });
    (async () => { let n = 0;
      for await (const rows of sql.unsafe('SELECT entity::text AS e FROM web4_trust.entities').cursor(1000)) for (const r of rows) { JSON.parse(r.e); n++; }
      if (n !== ${COUNT}) throw new Error('read ' + n); await sql.end(); })();`;
  const times = await alternate(RUNS, {
    list: () => runNode([BIN, 'list', '--json'], { env, stdoutFile: output }).ms,
    bare: () => runNode(['-e', bare]).ms,
  });
  const listed = (JSON.parse(fs.readFileSync(output, 'utf8')) as { entities: unknown[] }).entities.length;
  if (listed !== COUNT) throw new Error(`web4-trust list showed ${listed} of ${COUNT}`);
  await store.close();
  bench.report({
    name: 'web4-trust list --json on PostgreSQL (spawned), 100,000 entities: wall time',
    unit: 's', value: scaled(times.list, 1 / 1000),
    reference: { name: 'bare cursor over the entity rows + JSON.parse of each, spawned', value: scaled(times.bare, 1 / 1000) },
    targets: [atMost(scaled(times.list, 1 / 1000), 1, 's')],
  });
}
