import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntityTrust } from '../../core/index.js';
import { FileTrustStore, entityFileName, type FileProblem } from '../../node/index.js';
import { FileLocks } from '../../node/store/file-locks.js';
import { isStale } from '../../node/store/lock-owner.js';
import { ManualClock, describeTrustStoreContract } from '../contract/trust-store-contract.js';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-file-store-'));
  tempDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describeTrustStoreContract('FileTrustStore', async ({ clock }) => {
  const dir = path.join(tempDir(), 'entities');
  return { store: new FileTrustStore(dir, { clock }) };
});

describe('FileTrustStore files', () => {
  let dir: string;
  let clock: ManualClock;
  let problems: FileProblem[];
  let store: FileTrustStore;
  beforeEach(() => {
    dir = tempDir();
    clock = new ManualClock();
    problems = [];
    store = new FileTrustStore(dir, { clock, onProblem: (p) => problems.push(p) });
  });

  const fileOf = (id: string) => path.join(dir, entityFileName(id));

  it('names files by sha256(entity_id) and pretty-prints them like upstream', async () => {
    await store.update('mcp:filesystem', true, 0.1);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.json'))).toEqual(['807abfaefec20c6f.json']);
    const text = fs.readFileSync(fileOf('mcp:filesystem'), 'utf8');
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2));
    expect(text.startsWith('{\n  "entity_id": "mcp:filesystem",\n  "entity_type": "mcp",')).toBe(true);
    expect(JSON.parse(text).t3_observation_counts).toEqual([1, 1, 1]);
  });

  it('keeps unknown fields of a file through an update', async () => {
    const json = { ...EntityTrust.create('mcp:x', clock.now()).toJSON(), future_field: { a: [1, 2] } };
    fs.writeFileSync(fileOf('mcp:x'), JSON.stringify(json, null, 2));
    await store.update('mcp:x', true, 0.1);
    expect(JSON.parse(fs.readFileSync(fileOf('mcp:x'), 'utf8')).future_field).toEqual({ a: [1, 2] });
  });

  it('lists past a corrupt file, reporting its path and problem; get names the file', async () => {
    await store.update('mcp:good', true, 0.1);
    fs.writeFileSync(fileOf('mcp:bad'), '{"entity_id": "mcp:bad", "talent": ');
    fs.writeFileSync(fileOf('mcp:worse'), JSON.stringify({ entity_id: 'mcp:worse', talent: 'high', training: 0.5, temperament: 0.5 }));
    expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:good']);
    expect(problems.map((p) => p.path).sort()).toEqual([fileOf('mcp:bad'), fileOf('mcp:worse')].sort());
    expect(problems.find((p) => p.path === fileOf('mcp:worse'))?.problem).toBe('talent: expected a number in [0,1], got "high"');
    expect(problems.find((p) => p.path === fileOf('mcp:bad'))?.problem).toMatch(/^not JSON/);
    await expect(store.get('mcp:bad')).rejects.toThrow(`${fileOf('mcp:bad')}: not JSON`);
    await expect(store.update('mcp:bad', true, 0.1)).rejects.toThrow(fileOf('mcp:bad'));
    expect(fs.readFileSync(fileOf('mcp:bad'), 'utf8')).toBe('{"entity_id": "mcp:bad", "talent": ');
    expect(await store.count()).toBe(1);
  });

  it('reports a file that holds another entity than its name says', async () => {
    await store.update('mcp:a', true, 0.1);
    fs.copyFileSync(fileOf('mcp:a'), fileOf('mcp:b'));
    await expect(store.get('mcp:b')).rejects.toThrow(`holds "mcp:a", whose file is ${entityFileName('mcp:a')}`);
    expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:a']);
    expect(problems).toHaveLength(1);
  });

  it('ignores files outside the layout and reads from a folder that does not exist yet', async () => {
    const empty = new FileTrustStore(path.join(dir, 'missing'), { clock });
    expect(await empty.list()).toEqual([]);
    expect(await empty.sweepDecay()).toEqual({ scanned: 0, changed: 0, removed: 0 });
    fs.writeFileSync(path.join(dir, 'INDEX.json'), '{}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    expect(await store.list()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('writes both sides of a witness or neither', async () => {
    await store.witness('session:s', 'mcp:t', true, 0.5);
    const before = [fs.readFileSync(fileOf('session:s'), 'utf8'), fs.readFileSync(fileOf('mcp:t'), 'utf8')];
    const rename = fs.renameSync;
    let renames = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      rename(from, to);
    });
    // The error names the file (the second written: the witness's), and says nothing changed.
    await expect(store.witness('session:s', 'mcp:t', false, 1)).rejects.toThrow(`${fileOf('session:s')}: cannot be written (ENOSPC: disk full); it is as it was`);
    expect([fs.readFileSync(fileOf('session:s'), 'utf8'), fs.readFileSync(fileOf('mcp:t'), 'utf8')]).toEqual(before);

    renames = 0;
    await expect(store.witness('session:new', 'mcp:new', true, 1)).rejects.toThrow('disk full');
    expect(fs.existsSync(fileOf('mcp:new'))).toBe(false);
    expect(fs.existsSync(fileOf('session:new'))).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('takes over a lock whose owner process is gone, and times out on a live one', async () => {
    const lockDir = path.join(dir, '.locks');
    fs.mkdirSync(lockDir);
    const lockOf = (id: string) => path.join(lockDir, `${entityFileName(id)}.lock`);
    // A process that has exited: pid 2^22 + 1 is above Linux's pid_max default range.
    fs.writeFileSync(lockOf('mcp:a'), JSON.stringify({ pid: 4_194_305, host: os.hostname(), file: 'owner-x' }));
    await store.update('mcp:a', true, 0.1);
    expect(fs.existsSync(lockOf('mcp:a'))).toBe(false);

    fs.writeFileSync(lockOf('mcp:b'), JSON.stringify({ pid: process.ppid, host: os.hostname(), file: 'owner-y' }));
    const impatient = new FileTrustStore(dir, { clock, lockTimeoutMs: 100 });
    await expect(impatient.update('mcp:b', true, 0.1)).rejects.toThrow(/timed out after 100 ms waiting for the lock .* \(held by process \d+/);
    expect(fs.existsSync(fileOf('mcp:b'))).toBe(false);

    // A lock older than the stale limit is taken over whoever holds it (its age is its ctime, which
    // cannot be set back, so a short limit stands in for an old lock).
    const patient = new FileTrustStore(dir, { clock, lockTimeoutMs: 100, staleLockMs: 30_000 });
    const quick = new FileTrustStore(dir, { clock, lockTimeoutMs: 500, staleLockMs: 50 });
    await expect(patient.update('mcp:b', true, 0.1)).rejects.toThrow(/timed out/);
    await new Promise((r) => setTimeout(r, 60));
    await quick.update('mcp:b', true, 0.1);
    expect((await store.get('mcp:b')).actionCount).toBe(1);
  });
});

