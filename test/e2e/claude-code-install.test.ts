import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileTrustStore, PROJECT_BASE, VERSION } from '../../node/index.js';
import { text } from '../node/claude-code-fixtures.js';
import { BIN, ROOT, ensureBuilt, runBin, runShell, sandbox, type Run, type Sandbox } from './support/node-bin.js';

// `web4-trust hooks …` through the spawned binary, as a user runs it, in a sandboxed HOME; every
// command it writes is then run through the shell as Claude Code would run it.

let box: Sandbox;
let project: string;
const cli = (...args: string[]) => runBin(args, { env: box.env, cwd: project });
const userSettings = () => path.join(box.home, '.claude', 'settings.json');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const commands = (file: string): Record<string, string> =>
  Object.fromEntries(Object.entries(readJson(file).hooks as Record<string, { hooks: { command: string }[] }[]>)
    .map(([event, groups]) => [event, groups.at(-1)!.hooks[0]!.command]));

beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
  project = path.join(box.home, 'app');
  fs.mkdirSync(project);
});
afterEach(() => box.cleanup());

function expectExit(run: Run, code: number): void {
  expect(run.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
}

/** Runs the installed PostToolUse command with a fixture, as Claude Code would, and returns the server's action count. */
async function callsRecordedBy(command: string, cwd = project): Promise<number> {
  const run = await runShell(command, { env: { ...box.env, CLAUDE_PROJECT_DIR: cwd }, cwd, input: text('post-tool-use-mcp') });
  expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  return (await new FileTrustStore(box.store).getExisting('mcp:github'))?.actionCount ?? 0;
}

describe('hooks install', () => {
  it('user scope: four events, other settings kept, a backup; again as asked changes nothing; a new --command is applied', async () => {
    fs.mkdirSync(path.dirname(userSettings()));
    fs.writeFileSync(userSettings(), JSON.stringify({ theme: 'dark', hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } }));
    const install = await cli('hooks', 'install');
    expectExit(install, 0);
    expect(install.stdout).toMatch(new RegExp(`^Installed the web4-trust hooks in ${userSettings()}\\. The previous file is at ${userSettings()}\\..*\\.bak\\.\n$`));
    // Not on PATH here: node and this executable's absolute path, which lasts (it is no npx cache).
    const base = `node '${BIN}'`;
    expect(commands(userSettings())).toEqual({
      Stop: 'say done',
      SessionStart: `${base} hook session-start`,
      PreToolUse: `${base} hook pre-tool-use`,
      PostToolUse: `${base} hook post-tool-use`,
      PostToolUseFailure: `${base} hook post-tool-use-failure`,
    });
    expect(await callsRecordedBy(commands(userSettings()).PostToolUse!)).toBe(1);

    expect((await cli('hooks', 'install')).stdout).toBe(`The web4-trust hooks are already in ${userSettings()}, as asked.\n`);
    expectExit(await cli('hooks', 'install', '--command', 'web4-trust', '--record', 'outcome', '--ask-below', 'low'), 0);
    expect(commands(userSettings()).PostToolUse).toBe('web4-trust hook post-tool-use --record outcome');
    expect(commands(userSettings()).PreToolUse).toBe('web4-trust hook pre-tool-use --ask-below low');
  });

  it('project scope, from the project\'s own dependency: a command relative to $CLAUDE_PROJECT_DIR that works on any clone', async () => {
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'web4-trust'));
    const run = await runBin(['hooks', 'install', '--project'], { env: box.env, cwd: project, bin: path.join(project, 'node_modules/web4-trust/dist/bin/web4-trust.cjs') });
    expectExit(run, 0);
    const file = path.join(project, '.claude', 'settings.json');
    expect(commands(file).PostToolUse).toBe(`${PROJECT_BASE} hook post-tool-use`);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(box.home);
    expect(await callsRecordedBy(commands(file).PostToolUse!)).toBe(1);
    expect(fs.existsSync(userSettings())).toBe(false);
  });

  it('project scope without a lasting command: exit 1, says what to do, writes nothing; a machine path in --command is refused', async () => {
    const run = await cli('hooks', 'install', '--project');
    expectExit(run, 1);
    expect(run.stderr).toMatch(/^web4-trust: .*shared with everyone who works on this project.*npm i -D web4-trust.*\n$/);
    expect(fs.existsSync(path.join(project, '.claude'))).toBe(false);
    const absolute = await cli('hooks', 'install', '--project', '--command', `node ${BIN}`);
    expectExit(absolute, 1);
    expect(absolute.stderr).toContain('names a path on this machine');
    expectExit(await cli('hooks', 'install', '--project', '--command', 'web4-trust'), 0);
  });

  it('run through npx (a copy in the npx cache): refuses to write a command that will vanish, and says how to install', async () => {
    const cached = path.join(box.home, '.npm', '_npx', '5f3e1a', 'node_modules', 'web4-trust', 'dist', 'bin');
    fs.cpSync(path.dirname(BIN), cached, { recursive: true });
    const run = await runBin(['hooks', 'install'], { env: box.env, cwd: project, bin: path.join(cached, 'web4-trust.cjs') });
    expectExit(run, 1);
    expect(run.stderr).toContain('Install it first (npm i -g web4-trust), then run: web4-trust hooks install');
    expect(fs.existsSync(userSettings())).toBe(false);
  });

  it('local scope, with a warning when the hooks are in another scope too', async () => {
    expectExit(await cli('hooks', 'install'), 0);
    const local = await cli('hooks', 'install', '--local');
    expectExit(local, 0);
    expect(local.stdout).toBe(`Installed the web4-trust hooks in ${path.join(project, '.claude', 'settings.local.json')}.\n`);
    expect(local.stderr).toBe(`warning: the web4-trust hooks are also in ${userSettings()}: every call would be recorded twice (remove them with: web4-trust hooks uninstall --user)\n`);
    expectExit(await cli('hooks', 'uninstall', '--user', '--local'), 0);
    expect(fs.existsSync(path.join(project, '.claude', 'settings.local.json'))).toBe(true);
    expect(readJson(path.join(project, '.claude', 'settings.local.json'))).toEqual({});
    expect(readJson(userSettings())).toEqual({});
  });

  it('bad options are usage errors (exit 2)', async () => {
    expectExit(await cli('hooks', 'install', '--record', 'everything'), 2);
    expectExit(await cli('hooks', 'install', '--ask-below', 'meh'), 2);
    expectExit(await cli('hooks', 'install', '--user', '--local'), 2);
    expect((await cli('hooks', 'install', '--command', 'my-wrapper')).stderr).toContain('--command must run web4-trust');
    expect(fs.existsSync(userSettings())).toBe(false);
  });
});

