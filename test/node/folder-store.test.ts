import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityTrust, MS_PER_DAY, type TrustOperation } from '../../core/index.js';
import { FileTrustStore, LockTimeoutError, entityFileName, type FileProblem } from '../../node/index.js';
import { FileLocks } from '../../node/store/file-locks.js';
import { FolderAdapter } from '../../node/store/folder-adapter.js';
import { PENDING_DIR_NAME, PendingQueue } from '../../node/store/pending-queue.js';
import { ManualClock } from '../contract/trust-store-contract.js';

// The folder adapter's edges: what whole-store operations do with files that are not plain entity
// files, the pending queue's late operations and imports, and locks held by other processes.

let dir: string;
let clock: ManualClock;
let problems: FileProblem[];
let store: FileTrustStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-folder-'));
  clock = new ManualClock();
  problems = [];
  store = new FileTrustStore(dir, { clock, lockTimeoutMs: 50, onProblem: (p) => problems.push(p) });
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const fileOf = (id: string) => path.join(dir, entityFileName(id));
const pendingEntries = () => (fs.existsSync(path.join(dir, '.pending')) ? fs.readdirSync(path.join(dir, '.pending')) : []);
/** Holds `id`'s lock as a live process other than this one would (the test runner's parent). */
function holdLock(id: string): () => void {
  fs.mkdirSync(path.join(dir, '.locks'), { recursive: true });
  const lock = path.join(dir, '.locks', `${entityFileName(id)}.lock`);
  fs.writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), file: 'owner-other' }));
  return () => fs.rmSync(lock);
}

