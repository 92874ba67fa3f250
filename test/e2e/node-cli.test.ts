import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY } from '../../core/index.js';
import { FileTrustStore, VERSION, entityFileName } from '../../node/index.js';
import { ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// The real `web4-trust` binary, spawned: what it prints, its exit codes and its errors.

let box: Sandbox;
const cli = (...args: string[]) => runBin(args, { env: box.env });

beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

/** Fails with the command's output when the exit code is not the expected one. */
function expectExit(run: { code: number | null; stdout: string; stderr: string }, code: number): void {
  expect(run.code, `stdout: ${run.stdout}\nstderr: ${run.stderr}`).toBe(code);
}

/** One error line on stderr, nothing on stdout. */
function expectError(run: { code: number | null; stdout: string; stderr: string }, code: number, message: string | RegExp): void {
  expectExit(run, code);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.stderr).toMatch(typeof message === 'string' ? `web4-trust: ${message}` : message);
}

describe('recording and reading', () => {
  it('starts empty, records outcomes and witnesses, and lists them in an aligned table', async () => {
    const empty = await cli('list');
    expectExit(empty, 0);
    expect(empty.stdout).toBe(`No entities in ${box.store}.\n`);

    const update = await cli('update', 'mcp:filesystem', '--success');
    expectExit(update, 0);
    expect(update.stdout).toBe('success recorded: mcp:filesystem  T3 0.500 → 0.501  V3 0.500 → 0.503  medium\n');
    expectExit(await cli('witness', 'session:abc', 'mcp:filesystem', '--failure', '--magnitude', '1'), 0);
    expectExit(await cli('update', 'role:reviewer', '--success', '--magnitude', '1'), 0);

    const list = await cli('list', '--sort', 'name');
    expectExit(list, 0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ENTITY +LEVEL +T3 +V3 +ACTIONS +SUCCESS +WITNESSED +LAST ACTIVITY$/);
    expect(lines.slice(1).map((l) => l.split(/ +/)[0])).toEqual(['mcp:filesystem', 'role:reviewer', 'session:abc']);
    expect(lines[1]).toMatch(/^mcp:filesystem +medium +0\.\d{3} +0\.\d{3} +1 +100% +1 +\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // Right-aligned columns end where their header ends.
    const end = (line: string, token: string) => line.indexOf(token) + token.length;
    for (const line of lines.slice(1)) expect(end(line, line.split(/ +/)[2]!)).toBe(end(lines[0]!, 'T3'));
    expect(list.stdout).not.toContain('\u001b[');
    expect(list.stderr).toBe('');
  });

  it('filters, sorts and prints stable JSON', async () => {
    await cli('update', 'mcp:good', '--success', '--magnitude', '1');
    await cli('update', 'mcp:bad', '--failure', '--magnitude', '1');
    await cli('update', 'session:s', '--success');
    const run = await cli('list', '--type', 'mcp', '--json');
    expectExit(run, 0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['store', 'entities', 'problems']);
    expect(json.store).toBe(box.store);
    expect(json.entities.map((e: { entity_id: string }) => e.entity_id)).toEqual(['mcp:good', 'mcp:bad']);
    expect(Object.keys(json.entities[0])).toEqual([
      'entity_id', 'entity_type', 'trust_level', 't3_average', 'v3_average', 'action_count', 'success_count',
      'success_rate', 'witness_count', 'last_activity',
      'calls', 'call_failures', 'recent_failure_rate', 'latency_p50_ms', 'latency_p95_ms', 'retry_loops',
    ]);
    const low = JSON.parse((await cli('list', '--level', 'medium', '--sort', 'name', '--json')).stdout);
    expect(low.entities.map((e: { entity_id: string }) => e.entity_id)).toEqual(['mcp:bad', 'mcp:good', 'session:s']);
    // Latest activity first, and an entity never active (imported from upstream's scores alone) last.
    const file = path.join(box.home, 'never.json');
    fs.writeFileSync(file, JSON.stringify([{ entity_id: 'ref:never', talent: 0.9, training: 0.9, temperament: 0.9, valuation: 0.5, veracity: 0.5, validity: 0.5 }]));
    expectExit(await cli('import', file, '--merge'), 0);
    const recent = await cli('list', '--sort', 'recent');
    expect(recent.stdout.trimEnd().split('\n').slice(1).map((line) => line.split(' ')[0])).toEqual(['session:s', 'mcp:bad', 'mcp:good', 'ref:never']);
    const byTrust = JSON.parse((await cli('list', '--json')).stdout);
    expect(byTrust.entities.map((e: { entity_id: string }) => e.entity_id)).toEqual(['ref:never', 'mcp:good', 'session:s', 'mcp:bad']);
    expect(byTrust.entities[0]).toMatchObject({ last_activity: null, action_count: 0, t3_average: 0.9 });
  });

  it('shows one entity with its scores and witnessing chain', async () => {
    await cli('witness', 'session:abc', 'mcp:fs', '--success');
    const show = await cli('show', 'mcp:fs');
    expectExit(show, 0);
    expect(show.stdout).toContain(`mcp:fs  medium  T3 0.501  V3 0.517\n${path.join(box.store, entityFileName('mcp:fs'))}\n`);
    expect(show.stdout).toMatch(/^veracity +0\.540 +1 +30%$/m);
    expect(show.stdout).toMatch(/^witnessed +1 time$/m);
    expect(show.stdout).toContain('  witnessed by:\n    session:abc  medium  T3 0.500\n  has witnessed: none\n');
    const json = JSON.parse((await cli('show', 'mcp:fs', '--json')).stdout);
    expect(json.entity.entity_id).toBe('mcp:fs');
    expect(json.chain.witnessed_by).toEqual([{ entity_id: 'session:abc', t3_average: expect.any(Number), trust_level: 'medium', depth: 1 }]);
    const chain = await cli('chain', 'session:abc', '--depth', '1');
    expectExit(chain, 0);
    expect(chain.stdout).toContain('  has witnessed:\n    mcp:fs  medium  T3 0.501\n');
  });
});

describe('start-up', () => {
  it("keeps V8's code cache per command in the user's cache folder, and a damaged one costs nothing but a compile", async () => {
    expectExit(await cli('update', 'mcp:a', '--success'), 0);
    const first = await cli('list', '--json');
    const dir = path.join(box.home, '.cache', 'web4-trust');
    const caches = fs.readdirSync(dir).sort();
    expect(caches).toEqual([expect.stringMatching(/^cli\.cjs-list-v\d+/), expect.stringMatching(/^cli\.cjs-update-v\d+/)]);
    expect(fs.statSync(path.join(dir, caches[0]!)).mode & 0o777).toBe(0o600);
    // Read back (output unchanged), then damaged: rejected, compiled, written again.
    expect((await cli('list', '--json')).stdout).toBe(first.stdout);
    fs.writeFileSync(path.join(dir, caches[0]!), 'garbage');
    expect((await cli('list', '--json')).stdout).toBe(first.stdout);
    expect(fs.statSync(path.join(dir, caches[0]!)).size).toBeGreaterThan(10_000);
  });
});

describe('errors and exit codes', () => {
  it.each([
    [['update', 'mcp:a'], 'give exactly one of --success and --failure'],
    [['update', 'mcp:a', '--success', '--failure'], 'give exactly one of --success and --failure'],
    [['update', 'mcp:a', '--success', '--magnitude', 'lots'], '--magnitude must be a number (it is clamped to [0,1]), got "lots"'],
    [['update', '', '--success'], 'an entity id must not be empty'],
    [['list', '--sort', 'size'], '--sort must be one of trust, recent, name, latency, failures, got "size"'],
    [['list', '--level', 'great'], '--level must be one of high, medium-high, medium, low, minimal, got "great"'],
    [['chain', 'mcp:a', '--depth', '0'], '--depth must be a whole number from 1 to 10, got "0"'],
    [['list', '--colour'], "unknown option '--colour'"],
    [['lst'], "unknown command 'lst' (Did you mean list?)"],
    [['show'], "missing required argument 'id'"],
    [['import', 'x.json', '--merge', '--replace'], 'give at most one of --merge and --replace'],
  ])('bad usage %j exits 2 with one line', async (args, message) => {
    expectError(await cli(...args), 2, message);
    expect(fs.existsSync(box.store)).toBe(false);
  });

  it('exits 2 with the usage when no command is given, and 0 for --help on every command', async () => {
    const bare = await cli();
    expectExit(bare, 2);
    expect(bare.stderr).toContain('Usage: web4-trust');
    for (const command of ['list', 'show', 'update', 'witness', 'chain', 'decay', 'export', 'import', 'doctor', 'hooks', 'hook']) {
      const help = await cli(command, '--help');
      expectExit(help, 0);
      expect(help.stdout).toContain(`Usage: web4-trust ${command}`);
    }
    expect((await cli('hooks', 'install', '--help')).stdout).toContain('--project');
    expect((await cli('--version')).stdout).toBe(`${VERSION}\n`);
  });

  it('exits 1 naming what is missing or broken', async () => {
    expectError(await cli('show', 'mcp:nope'), 1, `no entity "mcp:nope" in ${box.store}`);
    await cli('update', 'mcp:ok', '--success');
    const broken = path.join(box.store, entityFileName('mcp:broken'));
    fs.writeFileSync(broken, '{"entity_id": "mcp:broken", "talent": 0.');
    expectError(await cli('show', 'mcp:broken'), 1, `${broken}: not JSON`);
    expectError(await cli('update', 'mcp:broken', '--success'), 1, `${broken}: not JSON`);
    expect(fs.readFileSync(broken, 'utf8')).toBe('{"entity_id": "mcp:broken", "talent": 0.');

    const list = await cli('list');
    expectExit(list, 0);
    expect(list.stdout).toContain('mcp:ok');
    expect(list.stderr).toMatch(new RegExp(`^warning: skipped ${broken}: not JSON`));
    expect(JSON.parse((await cli('list', '--json')).stdout).problems).toEqual([{ path: broken, problem: expect.stringMatching(/^not JSON/) }]);
  });

  it('a named store folder that does not exist is an error for reads, not an empty store', async () => {
    const typo = path.join(box.home, 'typo');
    for (const args of [['list', '--store', typo], ['show', 'mcp:a', '--store', typo], ['export', '--store', typo], ['decay', '--store', typo]]) {
      expectError(await cli(...args), 1, `no trust store at ${typo}: the folder does not exist (check --store)`);
    }
    expect(fs.existsSync(typo)).toBe(false);
    // Writing creates it.
    expectExit(await cli('update', 'mcp:a', '--success', '--store', typo), 0);
    expectExit(await cli('list', '--store', typo), 0);
  });

  it('refuses an entity witnessing itself', async () => {
    expectError(await cli('witness', 'mcp:a', 'mcp:a', '--success'), 2, 'an entity cannot witness itself ("mcp:a")');
  });

  it('uses --store before or after the command', async () => {
    const other = path.join(box.home, 'other');
    expectExit(await cli('--store', other, 'update', 'mcp:a', '--success'), 0);
    expectExit(await cli('update', 'mcp:b', '--success', '--store', other), 0);
    expect(JSON.parse((await cli('list', '--json', '--store', other)).stdout).entities).toHaveLength(2);
    expect(fs.existsSync(box.store)).toBe(false);
  });
});

describe('reads show trust as it stands now', () => {
  it('list, show and update show an idle entity decayed, without a sweep; a success never looks like a drop', async () => {
    const long = Date.now() - 200 * MS_PER_DAY;
    const idle = EntityTrust.create('mcp:idle', long);
    for (let i = 0; i < 60; i++) idle.updateFromOutcome(true, 1, long);
    await new FileTrustStore(box.store).save(idle);
    const now = idle.stateAt(Date.now(), DEFAULT_DECAY);
    expect(now.t3Average).toBeLessThan(idle.t3Average - 0.05);

    const listed = JSON.parse((await cli('list', '--json')).stdout);
    expect(listed.entities[0].t3_average).toBeCloseTo(now.t3Average, 6);
    const shown = await cli('show', 'mcp:idle');
    expect(shown.stdout).toContain(`T3 ${now.t3Average.toFixed(3)}`);
    const update = await cli('update', 'mcp:idle', '--success');
    const [, before, after] = /T3 (\d\.\d+) → (\d\.\d+)/.exec(update.stdout)!;
    expect(Number(before)).toBeCloseTo(now.t3Average, 3);
    expect(Number(after)).toBeGreaterThan(Number(before));
    // The file itself is untouched by reads: upstream tools see the stored numbers until a sweep or an update.
    expect(JSON.parse(fs.readFileSync(path.join(box.store, entityFileName('mcp:idle')), 'utf8')).action_count).toBe(61);
  });
});

describe('decay', () => {
  it('shows what would change with --dry-run, then writes it once; a second run writes nothing', async () => {
    const store = new FileTrustStore(box.store);
    const old = Date.now() - 40 * MS_PER_DAY;
    const entity = EntityTrust.create('mcp:idle', old);
    entity.updateFromOutcome(true, 1, old);
    await store.save(entity);
    const ancient = Date.now() - 100 * MS_PER_DAY;
    const session = EntityTrust.create('session:gone', ancient);
    session.giveWitness('mcp:idle', true, 1, ancient);
    await store.save(session);
    const file = path.join(box.store, entityFileName('mcp:idle'));
    const before = fs.readFileSync(file, 'utf8');

    const dry = await cli('decay', '--dry-run');
    expectExit(dry, 0);
    expect(dry.stdout).toMatch(/^mcp:idle +0\.515 → 0\.4\d\d/m);
    expect(dry.stdout).toContain('Dry run: would write the decayed scores of 1 of 2 entities (those that moved by at least 0.001); ' +
      'would remove 1 idle session. Nothing was written.');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);

    expect((await cli('decay')).stdout).toContain('Wrote the decayed scores of 1 of 2 entities (those that moved by at least 0.001); removed 1 idle session.');
    expect(await store.exists('session:gone')).toBe(false);
    const written = fs.statSync(file).mtimeMs;
    // Right after, no score moved by 0.001: nothing is written.
    const again = JSON.parse((await cli('decay', '--json')).stdout);
    expect(again).toEqual({ dry_run: false, scanned: 1, changed: 0, removed: 0 });
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect((await store.get('mcp:idle')).training).toBeLessThan(entity.training);
  });

  it('takes --min-change and --keep-sessions, and refuses bad values', async () => {
    const ancient = Date.now() - 100 * MS_PER_DAY;
    await new FileTrustStore(box.store).save(EntityTrust.create('session:kept', ancient));
    expect((await cli('decay', '--keep-sessions', 'forever')).stdout).toContain('removed 0 idle sessions');
    expect((await cli('decay', '--keep-sessions', '99', '--min-change', '0')).stdout).toContain('removed 1 idle session.');
    expectError(await cli('decay', '--min-change', 'lots'), 2, '--min-change must be a number from 0 to 1, got "lots"');
    expectError(await cli('decay', '--keep-sessions', '-1'), 2, '--keep-sessions must be a number of days or "forever", got "-1"');
  });
});

