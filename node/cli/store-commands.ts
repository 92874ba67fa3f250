import type { Command } from 'commander';
import type { PostgresTrustStore } from '../postgres/postgres-store.js';
import { isPostgresUrl, redactUrl } from '../postgres/settings.js';
import { openStore } from '../store/open-store.js';
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../audit/audit-log.js';
import {
  CONFIG_FIELDS, CONFIG_KEYS, configPath, readConfig, retentionProblem, writeConfig, type ConfigKey,
} from '../store/store-choice.js';
import { createContext, toJsonText, type CommandContext } from './context.js';
import { UsageError } from './errors.js';

// Which store to use (`config`), and the PostgreSQL store's own upkeep (`db`, `sync`, `status`).

export function addStoreCommands(program: Command): void {
  const config = program.command('config').description('settings kept in ~/.web4/web4-trust.json (the store the CLI, the hooks and the bridge use; how long audit trails are kept)');
  config
    .command('set')
    .description('set a setting: `store` takes a folder or a postgres:// URL (a database is prepared at once); `audit-retention-days` a number of days')
    .argument('<key>', CONFIG_KEYS.join(', '))
    .argument('<value>')
    .action(async (key: string, value: string) => {
      if (assertKey(key) === 'audit-retention-days') {
        const days = /^\d+$/.test(value.trim()) ? Number(value) : value;
        const problem = retentionProblem(days);
        if (problem !== undefined) throw new UsageError(`audit-retention-days ${problem}`);
        writeConfig({ audit_retention_days: days as number });
        process.stdout.write(`audit-retention-days = ${days} (in ${configPath()})\n`);
        return;
      }
      if (value.trim() === '') throw new UsageError('the store must be a folder path or a postgres:// URL');
      writeConfig({ store: value });
      const shown = isPostgresUrl(value) ? redactUrl(value) : value;
      process.stdout.write(`store = ${shown} (in ${configPath()})\n`);
      for (const name of ['WEB4_TRUST_STORE', 'WEB4_TRUST_DIR']) {
        if (process.env[name]) process.stderr.write(`warning: $${name} is set, and it comes first: unset it to use this store\n`);
      }
      if (isPostgresUrl(value)) await prepareDatabase(value);
    });
  config
    .command('get')
    .description('print a setting (a URL without its password); exit code 1 when it is not set')
    .argument('<key>', CONFIG_KEYS.join(', '))
    .action((key: string) => {
      const value = readConfig()[CONFIG_FIELDS[assertKey(key)]];
      if (value === undefined) process.exitCode = 1;
      else process.stdout.write(`${typeof value === 'string' && isPostgresUrl(value) ? redactUrl(value) : value}\n`);
    });
  config
    .command('unset')
    .description(`remove a setting (the store goes back to the default folder; trails are kept ${DEFAULT_AUDIT_RETENTION_DAYS} days)`)
    .argument('<key>', CONFIG_KEYS.join(', '))
    .action((key: string) => {
      writeConfig({ [CONFIG_FIELDS[assertKey(key)]]: undefined });
    });

  const db = program.command('db').description('the PostgreSQL store\'s schema');
  db
    .command('migrate')
    .description('create or upgrade the store\'s tables (idempotent)')
    .action(async (options: { store?: string }) => {
      const ctx = await postgresContext(options.store, 'db migrate');
      const applied = await ctx.store.migrate();
      ctx.out(applied.length
        ? `Migrated ${ctx.store.location} to schema version ${applied.at(-1)} (applied ${applied.join(', ')}).\n`
        : `${ctx.store.location} is up to date (schema version ${await ctx.store.schemaVersion()}).\n`);
    });

  program
    .command('sync')
    .description('deliver the calls hooks kept in this machine\'s outbox while the PostgreSQL server was unreachable')
    .option('--json', 'machine-readable output')
    .action(async (options: { store?: string; json?: boolean }) => {
      const ctx = await postgresContext(options.store, 'sync');
      const result = await ctx.store.sync();
      if (options.json) ctx.out(toJsonText({ store: ctx.store.location, applied: result.applied, duplicates: result.duplicates, pending: result.pending, set_aside: result.setAside }));
      else {
        ctx.out(`Delivered ${result.applied} waiting calls to ${ctx.store.location}` +
          `${result.duplicates ? ` (${result.duplicates} were already there)` : ''}; ${result.pending} still waiting.\n`);
      }
      if (result.setAside) ctx.err(`warning: ${result.setAside} entries could not be applied and are kept in ${ctx.store.outbox.dir}\n`);
    });

  program
    .command('status')
    .description('which store is used and why, how many entities it holds, and (PostgreSQL) its schema and the calls waiting in the outbox')
    .option('--json', 'machine-readable output')
    .action(async (options: { store?: string; json?: boolean }) => {
      const ctx = await createContext(options.store);
      await printStatus(ctx, options.json === true);
    });
}

