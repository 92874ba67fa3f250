import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { describeJsonError, isErrno } from '../fs/errno.js';
import { defaultStoreDir } from '../paths.js';

// Which store the CLI, the hooks and the bridge host use, decided the same way by all of them:
// `--store`, else $WEB4_TRUST_STORE, else $WEB4_TRUST_DIR (a folder), else `store` in the config
// file (`web4-trust config set store …`), else the default folder. A store is a folder path or a
// PostgreSQL URL (`postgres://…` or `postgresql://…`).

/** `~/.web4`: upstream's folder, which also holds our config file and the outbox. */
export function web4Home(): string {
  return path.join(os.homedir(), '.web4');
}

/** `~/.web4/web4-trust.json`. */
export function configPath(): string {
  return path.join(web4Home(), 'web4-trust.json');
}

export interface StoreChoice {
  /** A folder path or a PostgreSQL URL (with its password: never print this, see `redactUrl`). */
  store: string;
  /** Where the choice came from, for `status`. */
  source: '--store' | '$WEB4_TRUST_STORE' | '$WEB4_TRUST_DIR' | typeof CONFIG_SOURCE | 'default';
}

const CONFIG_SOURCE = 'config file';

export function chooseStore(option: string | undefined, env: NodeJS.ProcessEnv = process.env): StoreChoice {
  if (option) return { store: option, source: '--store' };
  if (env.WEB4_TRUST_STORE) return { store: env.WEB4_TRUST_STORE, source: '$WEB4_TRUST_STORE' };
  if (env.WEB4_TRUST_DIR) return { store: defaultStoreDir(env), source: '$WEB4_TRUST_DIR' };
  const configured = readConfig().store;
  if (configured !== undefined) return { store: configured, source: CONFIG_SOURCE };
  return { store: defaultStoreDir(env), source: 'default' };
}

/** The settings `web4-trust config` keeps. */
export interface Config {
  store?: string;
  /** Days after which a session's audit trail is removed. */
  audit_retention_days?: number;
}

/** The settings' names on the command line, and their fields in the file. */
export const CONFIG_FIELDS = { store: 'store', 'audit-retention-days': 'audit_retention_days' } as const satisfies Record<string, keyof Config>;
export type ConfigKey = keyof typeof CONFIG_FIELDS;
export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as ConfigKey[];
export const MAX_RETENTION_DAYS = 36_500;

/** Why `value` cannot be a retention in days, or undefined. */
export function retentionProblem(value: unknown): string | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= MAX_RETENTION_DAYS
    ? undefined : `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}, got ${JSON.stringify(value)}`;
}

/** The config file's settings; none when there is no file. Throws naming the file when it is not valid. */
export function readConfig(file = configPath()): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return {};
    throw error;
  }
  // Empty: made by a `config set` that was stopped before its write.
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: ${describeJsonError(error, text)}; fix it or remove it`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file}: expected a JSON object like {"store": "…"}`);
  }
  const { store, audit_retention_days: retention } = value as Record<string, unknown>;
  if (store !== undefined && (typeof store !== 'string' || store === '')) {
    throw new Error(`${file}: "store" must be a folder path or a postgres:// URL, got ${JSON.stringify(store)}`);
  }
  const problem = retention === undefined ? undefined : retentionProblem(retention);
  if (problem !== undefined) throw new Error(`${file}: "audit_retention_days" ${problem}`);
  return {
    ...(store === undefined ? {} : { store: store as string }),
    ...(retention === undefined ? {} : { audit_retention_days: retention as number }),
  };
}

/**
 * Writes the config file atomically, readable by this user only (a URL may hold a password).
 * Other keys in the file are kept; a key set to undefined is removed.
 */
export function writeConfig(change: { [K in keyof Config]?: Config[K] | undefined }, file = configPath()): void {
  // Checked first: a file we cannot read is reported, never overwritten.
  readConfig(file);
  const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8') || '{}') as Record<string, unknown> : {};
  const next = Object.fromEntries(Object.entries({ ...current, ...change }).filter(([, value]) => value !== undefined));
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Made empty with mode 600 first: the atomic write keeps a file's mode, so the URL is never readable by others.
  try {
    fs.writeFileSync(file, '', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (!isErrno(error, 'EEXIST')) throw error;
  }
  writeFileAtomicSync(file, `${JSON.stringify(next, null, 2)}\n`);
}
