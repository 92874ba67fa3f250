import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseStore, configPath, readConfig, writeConfig } from '../../node/index.js';

describe('which store is used', () => {
  let home: string;
  const savedHome = process.env.HOME;
  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-choice-'));
    process.env.HOME = home;
  });
  afterEach(() => {
    process.env.HOME = savedHome;
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('--store, then $WEB4_TRUST_STORE, then $WEB4_TRUST_DIR, then the config file, then the default folder', () => {
    writeConfig({ store: 'postgres://fleet/trust' });
    const env = { WEB4_TRUST_STORE: 'postgres://env/trust', WEB4_TRUST_DIR: '/dir' };
    expect(chooseStore('/flag', env)).toEqual({ store: '/flag', source: '--store' });
    expect(chooseStore(undefined, env)).toEqual({ store: 'postgres://env/trust', source: '$WEB4_TRUST_STORE' });
    expect(chooseStore(undefined, { WEB4_TRUST_DIR: '/dir' })).toEqual({ store: '/dir', source: '$WEB4_TRUST_DIR' });
    expect(chooseStore(undefined, {})).toEqual({ store: 'postgres://fleet/trust', source: 'config file' });
    writeConfig({ store: undefined });
    expect(chooseStore(undefined, {})).toEqual({ store: path.join(home, '.web4', 'governance', 'entities'), source: 'default' });
  });

  it('writes the config file readable by its owner only, keeping other keys', () => {
    fs.mkdirSync(path.dirname(configPath()), { recursive: true });
    fs.writeFileSync(configPath(), '{"theme": "dark"}');
    fs.chmodSync(configPath(), 0o600);
    writeConfig({ store: 'postgres://ann:secret@db/trust' });
    expect(JSON.parse(fs.readFileSync(configPath(), 'utf8'))).toEqual({ theme: 'dark', store: 'postgres://ann:secret@db/trust' });
    fs.rmSync(configPath());
    writeConfig({ store: 'postgres://ann:secret@db/trust' });
    expect(fs.statSync(configPath()).mode & 0o777).toBe(0o600);
  });

  it('a damaged config file is named with what is wrong, and never overwritten', () => {
    fs.mkdirSync(path.dirname(configPath()), { recursive: true });
    for (const [text, message] of [
      ['{"store": ', /web4-trust\.json: .*JSON/], ['[1]', /expected a JSON object/], ['{"store": 42}', /"store" must be a folder path or a postgres:\/\/ URL, got 42/],
    ] as const) {
      fs.writeFileSync(configPath(), text);
      expect(() => readConfig()).toThrow(message);
      expect(() => chooseStore(undefined, {})).toThrow(message);
      expect(() => writeConfig({ store: '/x' })).toThrow(message);
      expect(fs.readFileSync(configPath(), 'utf8')).toBe(text);
    }
    fs.writeFileSync(configPath(), '');
    expect(readConfig()).toEqual({});
  });
});