function assertKey(key: string): ConfigKey {
  if (!(CONFIG_KEYS as readonly string[]).includes(key)) throw new UsageError(`unknown setting ${JSON.stringify(key)}; use one of ${CONFIG_KEYS.join(', ')}`);
  return key as ConfigKey;
}

async function postgresContext(storeOption: string | undefined, command: string): Promise<CommandContext & { store: PostgresTrustStore }> {
  const ctx = await createContext(storeOption);
  const { store } = ctx;
  if (store.kind !== 'postgres') {
    throw new UsageError(`${command} is for a PostgreSQL store; ${store.location} is a folder (set one with --store postgres://… or \`web4-trust config set store postgres://…\`)`);
  }
  return { ...ctx, store };
}

/** Creates or upgrades the tables of a newly configured database; a server that is down only gets a warning. */
export async function prepareDatabase(url: string): Promise<void> {
  const store = await openStore(url);
  if (store.kind !== 'postgres') return;
  try {
    const applied = await store.migrate();
    process.stdout.write(applied.length ? `Prepared the database (schema version ${applied.at(-1)}).\n` : 'The database is ready.\n');
  } catch (error) {
    process.stderr.write(`warning: could not prepare the database yet (${(error as Error).message}); hooks keep their calls in the outbox until it can be reached, then run \`web4-trust db migrate\`\n`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

async function printStatus(ctx: CommandContext, json: boolean): Promise<void> {
  const { store, choice } = ctx;
  let schemaVersion: number | undefined;
  let entities: number | undefined;
  let problem: string | undefined;
  try {
    if (store.kind === 'postgres') schemaVersion = await store.schemaVersion();
    // Counting reaches the server, which delivers the outbox first: what is left is counted after.
    entities = await store.count();
  } catch (error) {
    problem = (error as Error).message;
  }
  const outbox = store.kind === 'postgres' ? { dir: store.outbox.dir, ...store.outbox.count() } : undefined;
  if (problem !== undefined) process.exitCode = 1;
  if (json) {
    ctx.out(toJsonText({
      store: store.location, kind: store.kind, chosen_by: choice.source, schema_version: schemaVersion, entities,
      outbox: outbox && { dir: outbox.dir, pending: outbox.pending, set_aside: outbox.setAside }, problem,
    }));
    return;
  }
  ctx.out(`store: ${store.location} (${store.kind}, chosen by ${choice.source})\n`);
  if (schemaVersion !== undefined) ctx.out(`schema: version ${schemaVersion}\n`);
  if (entities !== undefined) ctx.out(`entities: ${entities}\n`);
  if (outbox) {
    ctx.out(`outbox: ${outbox.pending} calls waiting${outbox.pending ? ' (`web4-trust sync` delivers them)' : ''}` +
      `${outbox.setAside ? `, ${outbox.setAside} kept aside` : ''}\n`);
  }
  if (problem !== undefined) ctx.err(ctx.errStyle.red(`error: ${problem}\n`));
}
