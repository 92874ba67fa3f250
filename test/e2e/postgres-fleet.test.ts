// Several machines, one PostgreSQL store: four processes named after the rollout's machines, each
// with its own HOME (so its own outbox), record hook calls in parallel on one server.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntityTrust } from '../../core/index.js';
import { connect } from '../../node/postgres/connection.js';
import { PostgresTrustStore } from '../../node/postgres/index.js';
import { NO_SERVER, startCluster, type Cluster } from '../support/postgres-cluster.js';
import { ROOT, ensureBuilt, runBin } from './support/node-bin.js';

const MACHINES = ['legion', 'cbp', 'thor', 'sprout'];
const WORKER = path.join(import.meta.dirname, 'support/fleet-worker.mjs');
let cluster: Cluster | undefined;
let databases = 0;

beforeAll(async () => {
  ensureBuilt();
  cluster = await startCluster();
  if (!cluster) process.stderr.write(`${NO_SERVER}\n`);
});
afterAll(() => cluster?.destroy());

/** A new database on the test cluster, and a home per machine pointed at it (as `config set store` would). */
async function fleet(): Promise<{ url: string; homes: Map<string, string>; store: () => PostgresTrustStore }> {
  const name = `fleet_${++databases}`;
  const admin = connect(cluster!.url);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = cluster!.url.replace(/\/postgres$/, `/${name}`);
  fs.mkdirSync(path.join(ROOT, 'tmp'), { recursive: true });
  const homes = new Map(MACHINES.map((machine) => [machine, fs.mkdtempSync(path.join(ROOT, `tmp/fleet-${machine}-`))]));
  const migrated = await runBin(['db', 'migrate', '--store', url], { env: { ...process.env, HOME: homes.get('legion')! } });
  expect(migrated.stdout).toMatch(/Migrated .* to schema version 4/);
  return { url, homes, store: () => new PostgresTrustStore(url, { web4Home: path.join(homes.get('legion')!, '.web4') }) };
}

interface Worker {
  child: ChildProcess;
  /** `recorded` / `queued`, one per committed call, as printed. */
  results: string[];
  done: Promise<void>;
}

function startWorker(machine: string, home: string, url: string, calls: number): Worker {
  const child = spawn(process.execPath, [WORKER, machine, String(calls)], {
    env: { ...process.env, HOME: home, WEB4_TRUST_STORE: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const results: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    results.push(...lines);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const done = new Promise<void>((resolve, reject) => {
    child.on('exit', (code, signal) => (code === 0 || signal === 'SIGKILL' ? resolve() : reject(new Error(`${machine} exited ${code}: ${stderr}`))));
  });
  return { child, results, done };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** The shared server entity and each machine's session, as stored. */
async function counts(store: PostgresTrustStore): Promise<{ server: EntityTrust; sessions: EntityTrust[] }> {
  const server = (await store.getExisting('mcp:filesystem'))!;
  const sessions = (await store.list({ type: 'session' }));
  return { server, sessions };
}

describe.skipIf(!process.env.WEB4_TRUST_TEST_PG && !fs.existsSync('/usr/lib/postgresql'))('a fleet on one PostgreSQL server', () => {
  it('four machines, 500 hook calls each in parallel: every call counted exactly', async () => {
    const { url, homes, store } = await fleet();
    const workers = MACHINES.map((machine) => startWorker(machine, homes.get(machine)!, url, 500));
    await Promise.all(workers.map((w) => w.done));
    for (const worker of workers) expect(worker.results.filter((r) => r === 'recorded')).toHaveLength(500);
    const reader = store();
    try {
      const { server, sessions } = await counts(reader);
      expect([server.actionCount, server.successCount, server.witnessCount]).toEqual([2000, 1500, 2000]);
      expect(sessions.map((s) => [s.entityId, s.hasWitnessed])).toEqual([...MACHINES].sort().map((m) => [`session:${m}-session`, ['mcp:filesystem']]));
    } finally {
      await reader.close();
    }
  });

  it('a machine killed with SIGKILL mid-run loses no committed call and corrupts nothing', async () => {
    const { url, homes, store } = await fleet();
    const [victim, ...others] = MACHINES.map((machine) => startWorker(machine, homes.get(machine)!, url, 200));
    await waitFor(() => victim!.results.length >= 50);
    victim!.child.kill('SIGKILL');
    await Promise.all([victim!, ...others].map((w) => w.done));
    const reader = store();
    try {
      const committed = victim!.results.length;
      const { server } = await counts(reader);
      // The call in flight when it was killed may have committed before it could say so.
      expect(server.actionCount - 600).toBeGreaterThanOrEqual(committed);
      expect(server.actionCount - 600).toBeLessThanOrEqual(committed + 1);
      expect(server.witnessCount).toBe(server.actionCount);
      // Every row still reads as an entity.
      expect((await reader.scan()).problems).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('the server stopped for part of the run: calls made meanwhile land from the outboxes once it is back, exactly once', async () => {
    const { url, homes, store } = await fleet();
    const workers = MACHINES.map((machine) => startWorker(machine, homes.get(machine)!, url, 150));
    await waitFor(() => workers.every((w) => w.results.length >= 30));
    cluster!.stop();
    await waitFor(() => workers.every((w) => w.results.filter((r) => r === 'queued').length >= 5 || w.results.length === 150));
    cluster!.start();
    await Promise.all(workers.map((w) => w.done));
    const queued = workers.reduce((n, w) => n + w.results.filter((r) => r === 'queued').length, 0);
    expect(queued).toBeGreaterThanOrEqual(20);
    // Calls after the restart delivered what waited before them; `sync` delivers the rest.
    for (const machine of MACHINES) {
      const sync = await runBin(['sync', '--json'], { env: { ...process.env, HOME: homes.get(machine)!, WEB4_TRUST_STORE: url } });
      expect(JSON.parse(sync.stdout)).toMatchObject({ pending: 0, set_aside: 0 });
      const status = await runBin(['status'], { env: { ...process.env, HOME: homes.get(machine)!, WEB4_TRUST_STORE: url } });
      expect(status.stdout).toContain('outbox: 0 calls waiting');
    }
    const reader = store();
    try {
      const { server } = await counts(reader);
      // 150 calls per machine, every fourth (38) a failure.
      expect([server.actionCount, server.witnessCount, server.successCount]).toEqual([600, 600, 448]);
    } finally {
      await reader.close();
    }
  });
});
