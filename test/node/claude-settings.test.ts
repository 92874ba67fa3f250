import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hooksSnippet, installHooks, isOurCommand, uninstallHooks } from '../../node/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-settings-'));
  file = path.join(dir, '.claude', 'settings.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const existing = {
  model: 'opus',
  permissions: { allow: ['Bash(npm test)'] },
  hooks: {
    PostToolUse: [
      { matcher: 'Write|Edit', hooks: [{ type: 'command', command: 'npx prettier --write "$CLAUDE_FILE"' }] },
      { matcher: 'mcp__.*', hooks: [{ type: 'command', command: '/usr/local/bin/audit-mcp' }] },
    ],
    Stop: [{ hooks: [{ type: 'command', command: 'notify-send done' }] }],
  },
};
const read = () => JSON.parse(fs.readFileSync(file, 'utf8'));
const backups = () => fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.bak'));

describe('hooks install', () => {
  it('creates the settings file with both hooks', () => {
    expect(installHooks(file)).toEqual({ file, changed: true, backup: undefined });
    expect(read()).toEqual(hooksSnippet());
    expect(read().hooks.PostToolUse[0]).toEqual({
      matcher: 'mcp__.*',
      hooks: [{ type: 'command', command: 'web4-trust hook post-tool-use', timeout: 10 }],
    });
  });

  it('keeps every existing setting and backs the file up first', () => {
    fs.mkdirSync(path.dirname(file));
    const original = JSON.stringify(existing, null, 4);
    fs.writeFileSync(file, original);
    const result = installHooks(file, 'web4-trust', new Date('2026-11-24T10:00:00.000Z'));
    expect(result.backup).toBe(`${file}.2026-11-24T10-00-00-000Z.bak`);
    expect(fs.readFileSync(result.backup!, 'utf8')).toBe(original);
    const settings = read();
    expect(settings.model).toBe('opus');
    expect(settings.permissions).toEqual(existing.permissions);
    expect(settings.hooks.Stop).toEqual(existing.hooks.Stop);
    expect(settings.hooks.PostToolUse.slice(0, 2)).toEqual(existing.hooks.PostToolUse);
    expect(settings.hooks.PostToolUse[2].hooks[0].command).toBe('web4-trust hook post-tool-use');
    expect(settings.hooks.PreToolUse[0].hooks[0].command).toBe('web4-trust hook pre-tool-use');
  });

  it('is idempotent: a second install changes nothing and makes no backup', () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify(existing));
    installHooks(file);
    const after = fs.readFileSync(file, 'utf8');
    expect(installHooks(file)).toEqual({ file, changed: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
    expect(backups()).toHaveLength(1);
  });

  it('refuses a settings file it cannot understand, and leaves it alone', () => {
    fs.mkdirSync(path.dirname(file));
    for (const bad of ['{"hooks": ', '[]', '{"hooks": {"PostToolUse": {"matcher": "x"}}}']) {
      fs.writeFileSync(file, bad);
      expect(() => installHooks(file)).toThrow(/left unchanged/);
      expect(fs.readFileSync(file, 'utf8')).toBe(bad);
    }
    expect(backups()).toEqual([]);
  });
});

describe('hooks uninstall', () => {
  it('removes only ours, and the groups and events that only held ours', () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify(existing));
    installHooks(file, "node '/opt/web4 trust/dist/bin/web4-trust.mjs'");
    // A user who put our command beside their own in one group keeps theirs.
    const settings = read();
    settings.hooks.PostToolUse[1].hooks.push({ type: 'command', command: 'web4-trust hook post-tool-use' });
    fs.writeFileSync(file, JSON.stringify(settings));
    expect(uninstallHooks(file).changed).toBe(true);
    expect(read()).toEqual(existing);
    expect(uninstallHooks(file).changed).toBe(false);
  });

  it('removes the hooks key when ours were the only hooks', () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ model: 'opus' }));
    installHooks(file);
    uninstallHooks(file);
    expect(read()).toEqual({ model: 'opus' });
  });
});

it('recognises our commands however web4-trust is invoked', () => {
  for (const c of ['web4-trust hook post-tool-use', 'web4-trust hook pre-tool-use --store /x', "node '/a b/web4-trust.mjs' hook pre-tool-use", '/usr/bin/web4-trust hook post-tool-use']) {
    expect(isOurCommand(c), c).toBe(true);
  }
  for (const c of ['my-web4-trust hook post-tool-use', 'web4-trust list', 'echo web4-trust', undefined]) expect(isOurCommand(c), c).toBe(false);
});
