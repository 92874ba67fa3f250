import fs from 'node:fs';
import path from 'node:path';
import type { CallEvidence } from '../../core/index.js';
import { afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { FileTrustStore, TOOL_MATCHER, hooksSnippet } from '../../node/index.js';
import { FIXTURES, payload, text } from '../node/claude-code-fixtures.js';
import { ROOT, ensureBuilt, runBin, runShell, sandbox, type Sandbox } from './support/node-bin.js';

// The Claude Code plugin (plugin/), as Claude Code uses it: the folder copied on its own, each
// command of hooks/hooks.json run through the shell with CLAUDE_PLUGIN_ROOT set to the copy.

const PLUGIN = path.join(ROOT, 'plugin');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));
const hooksJson = () => readJson(path.join(PLUGIN, 'hooks', 'hooks.json')) as { hooks: Record<string, { matcher?: string; hooks: { command: string }[] }[]> };

let box: Sandbox;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

it('the committed bundle is what a fresh build makes', async () => {
  const { buildBin } = await import('../../node/build-bin.mjs');
  const fresh = path.join(box.home, 'bin');
  await buildBin(fresh);
  const committed = path.join(PLUGIN, 'bin');
  const files = ['cli.cjs', 'hook.cjs', 'postgres.cjs', 'web4-trust.cjs'];
  expect(fs.readdirSync(committed).sort()).toEqual(files);
  for (const file of files) {
    const same = fs.readFileSync(path.join(committed, file), 'utf8') === fs.readFileSync(path.join(fresh, file), 'utf8');
    expect(same, `plugin/bin/${file} is stale: run npm run build:plugin and commit it`).toBe(true);
  }
  expect(fs.statSync(path.join(committed, 'web4-trust.cjs')).mode & 0o111).not.toBe(0);
});

it('manifest, marketplace and hooks agree with the package and with `hooks install`', () => {
  const pkg = readJson(path.join(ROOT, 'package.json'));
  const plugin = readJson(path.join(PLUGIN, '.claude-plugin', 'plugin.json'));
  expect(plugin).toMatchObject({ name: 'web4-trust', version: pkg.version, license: pkg.license, homepage: pkg.homepage });
  for (const field of ['description', 'author', 'keywords']) expect(plugin).toHaveProperty(field);
  const marketplace = readJson(path.join(ROOT, '.claude-plugin', 'marketplace.json'));
  expect(marketplace.plugins).toEqual([expect.objectContaining({ name: 'web4-trust', source: './plugin', version: pkg.version })]);
  expect(marketplace.owner.name).toEqual(expect.any(String));

  const installed = hooksSnippet({ base: 'BASE' }).hooks;
  const { hooks } = hooksJson();
  expect(Object.keys(hooks)).toEqual(Object.keys(installed));
  for (const [event, [group]] of Object.entries(hooks)) {
    const [expected] = installed[event]!;
    expect(group!.matcher).toBe(expected!.matcher);
    expect(group!.hooks[0]!.command).toBe(expected!.hooks[0]!.command!.replace('BASE', 'node "${CLAUDE_PLUGIN_ROOT}/bin/web4-trust.cjs"'));
  }
  expect(hooks.PreToolUse![0]!.matcher).toBe(TOOL_MATCHER);
});

it('the plugin folder copied alone behaves exactly as the installed hooks, for every fixture', async () => {
  const copy = path.join(box.home, 'plugins', 'cache', 'web4-trust');
  fs.cpSync(PLUGIN, copy, { recursive: true });
  const pluginStore = path.join(box.home, 'plugin-store');
  const installedStore = path.join(box.home, 'installed-store');
  const commands = Object.fromEntries(Object.entries(hooksJson().hooks).map(([event, [group]]) => [event, group!.hooks[0]!.command]));
  const events: Record<string, string> = { SessionStart: 'session-start', PreToolUse: 'pre-tool-use', PostToolUse: 'post-tool-use', PostToolUseFailure: 'post-tool-use-failure' };

  // Twice through every fixture, so that the second round's PreToolUse and SessionStart have records to show.
  for (const round of [1, 2]) {
    for (const fixture of FIXTURES) {
      const event = payload(fixture).hook_event_name as string;
      const input = text(fixture);
      const viaPlugin = await runShell(commands[event]!, { env: { ...box.env, WEB4_TRUST_DIR: pluginStore, CLAUDE_PLUGIN_ROOT: copy }, input, cwd: box.home });
      const viaInstalled = await runBin(['hook', events[event]!], { env: { ...box.env, WEB4_TRUST_DIR: installedStore }, input });
      expect(viaPlugin, `${fixture}, round ${round}`).toEqual(viaInstalled);
      expect(viaPlugin.code).toBe(0);
      expect(viaPlugin.stderr).toBe('');
    }
  }
  const withoutTimes = async (dir: string) => (await new FileTrustStore(dir).list()).map((e) => {
    const json = e.toJSON() as unknown as Record<string, unknown>;
    for (const field of ['created_at', 'last_action', 'last_activity']) delete json[field];
    // Call evidence holds times and latencies, which differ between two runs: its counts must not.
    const evidence = json.call_evidence as CallEvidence | undefined;
    if (evidence) {
      const { calls, failures, recent_outcomes, failure_kinds, retry_loops } = evidence;
      json.call_evidence = { calls, failures, recent_outcomes, failure_kinds, retry_loops };
    }
    return json;
  });
  const entities = await withoutTimes(pluginStore);
  expect(entities.map((e) => e.entity_id)).toEqual(['mcp:github', 'role:code-reviewer', 'session:9f1c2e4a-5b6d-4e8f-a0b1-c2d3e4f5a6b7']);
  expect(entities).toEqual(await withoutTimes(installedStore));
});