describe('files that are not entity files', () => {
  it('skips a name whose file vanished (a dangling link) in lists and sweeps, without a problem', async () => {
    await store.update('mcp:a', true, 1);
    fs.symlinkSync(path.join(dir, 'nowhere.json'), fileOf('mcp:gone'));
    expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:a']);
    clock.advanceDays(30);
    expect(await store.sweepDecay()).toEqual({ scanned: 1, changed: 1, removed: 0 });
    expect(problems).toEqual([]);
  });

  it('a sweep reports a corrupt file and goes on with the others', async () => {
    await store.update('mcp:a', true, 1);
    fs.writeFileSync(fileOf('mcp:bad'), '{"entity_id": "mcp:bad", "talent": ');
    clock.advanceDays(30);
    expect(await store.sweepDecay()).toEqual({ scanned: 1, changed: 1, removed: 0 });
    expect(problems).toEqual([{ path: fileOf('mcp:bad'), problem: expect.stringMatching(/^not JSON/) }]);
  });

  it('a file that cannot be read (a folder in its place) is an error naming it, not an absent entity', async () => {
    fs.mkdirSync(fileOf('mcp:dir'));
    await expect(store.getExisting('mcp:dir')).rejects.toThrow(`${fileOf('mcp:dir')}: cannot be read (`);
    await expect(store.update('mcp:dir', true, 1)).rejects.toThrow('cannot be read');
    expect((await store.scan()).problems).toEqual([{ path: fileOf('mcp:dir'), problem: expect.stringMatching(/^cannot be read \(/) }]);
  });

  it('a store path that is a file is an error, not an empty store', async () => {
    const file = path.join(dir, 'plain-file');
    fs.writeFileSync(file, 'x');
    await expect(new FileTrustStore(file).list()).rejects.toThrow(/ENOTDIR|not a directory/);
  });

  it('scan filters by type, sorts by id, and hands problems back instead of reporting them', async () => {
    await store.update('role:b', true, 1);
    await store.update('mcp:z', true, 1);
    await store.update('mcp:a', true, 1);
    fs.writeFileSync(fileOf('mcp:bad'), 'nope');
    const { entities, problems: found } = await store.scan({ type: 'mcp' });
    expect(entities.map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:z']);
    expect(found).toEqual([{ path: fileOf('mcp:bad'), problem: expect.stringMatching(/^not JSON/) }]);
    expect((await store.scan()).entities.map((e) => e.entityId)).toEqual(['mcp:a', 'mcp:z', 'role:b']);
    expect(problems).toEqual([]);
  });

  it('reports skipped files on stderr by default', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    fs.writeFileSync(fileOf('mcp:bad'), 'nope');
    expect(await new FileTrustStore(dir).list()).toEqual([]);
    expect(write).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^web4-trust: skipped ${fileOf('mcp:bad')}: not JSON\\n$`)));
  });

  it('pathOf names the file of an id, and refuses an invalid id', () => {
    expect(store.pathOf('mcp:filesystem')).toBe(path.join(dir, `${entityFileName('mcp:filesystem')}`));
    expect(path.basename(store.pathOf('mcp:filesystem'))).toMatch(/^[0-9a-f]{16}\.json$/);
    expect(() => store.pathOf('')).toThrow(RangeError);
  });

  it('a chain shows a linked entity whose file is corrupt as absent, and the others as they are', async () => {
    await store.witness('session:s', 'mcp:a', true, 1);
    await store.witness('session:t', 'mcp:a', true, 1);
    fs.writeFileSync(fileOf('session:s'), 'nope');
    const chain = await store.witnessingChain('mcp:a', 1);
    expect(chain.entity_id).toBe('mcp:a');
    expect(chain.witnessed_by.map((link) => link.entity_id)).toEqual(['session:t']);
  });
});

describe('locks held by another process', () => {
  it('recordOrQueue records when it can, and queues when the lock stays busy', async () => {
    expect(await store.recordOrQueue([{ kind: 'outcome', entityId: 'mcp:a', success: true, magnitude: 1 }])).toBe('recorded');
    const release = holdLock('mcp:a');
    expect(await store.recordOrQueue([{ kind: 'outcome', entityId: 'mcp:a', success: false, magnitude: 1 }])).toBe('queued');
    const [name] = pendingEntries();
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.pending', name!), 'utf8'))).toEqual({
      kind: 'operations', at: clock.now(), operations: [{ kind: 'outcome', entityId: 'mcp:a', success: false, magnitude: 1 }],
    });
    release();
    expect((await store.get('mcp:a')).actionCount).toBe(2);
  });

  it('recordOrQueue passes other failures on instead of queueing them', async () => {
    fs.writeFileSync(fileOf('mcp:bad'), 'nope');
    await expect(store.recordOrQueue([{ kind: 'outcome', entityId: 'mcp:bad', success: true, magnitude: 1 }])).rejects.toThrow(/: not JSON/);
    expect(pendingEntries()).toEqual([]);
  });

  it('an import that cannot take a lock is kept in the queue, said so, and finished by the next call', async () => {
    await store.update('mcp:gone', true, 1);
    const release = holdLock('mcp:gone');
    const error = await store.importBundle([EntityTrust.create('mcp:new', clock.now()).toJSON()], 'replace').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toMatch(/the import is saved in .*\.pending and finishes the next time the store is used$/);
    const [name] = pendingEntries();
    expect(JSON.parse(fs.readFileSync(path.join(dir, '.pending', name!), 'utf8'))).toMatchObject({
      kind: 'import', mode: 'replace', entities: [{ entity_id: 'mcp:new' }], removed: ['mcp:gone'],
    });
    // The removal waited for the lock: the file is still there.
    expect(fs.existsSync(fileOf('mcp:gone'))).toBe(true);
    release();
    expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:new']);
    expect(pendingEntries()).toEqual([]);
  });

  it('an import that fails for another reason says so, not that it is saved for later', async () => {
    fs.mkdirSync(fileOf('mcp:new'));
    const error = await store.importBundle([EntityTrust.create('mcp:new', clock.now()).toJSON()]).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(LockTimeoutError);
    expect((error as Error).message).toMatch(/cannot be written/);
  });

  it('an import that changes nothing writes nothing down', async () => {
    await store.update('mcp:a', true, 1);
    const bundle = await store.exportBundle();
    const plan = await store.importBundle(bundle);
    expect(plan.mode).toBe('merge');
    expect(plan.unchanged).toEqual(['mcp:a']);
    expect(fs.existsSync(path.join(dir, '.pending'))).toBe(false);
  });
});

describe('queued work applied late', () => {
  const queue = () => new PendingQueue(path.join(dir, PENDING_DIR_NAME));

  it('an operation queued before the entity saw something later lands at that later moment', async () => {
    const queuedAt = clock.now();
    queue().append({ kind: 'operations', at: queuedAt, operations: [{ kind: 'outcome', entityId: 'mcp:a', success: true, magnitude: 1 }] });
    // Another process recorded a day later without applying the queue (it wrote the file directly).
    const later = EntityTrust.create('mcp:a', queuedAt + MS_PER_DAY);
    later.updateFromOutcome(false, 1, queuedAt + MS_PER_DAY);
    fs.writeFileSync(fileOf('mcp:a'), JSON.stringify(later.toJSON()));
    const entity = (await store.getExisting('mcp:a'))!;
    expect(entity.actionCount).toBe(2);
    expect(entity.lastActivity).toBe(queuedAt + MS_PER_DAY);
    expect(entity.lastAction).toBe(queuedAt + MS_PER_DAY);
  });

  it('a queued merge import merges into what is stored when it is applied; a replace one replaces', async () => {
    await store.witness('session:new', 'mcp:a', true, 1);
    const stored = (await store.get('mcp:a')).toJSON();
    const older = EntityTrust.create('mcp:a', clock.now() - MS_PER_DAY);
    older.receiveWitness('session:old', false, 1, clock.now() - MS_PER_DAY);
    queue().append({ kind: 'import', mode: 'merge', entities: [older.toJSON()], removed: [] });
    const merged = (await store.getExisting('mcp:a'))!;
    expect(merged.veracity).toBe(stored.veracity);
    expect(merged.witnessedBy).toEqual(['session:new', 'session:old']);

    queue().append({ kind: 'import', mode: 'merge', entities: [older.toJSON()], removed: [] });
    const before = fs.readFileSync(fileOf('mcp:a'), 'utf8');
    await store.list();
    expect(fs.readFileSync(fileOf('mcp:a'), 'utf8')).toBe(before);
    expect(problems).toEqual([]);
    expect(pendingEntries()).toEqual([]);

    queue().append({ kind: 'import', mode: 'replace', entities: [older.toJSON()], removed: [] });
    expect((await store.getExisting('mcp:a'))!.toJSON()).toEqual(older.toJSON());
  });

  it('a queued operation that is not well formed is set aside with the reason, and nothing is written', async () => {
    queue().append({ kind: 'operations', at: clock.now(), operations: [
      { kind: 'outcome', entityId: 'mcp:a', success: true, magnitude: 1 },
      { kind: 'rename', entityId: 'mcp:a' } as unknown as TrustOperation,
    ] });
    expect(await store.list()).toEqual([]);
    expect(problems).toEqual([{ path: expect.stringMatching(/\.failed$/), problem: 'could not be applied, kept aside (unknown operation kind "rename")' }]);
  });

  it('a queued merge import over a corrupt file writes the incoming entity', async () => {
    fs.writeFileSync(fileOf('mcp:a'), 'nope');
    const incoming = EntityTrust.create('mcp:a', clock.now());
    queue().append({ kind: 'import', mode: 'merge', entities: [incoming.toJSON()], removed: [] });
    expect((await store.getExisting('mcp:a'))!.toJSON()).toEqual(incoming.toJSON());
  });
});

describe('FolderAdapter', () => {
  it('refuses to touch an entity outside the change it runs', async () => {
    const adapter = new FolderAdapter(dir, new FileLocks(path.join(dir, '.locks'), { timeoutMs: 50, staleMs: 10_000 }), new PendingQueue(path.join(dir, PENDING_DIR_NAME)), () => {});
    await expect(adapter.change(['mcp:a'], 'default', (change) => change.read('mcp:b'))).rejects.toThrow('"mcp:b" is not part of this change');
    await expect(adapter.change(['mcp:a'], 'default', (change) => change.write(EntityTrust.create('mcp:b')))).rejects.toThrow('is not part of this change');
    expect(fs.readdirSync(dir).filter((name) => name.endsWith('.json'))).toEqual([]);
  });
});

describe('files rewritten by upstream tools (no decay fields)', () => {
  /** A file as web4-trust-core 0.2 rewrites one of ours: our fields dropped, its scores as it left them. */
  function writeUpstream(id: string, scores: number[], lastAction: number, modified: number): void {
    const entity = EntityTrust.create(id, lastAction);
    entity.updateFromOutcome(true, 1, lastAction);
    const { last_activity: _a, t3_at_last_activity: _t, v3_at_last_activity: _v, ...upstream } = entity.toJSON();
    const [talent, training, temperament, valuation, veracity, validity] = scores;
    fs.writeFileSync(fileOf(id), JSON.stringify({ ...upstream, talent, training, temperament, valuation, veracity, validity }, null, 2));
    fs.utimesSync(fileOf(id), modified / 1000, modified / 1000);
  }

  it('decays from the file\'s modification time, never the same period twice', async () => {
    // Upstream decayed the scores 60 days after the last action and wrote the file then.
    const lastAction = clock.now() - 90 * MS_PER_DAY;
    const rewritten = clock.now() - 30 * MS_PER_DAY;
    writeUpstream('mcp:up', [0.6, 0.7, 0.7, 0.6, 0.9, 0.7], lastAction, rewritten);
    const expected = EntityTrust.fromJSON({ ...JSON.parse(fs.readFileSync(fileOf('mcp:up'), 'utf8')), last_activity: new Date(rewritten).toISOString() });
    expected.decayTo(clock.now(), { ratePerDay: 0.01, graceDays: 1 });
    const read = await store.get('mcp:up');
    expect(read.lastActivity).toBe(rewritten);
    expect(read.lastAction).toBe(lastAction);
    expect(read.toJSON()).toEqual(expected.toJSON());
    // Decayed from the last action instead, it would have lost 90 days: clearly lower.
    expect(read.training).toBeGreaterThan(0.3 + 0.4 * 0.99 ** 89 + 0.01);
  });

  it('a file modified before its last action (copied, clock skew) decays from the last action', async () => {
    const lastAction = clock.now() - 10 * MS_PER_DAY;
    writeUpstream('mcp:copied', [0.6, 0.7, 0.7, 0.6, 0.9, 0.7], lastAction, lastAction - 5 * MS_PER_DAY);
    expect((await store.get('mcp:copied')).lastActivity).toBe(lastAction);
  });

  it('our own files keep their last activity whatever their modification time', async () => {
    await store.update('mcp:ours', true, 1);
    const stored = clock.now();
    fs.utimesSync(fileOf('mcp:ours'), new Date(stored + 5 * MS_PER_DAY), new Date(stored + 5 * MS_PER_DAY));
    expect((await store.get('mcp:ours')).lastActivity).toBe(stored);
  });
});

describe('the sweep index', () => {
  const indexPath = () => path.join(dir, '.sweep-index');
  /** The entity files a body opens (the index spares a sweep from reading those it knows). */
  async function filesOpened(body: () => Promise<unknown>): Promise<string[]> {
    const open = vi.spyOn(fs, 'openSync');
    try {
      await body();
      return open.mock.calls.map(([file]) => String(file)).filter((file) => file.endsWith('.json')).sort();
    } finally {
      open.mockRestore();
    }
  }
  async function threeIdleEntities(): Promise<void> {
    for (const id of ['mcp:a', 'mcp:b', 'mcp:c']) await store.update(id, true, 1);
    clock.advanceDays(30);
  }

  it('a sweep right after another reads no file, and changes nothing', async () => {
    await threeIdleEntities();
    expect(await store.sweepDecay()).toEqual({ scanned: 3, changed: 3, removed: 0 });
    const index = fs.statSync(indexPath());
    let summary;
    expect(await filesOpened(async () => { summary = await store.sweepDecay(); })).toEqual([]);
    expect(summary).toEqual({ scanned: 3, changed: 0, removed: 0 });
    // Nor does it write its index again when it learned nothing new.
    expect(fs.statSync(indexPath()).ino).toBe(index.ino);
  });

  it('reads and writes an entity again once it falls due, and reads a file changed since', async () => {
    await threeIdleEntities();
    await store.sweepDecay();
    await store.update('mcp:b', false, 1);
    expect(await filesOpened(() => store.sweepDecay())).toEqual([fileOf('mcp:b')]);
    // A day later every score has moved by more than 0.001: all three are due again.
    clock.advanceDays(1);
    let summary;
    const opened = await filesOpened(async () => { summary = await store.sweepDecay(); });
    expect(summary).toEqual({ scanned: 3, changed: 2, removed: 0 });
    expect(new Set(opened)).toEqual(new Set(['mcp:a', 'mcp:b', 'mcp:c'].map(fileOf)));
  });

  it('what a sweep writes is what a sweep without an index writes', async () => {
    await threeIdleEntities();
    await store.sweepDecay();
    clock.advanceDays(1);
    await store.sweepDecay();
    const withIndex = ['mcp:a', 'mcp:b', 'mcp:c'].map((id) => fs.readFileSync(fileOf(id), 'utf8'));
    fs.rmSync(indexPath());
    clock.advanceDays(0);
    expect(await store.sweepDecay()).toEqual({ scanned: 3, changed: 0, removed: 0 });
    expect(['mcp:a', 'mcp:b', 'mcp:c'].map((id) => fs.readFileSync(fileOf(id), 'utf8'))).toEqual(withIndex);
  });

  it('is not used by a sweep with other settings, and a removed session leaves it', async () => {
    await threeIdleEntities();
    await store.witness('session:s', 'mcp:a', true, 1);
    await store.sweepDecay();
    const other = new FileTrustStore(dir, { clock, sweep: { minChange: 0.5, sessionRetentionDays: 0 } });
    clock.advanceDays(0.5);
    let summary;
    // Every file read; the session twice, the second time under its lock to remove it.
    expect(new Set(await filesOpened(async () => { summary = await other.sweepDecay(); })).size).toBe(4);
    expect(summary).toEqual({ scanned: 4, changed: 0, removed: 1 });
    expect(JSON.parse(fs.readFileSync(indexPath(), 'utf8')).names.sort())
      .toEqual(['mcp:a', 'mcp:b', 'mcp:c'].map(entityFileName).sort());
  });

  it('is not used by a sweep at an earlier moment (a clock set back), which may raise scores again', async () => {
    await threeIdleEntities();
    await store.sweepDecay();
    clock.advanceDays(-2);
    let summary;
    expect(await filesOpened(async () => { summary = await store.sweepDecay(); })).toHaveLength(6);
    // Two days earlier every entity's training stands higher by more than 0.001: each file is written again.
    expect(summary).toEqual({ scanned: 3, changed: 3, removed: 0 });
    clock.advanceDays(2);
    expect(await store.sweepDecay()).toEqual({ scanned: 3, changed: 3, removed: 0 });
    expect(await filesOpened(() => store.sweepDecay())).toEqual([]);
  });

  it('a damaged index, or one that cannot be written, only costs reading every file', async () => {
    await threeIdleEntities();
    await store.sweepDecay();
    const text = fs.readFileSync(indexPath(), 'utf8');
    for (const damaged of [text.slice(0, text.length / 2), '[]', '{"format":1,"settings":"x","made_at":0,"names":[],"numbers":[]}', '{"format":1,"made_at":0,"names":["x"],"numbers":[1]}', 'null']) {
      fs.writeFileSync(indexPath(), damaged);
      expect(await filesOpened(() => store.sweepDecay())).toHaveLength(3);
    }
    expect(await filesOpened(() => store.sweepDecay())).toEqual([]);
    fs.rmSync(indexPath());
    fs.mkdirSync(indexPath());
    clock.advanceDays(1);
    expect(await store.sweepDecay()).toEqual({ scanned: 3, changed: 3, removed: 0 });
    expect(await filesOpened(() => store.sweepDecay())).toHaveLength(3);
    expect(problems).toEqual([]);
  });
});