describe('hooks print and status', () => {
  it('print: commands that work where it is run', async () => {
    const run = await cli('hooks', 'print');
    expectExit(run, 0);
    const printed = JSON.parse(run.stdout).hooks.PostToolUse[0].hooks[0].command as string;
    expect(printed).toBe(`node '${BIN}' hook post-tool-use`);
    expect(await callsRecordedBy(printed)).toBe(1);
  });

  it('status: per scope, the events, whether each command runs, the store, the last hook errors', async () => {
    const none = await cli('hooks', 'status');
    expectExit(none, 1);
    expect(none.stdout).toContain(`user  ${userSettings()}\n  no web4-trust hooks\n`);

    expectExit(await cli('hooks', 'install'), 0);
    expectExit(await cli('hooks', 'install', '--local', '--command', 'web4-trust-missing'), 0);
    await runShell(commands(userSettings()).PostToolUse!, { env: box.env, input: 'not json' });
    const status = await cli('hooks', 'status', '--json');
    expectExit(status, 0);
    const { scopes, errorLog } = JSON.parse(status.stdout);
    expect(scopes[0]).toMatchObject({ scope: 'user', missing: [], store: box.store });
    expect(scopes[0].hooks.map((h: { event: string; runs: unknown }) => [h.event, h.runs])).toEqual(
      ['SessionStart', 'PreToolUse', 'PostToolUse', 'PostToolUseFailure'].map((event) => [event, { ok: true, version: VERSION }]),
    );
    expect(scopes[2].hooks[0].runs).toEqual({ ok: false, problem: expect.stringMatching(/web4-trust-missing: (not found|.*No such file)/) });
    expect(errorLog).toEqual([{ file: path.join(path.dirname(box.store), 'hook-errors.log'), lastLines: [expect.stringContaining('hook post-tool-use: hook input is not JSON')] }]);

    const people = await cli('hooks', 'status');
    expect(people.stdout).toContain(`  PostToolUse        node '${BIN}' hook post-tool-use  runs (${VERSION})\n`);
    expect(people.stdout).toContain('  PostToolUse        web4-trust-missing hook post-tool-use  does not run: ');
  });

  it('doctor: version, Node, the hooks and whether they run, the store', async () => {
    expectExit(await cli('hooks', 'install'), 0);
    const run = await cli('doctor');
    expectExit(run, 0);
    expect(run.stdout).toBe(
      `web4-trust ${VERSION} · Node ${process.version}\n` +
      `hooks: user ${userSettings()}: 4 events, they run\n` +
      `store: ${box.store}: 0 entities, no problems.\n`,
    );
  });
});
