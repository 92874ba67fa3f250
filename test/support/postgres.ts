import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { PostgresTrustStore, type PostgresTrustStoreOptions } from '../../node/postgres/index.js';
import { connect } from '../../node/postgres/connection.js';

/** The test server's URL ('' when there is none: the global setup said so, and these tests skip). */
export const postgresUrl = inject('postgresUrl');

let counter = 0;

/** A schema name no other test uses, so that every store starts empty. */
export function freshSchema(): string {
  return `t_${process.pid}_${Date.now().toString(36)}_${++counter}`;
}

/** A migrated store in a fresh schema, with its own `.web4` folder; `drop` removes both. */
export async function openTestStore(
  options: PostgresTrustStoreOptions = {},
): Promise<{ store: PostgresTrustStore; web4Home: string; drop: () => Promise<void> }> {
  const web4Home = options.web4Home ?? fs.mkdtempSync(path.join(os.tmpdir(), 'web4-home-'));
  const schema = options.schema ?? freshSchema();
  const store = new PostgresTrustStore(postgresUrl, { schema, web4Home, ...options });
  await store.migrate();
  const drop = async () => {
    await store.close();
    const sql = connect(postgresUrl);
    await sql.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.end();
    fs.rmSync(web4Home, { recursive: true, force: true });
  };
  return { store, web4Home, drop };
}
