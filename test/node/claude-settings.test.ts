import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HookCommandError, PROJECT_BASE, assertPortable, duplicateWarnings, hookCommandBase, hooksSnippet, hooksStatus,
  installHooks, isOtherWeb4Command, isOurCommand, settingsPath, uninstallHooks,
} from '../../node/index.js';

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-settings-'));
  file = path.join(dir, '.claude', 'settings.json');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const plain = { base: 'web4-trust' };
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
const write = (value: unknown) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value));
};
const backups = () => fs.readdirSync(path.dirname(file)).filter((n) => n.endsWith('.bak'));
const commandOf = (event: string) => read().hooks[event].at(-1).hooks[0].command as string;

describe('hooks install', () => {
  it('registers all four events: SessionStart for every start, the tool events for MCP tools and subagents', () => {
    expect(installHooks(file, plain)).toEqual({ file, changed: true });
    const entry = (command: string) => ({ type: 'command', command, timeout: 10 });
    expect(read()).toEqual({
      hooks: {
        SessionStart: [{ hooks: [entry('web4-trust hook session-start')] }],
        PreToolUse: [{ matcher: 'mcp__.*|Task|Agent', hooks: [entry('web4-trust hook pre-tool-use')] }],
        PostToolUse: [{ matcher: 'mcp__.*|Task|Agent', hooks: [entry('web4-trust hook post-tool-use')] }],
        PostToolUseFailure: [{ matcher: 'mcp__.*|Task|Agent', hooks: [entry('web4-trust hook post-tool-use-failure')] }],
      },
    });
  });

  it('writes --record and --ask-below into the commands that use them', () => {
    installHooks(file, { base: 'web4-trust', record: 'witness', askBelow: 'low' });
    expect(commandOf('PreToolUse')).toBe('web4-trust hook pre-tool-use --ask-below low');
    expect(commandOf('PostToolUse')).toBe('web4-trust hook post-tool-use --record witness');
    expect(commandOf('PostToolUseFailure')).toBe('web4-trust hook post-tool-use-failure --record witness');
    expect(commandOf('SessionStart')).toBe('web4-trust hook session-start');
  });

  it('keeps every existing setting and backs the file up first', () => {
    fs.mkdirSync(path.dirname(file));
    const original = JSON.stringify(existing, null, 4);
    fs.writeFileSync(file, original);
    const result = installHooks(file, plain, new Date('2026-11-24T10:00:00.000Z'));
    expect(result.backup).toBe(`${file}.2026-11-24T10-00-00-000Z.bak`);
    expect(fs.readFileSync(result.backup!, 'utf8')).toBe(original);
    const settings = read();
    expect(settings.model).toBe('opus');
    expect(settings.permissions).toEqual(existing.permissions);
    expect(settings.hooks.Stop).toEqual(existing.hooks.Stop);
    expect(settings.hooks.PostToolUse.slice(0, 2)).toEqual(existing.hooks.PostToolUse);
    expect(commandOf('PostToolUse')).toBe('web4-trust hook post-tool-use');
  });

  it('is idempotent: a second install as asked changes nothing and makes no backup', () => {
    write(existing);
    installHooks(file, plain);
    const after = fs.readFileSync(file, 'utf8');
    expect(installHooks(file, plain)).toEqual({ file, changed: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(after);
    expect(backups()).toHaveLength(1);
  });

  it('repairs stale entries instead of saying "already installed": an old command, a missing event', () => {
    // What version 0.1 installed: two events, an MCP-only matcher, a path that no longer exists.
    const old = "node '/gone/dist/bin/web4-trust.mjs'";
    write({
      ...existing,
      hooks: {
        ...existing.hooks,
        PreToolUse: [{ matcher: 'mcp__.*', hooks: [{ type: 'command', command: `${old} hook pre-tool-use`, timeout: 10 }] }],
        PostToolUse: [...existing.hooks.PostToolUse, { matcher: 'mcp__.*', hooks: [{ type: 'command', command: `${old} hook post-tool-use`, timeout: 10 }] }],
      },
    });
    expect(installHooks(file, plain).changed).toBe(true);
    const settings = read();
    expect(settings.hooks.PostToolUse.slice(0, 2)).toEqual(existing.hooks.PostToolUse);
    expect(JSON.stringify(settings)).not.toContain('/gone/');
    expect({ ...settings, hooks: { ...settings.hooks, Stop: undefined, PostToolUse: settings.hooks.PostToolUse.slice(2) } })
      .toEqual({ ...existing, hooks: { ...hooksSnippet(plain).hooks, Stop: undefined } });
  });

  it('applies a new --command on a second install', () => {
    installHooks(file, plain);
    expect(installHooks(file, { base: 'my-web4-trust-wrapper' }).changed).toBe(true);
    expect(commandOf('PreToolUse')).toBe('my-web4-trust-wrapper hook pre-tool-use');
    expect(JSON.stringify(read())).not.toContain('"web4-trust hook');
  });

  it('refuses a settings file it cannot understand, and leaves it alone', () => {
    fs.mkdirSync(path.dirname(file));
    for (const bad of ['{"hooks": ', '[]', '{"hooks": {"PostToolUse": {"matcher": "x"}}}']) {
      fs.writeFileSync(file, bad);
      expect(() => installHooks(file, plain)).toThrow(/left unchanged/);
      expect(fs.readFileSync(file, 'utf8')).toBe(bad);
    }
    expect(backups()).toEqual([]);
  });
});

describe('hooks uninstall', () => {
  it('removes only ours, and the groups and events that only held ours', () => {
    write(existing);
    installHooks(file, { base: "node '/opt/web4 trust/dist/bin/web4-trust.mjs'" });
    // A user who put our command beside their own in one group keeps theirs.
    const settings = read();
    settings.hooks.PostToolUse[1].hooks.push({ type: 'command', command: 'web4-trust hook post-tool-use' });
    write(settings);
    expect(uninstallHooks(file).changed).toBe(true);
    expect(read()).toEqual(existing);
    expect(uninstallHooks(file).changed).toBe(false);
  });

  it('removes the hooks key when ours were the only hooks', () => {
    write({ model: 'opus' });
    installHooks(file, plain);
    uninstallHooks(file);
    expect(read()).toEqual({ model: 'opus' });
  });
});

it('recognises our commands however web4-trust is invoked, and other web4 tools apart from ours', () => {
  for (const c of [
    'web4-trust hook post-tool-use', 'web4-trust hook pre-tool-use --store /x', "node '/a b/web4-trust.mjs' hook pre-tool-use",
    '/usr/bin/web4-trust hook post-tool-use-failure', 'npx -y web4-trust@0.2.0 hook session-start', PROJECT_BASE + ' hook post-tool-use',
  ]) expect(isOurCommand(c), c).toBe(true);
  for (const c of ['web4-trust list', 'web4-trust hook stop', 'other-tool hook pre-tool-use', 'echo web4-trust', undefined]) expect(isOurCommand(c), c).toBe(false);
  expect(isOtherWeb4Command('python3 ~/.claude/hooks/web4-governance/post_tool_use.py')).toBe(true);
  expect(isOtherWeb4Command('web4-trust hook post-tool-use')).toBe(false);
});

it('settings files per scope', () => {
  expect(settingsPath('user', '/p', '/h')).toBe('/h/.claude/settings.json');
  expect(settingsPath('project', '/p', '/h')).toBe('/p/.claude/settings.json');
  expect(settingsPath('local', '/p', '/h')).toBe('/p/.claude/settings.local.json');
});

describe('the command Claude Code runs', () => {
  // A fake machine: bin folders with web4-trust links into installs of the package.
  function install(where: string): string {
    const script = path.join(dir, where, 'dist', 'bin', 'web4-trust.cjs');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, '#!/usr/bin/env node\n', { mode: 0o755 });
    return fs.realpathSync(script);
  }
  function binDir(name: string, target: string): string {
    const bin = path.join(dir, name);
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(target, path.join(bin, 'web4-trust'));
    return bin;
  }
  const project = () => fs.realpathSync(fs.mkdirSync(path.join(dir, 'app'), { recursive: true }) ?? path.join(dir, 'app'));

  it('a global install on PATH: web4-trust, in every scope', () => {
    const global = install('global/lib/node_modules/web4-trust');
    const pathEnv = binDir('global/bin', global);
    for (const scope of ['user', 'local', 'project'] as const) {
      expect(hookCommandBase(scope, { script: global, pathEnv, cwd: project() })).toBe('web4-trust');
    }
  });

  it('a clone or a local install not on PATH: node and its absolute path, for this machine only', () => {
    const clone = install("my clone's");
    expect(hookCommandBase('user', { script: clone, pathEnv: '', cwd: project() })).toBe(`node '${clone.replace(/'/g, `'\\''`)}'`);
    expect(() => hookCommandBase('project', { script: clone, pathEnv: '', cwd: project() })).toThrow(/shared with everyone who works on this project/);
  });

  it('npx: never the temporary cache; a stable install on PATH if there is one, else how to install', () => {
    const cached = install('.npm/_npx/1a2b3c/node_modules/web4-trust');
    const npxPath = binDir('.npm/_npx/1a2b3c/node_modules/.bin', cached);
    expect(() => hookCommandBase('user', { script: cached, pathEnv: npxPath, cwd: project() })).toThrow(HookCommandError);
    expect(() => hookCommandBase('user', { script: cached, pathEnv: npxPath, cwd: project() })).toThrow(/npm i -g web4-trust/);
    expect(() => hookCommandBase('project', { script: cached, pathEnv: npxPath, cwd: project() })).toThrow(HookCommandError);
    const global = binDir('global/bin', install('global/lib/node_modules/web4-trust'));
    expect(hookCommandBase('user', { script: cached, pathEnv: [npxPath, global].join(path.delimiter), cwd: project() })).toBe('web4-trust');
  });

  it("the project's own dependency: relative to $CLAUDE_PROJECT_DIR, so it works on every clone", () => {
    const cwd = project();
    const script = install('app/node_modules/web4-trust');
    const pathEnv = binDir('app/node_modules/.bin', script);
    expect(hookCommandBase('project', { script, pathEnv, cwd })).toBe(PROJECT_BASE);
    // npm exec puts node_modules/.bin on PATH only while it runs: the user's settings get the path.
    expect(hookCommandBase('user', { script, pathEnv, cwd })).toBe(`node '${script}'`);
    expect(PROJECT_BASE).toBe('node "$CLAUDE_PROJECT_DIR/node_modules/web4-trust/dist/bin/web4-trust.cjs"');
  });

  it('--command for a project must not name a path of this machine', () => {
    for (const ok of ['web4-trust', 'npx --no-install web4-trust', PROJECT_BASE]) expect(() => assertPortable(ok)).not.toThrow();
    for (const bad of ['/usr/bin/web4-trust', "node '/home/me/web4-trust.mjs'", 'node ~/w/web4-trust.mjs']) {
      expect(() => assertPortable(bad), bad).toThrow(/names a path on this machine/);
    }
  });
});

describe('status and warnings', () => {
  const options = () => ({ cwd: path.join(dir, 'app'), home: path.join(dir, 'home'), env: { WEB4_TRUST_DIR: path.join(dir, 'store') } });

  it('per scope: which events are installed, which are missing, the store; the error log', async () => {
    const { cwd, home } = options();
    installHooks(settingsPath('user', cwd, home), plain);
    const local = settingsPath('local', cwd, home);
    installHooks(local, { base: 'web4-trust', record: 'outcome' });
    const settings = JSON.parse(fs.readFileSync(local, 'utf8'));
    delete settings.hooks.SessionStart;
    fs.writeFileSync(local, JSON.stringify(settings));
    fs.writeFileSync(path.join(dir, 'hook-errors.log'), 'one\ntwo\nthree\nfour\nfive\nsix\n');

    const status = await hooksStatus(options());
    expect(status.scopes.map((s) => [s.scope, s.hooks.map((h) => h.event), s.missing, s.store])).toEqual([
      ['user', ['SessionStart', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure'], [], path.join(dir, 'store')],
      ['project', [], [], undefined],
      ['local', ['PreToolUse', 'PostToolUse', 'PostToolUseFailure'], ['SessionStart'], path.join(dir, 'store')],
    ]);
    expect(status.errorLog).toEqual([{ file: path.join(dir, 'hook-errors.log'), lastLines: ['two', 'three', 'four', 'five', 'six'] }]);
  });

  it('warns when our hooks are in another scope too, or another web4 tool records the same calls', () => {
    const { cwd, home } = options();
    installHooks(settingsPath('user', cwd, home), plain);
    expect(duplicateWarnings('user', options())).toEqual([]);
    installHooks(settingsPath('project', cwd, home), plain);
    fs.writeFileSync(settingsPath('local', cwd, home), JSON.stringify({
      hooks: { PostToolUse: [{ matcher: '', hooks: [{ type: 'command', command: 'python3 /opt/web4/hooks/post_tool_use.py' }] }] },
    }));
    expect(duplicateWarnings('user', options())).toEqual([
      `the web4-trust hooks are also in ${settingsPath('project', cwd, home)}: every call would be recorded twice (remove them with: web4-trust hooks uninstall --project)`,
      `${settingsPath('local', cwd, home)} also runs another web4 tool (PostToolUse: python3 /opt/web4/hooks/post_tool_use.py): it would witness every MCP call a second time`,
    ]);
  });
});
