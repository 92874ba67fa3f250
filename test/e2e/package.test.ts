import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { VERSION } from '../../node/index.js';
import { text } from '../node/claude-code-fixtures.js';
import { postgresUrl } from '../support/postgres.js';
import { ROOT, runShell, sandbox, type Sandbox } from './support/node-bin.js';

// The package as a user gets it: `npm pack` (which builds it), installed into an empty project with
// `npm i ./web4-trust-x.y.z.tgz`, then used there with no dev tools and no TypeScript loader.

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let box: Sandbox;
let app: string;
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...box.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
const node = (script: string) => execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8', env: box.env });

beforeAll(() => {
  box = sandbox();
  app = path.join(box.home, 'app');
  fs.mkdirSync(app);
  const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', box.home], ROOT)) as { filename: string; files: { path: string }[] }[];
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
  npm(['i', '--no-package-lock', path.join(box.home, packed!.filename)], app);
}, 180_000);
afterAll(() => box.cleanup());

it('has the metadata a registry shows, and nothing it does not need', () => {
  expect(pkg.private).toBeUndefined();
  for (const field of ['description', 'keywords', 'homepage', 'bugs', 'repository', 'license', 'author']) expect(pkg).toHaveProperty(field);
  expect(pkg.version).toBe(VERSION);
  // Dependencies are exactly the packages the library imports at run time (the executables are
  // bundled), and the PostgreSQL client is an optional peer, which `npm i` leaves out.
  const installed = path.join(app, 'node_modules', 'web4-trust');
  const sources = (fs.readdirSync(path.join(installed, 'dist'), { recursive: true }) as string[]).filter((f) => f.endsWith('.js'));
  const imported = new Set(sources.flatMap((f) => [...fs.readFileSync(path.join(installed, 'dist', f), 'utf8').matchAll(/from '([^.'][^']*)'/g)]
    .map((m) => m[1]!).filter((name) => !name.startsWith('node:')).map((name) => name.split('/').slice(0, name.startsWith('@') ? 2 : 1).join('/'))));
  expect([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})].sort()).toEqual([...imported].sort());
  expect(pkg.peerDependenciesMeta).toEqual({ postgres: { optional: true } });
  expect(fs.existsSync(path.join(app, 'node_modules', 'postgres'))).toBe(false);
  expect(Object.keys(pkg.scripts)).not.toContain('postinstall');
  for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'dist/bin/web4-trust.cjs', 'dist/core/index.d.ts', 'dist/node/index.js']) {
    expect(fs.existsSync(path.join(installed, file)), file).toBe(true);
  }
  const files = fs.readdirSync(path.join(installed, 'dist'), { recursive: true }) as string[];
  expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  expect(files.filter((f) => f.startsWith('cli'))).toEqual([]);
});

it('runs: --version, hooks print, and a hook call with a Claude Code payload', async () => {
  const run = (command: string, input?: string) => runShell(command, { env: box.env, cwd: app, input });
  expect(await run('npx web4-trust --version')).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  const printed = await run('npx web4-trust hooks print');
  expect(printed.code).toBe(0);
  const command = JSON.parse(printed.stdout).hooks.PostToolUse[0].hooks[0].command as string;
  expect(command).toBe(`node '${fs.realpathSync(path.join(app, 'node_modules/web4-trust/dist/bin/web4-trust.cjs'))}' hook post-tool-use`);
  expect(await run(command, text('post-tool-use-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
  expect(await run('npx web4-trust hook post-tool-use-failure', text('post-tool-use-failure-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
  const show = await run('npx web4-trust show mcp:github --json');
  expect(JSON.parse(show.stdout).entity).toMatchObject({ entity_id: 'mcp:github', action_count: 2, success_count: 1 });
});

it('imports both entry points in plain node', () => {
  const out = node(`
    import { EntityTrust } from 'web4-trust';
    import { FileTrustStore, defaultStoreDir } from 'web4-trust/node';
    const e = EntityTrust.create('mcp:filesystem', 0);
    e.updateFromOutcome(true, 0.1, 0);
    await new FileTrustStore().witness('session:abc', 'mcp:filesystem', true, 0.1);
    console.log(JSON.stringify([e.trustLevel, defaultStoreDir(), (await new FileTrustStore().get('mcp:filesystem')).witnessCount]));`);
  expect(JSON.parse(out)).toEqual(['medium', box.store, 1]);
});

it.skipIf(!postgresUrl)('uses a PostgreSQL store from the executable, which carries its own client; the library asks for it', async () => {
  const env = { ...box.env, WEB4_TRUST_STORE: postgresUrl };
  const run = (command: string, input?: string) => runShell(command, { env, cwd: app, input });
  expect((await run('npx web4-trust db migrate')).code).toBe(0);
  expect(await run('npx web4-trust hook post-tool-use', text('post-tool-use-mcp'))).toEqual({ code: 0, stdout: '', stderr: '' });
  const status = await run('npx web4-trust status --json');
  expect(JSON.parse(status.stdout)).toMatchObject({ kind: 'postgres', chosen_by: '$WEB4_TRUST_STORE', outbox: { pending: 0 } });
  // The same project outside this repository, where no node_modules above it holds `postgres`.
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-app-'));
  try {
    fs.cpSync(app, outside, { recursive: true });
    expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', `
      import { openStore } from 'web4-trust/node';
      await openStore(${JSON.stringify(postgresUrl)});`], { cwd: outside, encoding: 'utf8', stdio: 'pipe' }))
      .toThrow(/a postgres:\/\/ store needs the `postgres` package: run `npm i postgres`/);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

it.each([['node16', 'node16'], ['esnext', 'bundler']])('type-checks a consumer under module %s, moduleResolution %s', (module, moduleResolution) => {
  fs.writeFileSync(path.join(app, 'consumer.ts'), [
    "import { EntityTrust, type TrustStore } from 'web4-trust';",
    "import { FileTrustStore, runHook } from 'web4-trust/node';",
    'const store: TrustStore = new FileTrustStore();',
    "const level: 'high' | 'medium-high' | 'medium' | 'low' | 'minimal' = EntityTrust.create('mcp:x').trustLevel;",
    "void runHook('post-tool-use', '{}', new FileTrustStore());",
    'export { store, level };',
  ].join('\n'));
  const tsconfig = {
    compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'], typeRoots: [path.join(ROOT, 'node_modules/@types')] },
    files: ['consumer.ts'],
  };
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig));
  expect(() => execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8' })).not.toThrow();
});
