// The command line on a PostgreSQL store, as a user sets it up: `config set store`, the commands
// that read and write, `status`, and the way from a machine's folder to the shared database and back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { text } from '../node/claude-code-fixtures.js';
import { connect } from '../../node/postgres/connection.js';
import { postgresUrl } from '../support/postgres.js';
import { BIN, ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

const PASSWORD = 'pg-secret-never-shown';
let url = '';
let box: Sandbox;
const cli = (args: string[], input?: string) => runBin(args, { env: box.env, input });

describe.skipIf(!postgresUrl)('the command line on PostgreSQL', () => {
  beforeAll(async () => {
    ensureBuilt();
    // A database of its own, and a password in the URL (the test server trusts every login) to check it never shows.
    const name = `cli_${process.pid}`;
    const admin = connect(postgresUrl);
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    url = postgresUrl.replace('postgres@', `postgres:${PASSWORD}@`).replace(/\/postgres$/, `/${name}`);
  });
  beforeEach(() => {
    box?.cleanup();
    box = sandbox();
  });
  afterAll(() => box?.cleanup());

  it('config set store prepares the database; every command then uses it, and no output shows the password', async () => {
    const outputs: string[] = [];
    const run = async (args: string[], input?: string) => {
      const result = await cli(args, input);
      outputs.push(result.stdout, result.stderr);
      return result;
    };
    const set = await run(['config', 'set', 'store', url]);
    expect(set.code).toBe(0);
    // The sandbox sets $WEB4_TRUST_DIR, which comes before the config file: said, then unset.
    expect(set.stderr).toBe('warning: $WEB4_TRUST_DIR is set, and it comes first: unset it to use this store\n');
    delete box.env.WEB4_TRUST_DIR;
    expect(set.stdout).toMatch(/store = postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/cli_\d+ \(in .*web4-trust\.json\)\nPrepared the database \(schema version 4\)\.|The database is ready\./);
    const config = path.join(box.home, '.web4', 'web4-trust.json');
    expect(fs.statSync(config).mode & 0o777).toBe(0o600);
    expect((await run(['config', 'get', 'store'])).stdout).toContain('postgres:***@');
    expect((await run(['update', 'mcp:github', '--success'])).code).toBe(0);
    expect((await run(['hook', 'post-tool-use'], text('post-tool-use-mcp'))).code).toBe(0);
    const list = await run(['list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject({ store: expect.stringContaining('***'), entities: [{ entity_id: 'mcp:github', action_count: 2 }, { entity_type: 'session' }] });
    const show = JSON.parse((await run(['show', 'mcp:github', '--json'])).stdout);
    expect(show.store).toContain('***');
    expect(show.file).toBeUndefined();
    const status = await run(['status']);
    expect(status.stdout).toMatch(/^store: postgres:\/\/postgres:\*\*\*@.* \(postgres, chosen by config file\)\nschema: version 4\nentities: 2\noutbox: 0 calls waiting\n$/);
    expect(await run(['db', 'migrate'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/is up to date \(schema version 4\)/) });
    const doctor = await run(['doctor']);
    expect(doctor).toMatchObject({ code: 2, stderr: expect.stringMatching(/doctor examines a store folder; .* is a PostgreSQL store/) });
    // Unreachable: the error names the server, without its password.
    const away = url.replace(/:\d+\//, ':1/');
    const down = await run(['list', '--store', away]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/ECONNREFUSED/);
    expect(outputs.join('\n')).not.toContain(PASSWORD);
    expect((await run(['config', 'unset', 'store'])).code).toBe(0);
    expect((await run(['status'])).stdout).toMatch(/\(folder, chosen by default\)/);
  });

  it('moves a machine\'s folder to the shared database and back: export, then import --merge', async () => {
    expect((await cli(['update', 'mcp:local-only', '--failure'])).code).toBe(0);
    expect((await cli(['witness', 'session:s', 'mcp:local-only', '--success'])).code).toBe(0);
    const bundle = path.join(box.home, 'folder.json');
    expect((await cli(['export', '--out', bundle])).code).toBe(0);
    const imported = await cli(['import', bundle, '--merge', '--store', url]);
    expect(imported.code).toBe(0);
    const fromDb = path.join(box.home, 'db.json');
    expect((await cli(['export', '--out', fromDb, '--store', url])).code).toBe(0);
    const ids = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { entities: { entity_id: string }[] }).entities.map((e) => e.entity_id);
    expect(ids(fromDb)).toEqual(expect.arrayContaining(ids(bundle)));
    // And back into a new folder: the database's entities, merged.
    const back = await cli(['import', fromDb, '--merge', '--store', path.join(box.home, 'new-folder')]);
    expect(back.code).toBe(0);
    const local = JSON.parse((await cli(['show', 'mcp:local-only', '--json', '--store', path.join(box.home, 'new-folder')])).stdout);
    expect(local.entity).toMatchObject({ action_count: 1, success_count: 0, witness_count: 1 });
  });

  it('hooks install prepares a configured database that has no tables yet', async () => {
    const admin = connect(postgresUrl);
    await admin.unsafe(`DROP DATABASE IF EXISTS hooks_${process.pid}`);
    await admin.unsafe(`CREATE DATABASE hooks_${process.pid}`);
    await admin.end();
    const fresh = postgresUrl.replace(/\/postgres$/, `/hooks_${process.pid}`);
    const installed = await runBin(['hooks', 'install'], { env: { ...box.env, WEB4_TRUST_STORE: fresh } });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain('Prepared the database (schema version 4).');
    const status = await runBin(['status', '--json'], { env: { ...box.env, WEB4_TRUST_STORE: fresh } });
    expect(JSON.parse(status.stdout)).toMatchObject({ schema_version: 4, entities: 0 });
  });

  it('a hook on a folder never loads the PostgreSQL store: the executable works without postgres.cjs', async () => {
    const bin = path.join(box.home, 'bin');
    fs.cpSync(path.dirname(BIN), bin, { recursive: true });
    fs.rmSync(path.join(bin, 'postgres.cjs'));
    const copy = path.join(bin, 'web4-trust.cjs');
    expect(await runBin(['hook', 'post-tool-use'], { env: box.env, input: text('post-tool-use-mcp'), bin: copy })).toEqual({ code: 0, stdout: '', stderr: '' });
    const listed = await runBin(['list', '--json'], { env: box.env, bin: copy });
    expect(JSON.parse(listed.stdout).entities).toHaveLength(2);
    // On PostgreSQL it needs the file, and says so (the hook still exits 0).
    const pg = await runBin(['hook', 'post-tool-use'], { env: { ...box.env, WEB4_TRUST_STORE: url }, input: text('post-tool-use-mcp'), bin: copy });
    expect(pg).toMatchObject({ code: 0, stderr: expect.stringContaining('postgres.cjs') });
  });

  it('sync and db refuse a folder store, saying how to set a database', async () => {
    for (const args of [['sync'], ['db', 'migrate']]) {
      const result = await cli(args);
      expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/is for a PostgreSQL store; .* is a folder \(set one with --store postgres:\/\/…/) });
    }
  });
});
