// A throwaway PostgreSQL cluster in a temporary folder (Debian's postgresql package), for the tests
// and the bench. As root, its programs run as the `postgres` user (initdb refuses root).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((bin) => fs.existsSync(path.join(bin, 'initdb')));
}

/** Runs a PostgreSQL program, as the `postgres` user when we are root (initdb refuses root). */
function run(bin: string, program: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]] : [path.join(bin, program), args];
  execFileSync(command, commandArgs, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Cluster {
  url: string;
  /** Stops the server (fast shutdown: clients are disconnected), keeping its data. */
  stop(): void;
  start(): void;
  destroy(): void;
}

/**
 * A new cluster, started; undefined when PostgreSQL is not installed. Tests run it without fsync
 * (they check logic, not disks); the bench with it, as a real server runs.
 */
export async function startCluster({ fsync = false }: { fsync?: boolean } = {}): Promise<Cluster | undefined> {
  const bin = postgresBin();
  if (!bin) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-pg-'));
  if (process.getuid?.() === 0) spawnSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort();
  run(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  const start = () => run(bin, 'pg_ctl', ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${fsync ? 'on' : 'off'} -c max_connections=200`, 'start']);
  const stop = () => run(bin, 'pg_ctl', ['-D', data, '-w', '-m', 'fast', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop,
    start,
    destroy: () => {
      run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const NO_SERVER = '⚠ PostgreSQL tests are SKIPPED: no server. Install `postgresql` or set WEB4_TRUST_TEST_PG=postgres://…';