describe('export and import', () => {
  it('round-trips a store byte for byte through a bundle', async () => {
    await cli('witness', 'session:abc', 'mcp:fs', '--success');
    await cli('update', 'role:r', '--failure');
    const exported = await cli('export');
    expectExit(exported, 0);
    const bundle = JSON.parse(exported.stdout);
    expect(bundle).toMatchObject({ format: 'web4-trust-store', version: 1 });
    expect(bundle.entities.map((e: { entity_id: string }) => e.entity_id)).toEqual(['mcp:fs', 'role:r', 'session:abc']);

    const file = path.join(box.home, 'bundle.json');
    const out = await cli('export', '--out', file);
    expect(out.stderr).toBe(`Exported 3 entities to ${file}\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe(exported.stdout);

    const other = path.join(box.home, 'other');
    const dry = await cli('import', file, '--dry-run', '--store', other);
    expectExit(dry, 0);
    expect(dry.stdout).toMatch(/added +3 +mcp:fs, role:r, session:abc\n/);
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(fs.existsSync(other)).toBe(false);

    const applied = await cli('import', file, '--store', other);
    expectExit(applied, 0);
    expect(applied.stdout).toContain('Applied.');
    expect((await cli('export', '--store', other)).stdout).toBe(exported.stdout);
    const again = JSON.parse((await cli('import', file, '--json', '--store', other)).stdout);
    expect(again).toEqual({ mode: 'merge', dry_run: false, added: [], updated: [], unchanged: ['mcp:fs', 'role:r', 'session:abc'], removed: [], rejected: [] });
  });

  it('replaces, and reports rejected entities with exit code 1 while importing the rest', async () => {
    await cli('update', 'mcp:gone', '--success');
    const file = path.join(box.home, 'in.json');
    const ok = EntityTrust.create('mcp:new', Date.now()).toJSON();
    fs.writeFileSync(file, JSON.stringify([ok, { ...ok, entity_id: 'mcp:bad', training: 'high' }]));
    const run = await cli('import', file, '--replace');
    expectExit(run, 1);
    expect(run.stdout).toMatch(/removed +1 +mcp:gone\n/);
    expect(run.stdout).toContain('[1].training: expected a number in [0,1], got "high"');
    expect(run.stderr).toBe(`web4-trust: 1 of the entities in ${file} were rejected; the others were imported\n`);
    expect(JSON.parse((await cli('list', '--json')).stdout).entities.map((e: { entity_id: string }) => e.entity_id)).toEqual(['mcp:new']);
  });

  it('an entity with a field nested 20,000 deep is rejected by name; the rest of the file imports', async () => {
    const entity = (id: string) => JSON.stringify(EntityTrust.create(id, Date.UTC(2026, 0, 1)).toJSON());
    const deep = entity('mcp:deep').replace('{', `{"future":${'['.repeat(20_000)}0${']'.repeat(20_000)},`);
    const file = path.join(box.home, 'deep.json');
    fs.writeFileSync(file, `{"format":"web4-trust-store","version":1,"entities":[${entity('mcp:a')},${deep},${entity('mcp:b')}]}`);
    const dry = await cli('import', file, '--dry-run', '--json');
    expect(JSON.parse(dry.stdout)).toMatchObject({ added: ['mcp:a', 'mcp:b'], rejected: [{ index: 1, entity_id: 'mcp:deep', message: 'entities[1].future: nested more than 32 levels deep, which this version does not keep' }] });
    expectExit(await cli('import', file), 1);
    expect((await new FileTrustStore(box.store).list()).map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:b']);
    expectExit(await cli('export'), 0);
  });

  it('refuses unreadable input and changes nothing', async () => {
    await cli('update', 'mcp:a', '--success');
    const before = (await cli('export')).stdout;
    const file = path.join(box.home, 'bad.json');
    fs.writeFileSync(file, '{"format": "web4-trust-store", ');
    expectError(await cli('import', file), 1, `${file}: not JSON (it ends too early: truncated?)`);
    fs.writeFileSync(file, JSON.stringify({ format: 'web4-trust-store', version: 9, entities: [] }));
    expectError(await cli('import', file, '--replace'), 1, /version/);
    expectError(await cli('import', path.join(box.home, 'missing.json')), 1, `cannot read ${path.join(box.home, 'missing.json')}: ENOENT`);
    expect((await cli('export')).stdout).toBe(before);
  });
});

describe('doctor', () => {
  it('lists corrupt and foreign files, and --fix moves them to quarantine/', async () => {
    const first = await cli('doctor');
    expect(first.stdout).toBe(
      `web4-trust ${VERSION} · Node ${process.version}\nhooks: not installed (run: web4-trust hooks install)\n` +
      `store: ${box.store}: 0 entities, no problems.\n`,
    );
    await cli('update', 'mcp:ok', '--success');
    fs.writeFileSync(path.join(box.store, entityFileName('mcp:x')), 'garbage');
    fs.writeFileSync(path.join(box.store, 'README.txt'), 'hi');
    const check = await cli('doctor');
    expectExit(check, 1);
    expect(check.stdout).toMatch(/^corrupt +\S+\.json +not JSON/m);
    expect(check.stdout).toMatch(/^foreign +\S+README\.txt +not an entity file/m);
    expect(check.stdout).toContain('2 problems, 1 entities are fine.');
    expectExit(await cli('doctor', '--fix'), 0);
    expect(fs.readdirSync(path.join(box.store, 'quarantine')).sort()).toEqual(['README.txt', entityFileName('mcp:x')].sort());
    expectExit(await cli('doctor'), 0);
  });
});