describe('FileTrustStore hardening', () => {
  let dir: string;
  let store: FileTrustStore;
  beforeEach(() => {
    dir = tempDir();
    store = new FileTrustStore(dir, { onProblem: () => {} });
  });
  const fileOf = (id: string) => path.join(dir, entityFileName(id));

  it('never uses a file that holds another entity: the error names both', async () => {
    await store.update('mcp:a', true, 0.1);
    // A file copied over another's name (or a hash collision): it must not stand in for mcp:b.
    fs.copyFileSync(fileOf('mcp:a'), fileOf('mcp:b'));
    await expect(store.update('mcp:b', true, 0.1)).rejects.toThrow(`${fileOf('mcp:b')}: holds "mcp:a", whose file is`);
    expect(JSON.parse(fs.readFileSync(fileOf('mcp:a'), 'utf8')).action_count).toBe(1);
  });

  it('keeps a file\'s permissions when it rewrites it', async () => {
    await store.update('mcp:a', true, 0.1);
    fs.chmodSync(fileOf('mcp:a'), 0o600);
    await store.update('mcp:a', true, 0.1);
    expect(fs.statSync(fileOf('mcp:a')).mode & 0o777).toBe(0o600);
    fs.chmodSync(fileOf('mcp:a'), 0o664);
    await store.witness('session:s', 'mcp:a', true, 0.1);
    expect(fs.statSync(fileOf('mcp:a')).mode & 0o777).toBe(0o664);
  });

  it('keeps nothing in .locks but the locks it holds: a lock is one file naming its owner', async () => {
    const locks = path.join(dir, '.locks');
    await store.witness('session:s', 'mcp:a', true, 0.1);
    expect(fs.readdirSync(locks)).toEqual([]);
    const release = await new FileLocks(locks, { timeoutMs: 10, staleMs: 10_000 }).acquire(['a.json']);
    expect(fs.readdirSync(locks)).toEqual(['a.json.lock']);
    expect(JSON.parse(fs.readFileSync(path.join(locks, 'a.json.lock'), 'utf8'))).toEqual({ pid: process.pid, host: os.hostname() });
    release();
    expect(fs.readdirSync(locks)).toEqual([]);
  });

  it('a lock it cannot write in full (a full disk) is removed, and the change fails with nothing written', async () => {
    await store.update('mcp:a', true, 0.1);
    const before = fs.readFileSync(fileOf('mcp:a'), 'utf8');
    vi.spyOn(fs, 'writeSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(store.update('mcp:a', true, 0.1)).rejects.toThrow(/ENOSPC/);
    expect(fs.readdirSync(path.join(dir, '.locks'))).toEqual([]);
    expect(fs.readFileSync(fileOf('mcp:a'), 'utf8')).toBe(before);
    // The disk has room again: the next change takes the lock at once.
    await store.update('mcp:a', true, 0.1);
    expect((await store.get('mcp:a')).actionCount).toBe(2);
  });

  it('takes over a lock its owner left empty (killed between creating and writing it) once it is a second old', () => {
    const empty = { ino: 1, owner: undefined, empty: true };
    expect(isStale({ ...empty, ctimeMs: Date.now() }, 10_000)).toBe(false);
    expect(isStale({ ...empty, ctimeMs: Date.now() - 1500 }, 10_000)).toBe(true);
    // A foreign, non-empty content: only its age counts.
    expect(isStale({ ...empty, empty: false, ctimeMs: Date.now() - 1500 }, 10_000)).toBe(false);
  });

  it('takes over a 0.2 lock (a link to an owner file) of a process that is gone, and removes its owner file', async () => {
    const locks = path.join(dir, '.locks');
    fs.mkdirSync(locks);
    const owner = path.join(locks, 'owner-4194305-abc');
    fs.writeFileSync(owner, JSON.stringify({ pid: 4_194_305, host: os.hostname(), file: 'owner-4194305-abc' }));
    fs.linkSync(owner, path.join(locks, `${entityFileName('mcp:a')}.lock`));
    await store.update('mcp:a', true, 0.1);
    expect(fs.readdirSync(locks)).toEqual([]);
    expect((await store.get('mcp:a')).actionCount).toBe(1);
  });

  it('never prints a file\'s contents in an error, e.g. through a symlink to a secret', async () => {
    const secret = path.join(dir, '..', `secret-${path.basename(dir)}.txt`);
    fs.writeFileSync(secret, 'AWS_SECRET=hunter2 and more');
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(secret, fileOf('mcp:x'));
    const error = await store.get('mcp:x').catch((e: Error) => e);
    expect(String(error)).toBe(`EntityFileError: ${fileOf('mcp:x')}: not JSON`);
    expect((await store.scan()).problems).toEqual([{ path: fileOf('mcp:x'), problem: 'not JSON' }]);
    fs.writeFileSync(secret, '{"entity_id": "mcp:x", "talent": 0.5');
    await expect(store.get('mcp:x')).rejects.toThrow(`${fileOf('mcp:x')}: not JSON (it ends too early: truncated?)`);
    fs.rmSync(secret);
  });
});

describe('FileTrustStore locks every change', () => {
  // Each mutating method, run while another live process holds the entity's lock: it must wait,
  // time out, and leave the file as it was. (Without the lock, it would write at once.)
  let dir: string;
  let store: FileTrustStore;
  beforeEach(async () => {
    dir = tempDir();
    store = new FileTrustStore(dir, { lockTimeoutMs: 30, onProblem: () => {} });
    await store.update('mcp:held', true, 0.1);
    fs.writeFileSync(path.join(dir, '.locks', `${entityFileName('mcp:held')}.lock`), JSON.stringify({ pid: process.ppid, host: os.hostname(), file: 'owner-other' }));
  });
  const file = () => fs.readFileSync(path.join(dir, entityFileName('mcp:held')), 'utf8');

  it.each([
    ['save', () => store.save(EntityTrust.create('mcp:held', 0))],
    ['delete', () => store.delete('mcp:held')],
    ['update', () => store.update('mcp:held', false, 1)],
    ['witness', () => store.witness('session:s', 'mcp:held', false, 1)],
    ['record', () => store.record([{ kind: 'outcome', entityId: 'mcp:held', success: false, magnitude: 1 }])],
    ['sweepDecay', () => store.sweepDecay(Date.now() + 400 * 86_400_000)],
    ['importBundle', () => store.importBundle([EntityTrust.create('mcp:held', Date.now() + 1000).toJSON()], 'replace')],
  ] as [string, () => Promise<unknown>][])('%s waits for the lock, times out, and changes nothing', async (_, change) => {
    const before = file();
    await expect(change()).rejects.toThrow(/timed out after 30 ms waiting for the lock/);
    expect(file()).toBe(before);
  });
});
