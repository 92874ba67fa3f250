import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { EntityTrust } from '../../core/index.js';
import { FileTrustStore, entityFileName, type FileProblem } from '../../node/index.js';

// The store's pending queue (`.pending/`): work written down before it is done, applied by the
// next process that uses the store.

const DEAD_PID = 4_194_305; // above Linux's default pid_max: no such process
let dir: string;
let problems: FileProblem[];
let store: FileTrustStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-pending-'));
  problems = [];
  store = new FileTrustStore(dir, { lockTimeoutMs: 20, onProblem: (p) => problems.push(p) });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const pending = () => (fs.existsSync(path.join(dir, '.pending')) ? fs.readdirSync(path.join(dir, '.pending')).sort() : []);
const entry = (name: string, value: unknown) => {
  fs.mkdirSync(path.join(dir, '.pending'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.pending', name), typeof value === 'string' ? value : JSON.stringify(value));
};
const outcome = (entityId: string) => ({ kind: 'outcome' as const, entityId, success: false, magnitude: 0.1 });

it('a busy lock: recordOrQueue writes the operations down, and the next read applies them first', async () => {
  fs.mkdirSync(path.join(dir, '.locks'), { recursive: true });
  const lock = path.join(dir, '.locks', `${entityFileName('mcp:a')}.lock`);
  fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), file: 'owner-test' }));
  expect(await store.recordOrQueue([outcome('mcp:a')])).toBe('queued');
  expect(await store.recordOrQueue([outcome('mcp:a')])).toBe('queued');
  expect(pending()).toHaveLength(2);
  // Still held: a read leaves them queued and shows the store as it is.
  expect(await store.getExisting('mcp:a')).toBeUndefined();
  fs.rmSync(lock);
  expect((await store.getExisting('mcp:a'))!.actionCount).toBe(2);
  expect(pending()).toEqual([]);
  expect(fs.existsSync(path.join(dir, '.pending'))).toBe(false);
});

it('queued operations keep their time, unless the entity has seen something later', async () => {
  const at = Date.UTC(2026, 0, 1);
  entry('001767225600000-1-1.json', { kind: 'operations', at, operations: [outcome('mcp:a')] });
  const entity = (await store.getExisting('mcp:a'))!;
  expect(entity.lastActivity).toBe(at);
});

it('an entry left claimed by a process that is gone is applied; one of a live process is left alone', async () => {
  entry(`001767225600000-1-1.json.claimed-${DEAD_PID}`, { kind: 'operations', at: Date.now(), operations: [outcome('mcp:a')] });
  entry(`001767225600000-1-2.json.claimed-${process.ppid}`, { kind: 'operations', at: Date.now(), operations: [outcome('mcp:b')] });
  expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:a']);
  expect(pending()).toEqual([`001767225600000-1-2.json.claimed-${process.ppid}`]);
});

it('an import written down by a process that died part-way is rolled forward', async () => {
  await store.update('mcp:old', true, 0.1);
  const incoming = EntityTrust.create('mcp:new', Date.now()).toJSON();
  entry(`001767225600000-1-1.json.claimed-${DEAD_PID}`, { kind: 'import', mode: 'replace', entities: [incoming], removed: ['mcp:old'] });
  expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:new']);
});

it('an unreadable entry, or one that cannot be applied, is kept aside and reported; the rest go on', async () => {
  entry('001767225600000-1-1.json', '{"kind": "operations", "at": 1, "oper');
  entry('001767225600000-1-2.json', { kind: 'operations', at: Date.now(), operations: [outcome('mcp:broken')] });
  entry('001767225600000-1-3.json', { kind: 'operations', at: Date.now(), operations: [outcome('mcp:a')] });
  fs.writeFileSync(path.join(dir, entityFileName('mcp:broken')), 'garbage');
  await store.update('mcp:a', true, 0.1);
  expect((await store.getExisting('mcp:a'))!.actionCount).toBe(2);
  expect(pending()).toEqual(['001767225600000-1-1.json.unreadable', '001767225600000-1-2.json.failed']);
  expect(problems.map((p) => [path.basename(p.path), p.problem.split(' (')[0]])).toEqual([
    ['001767225600000-1-1.json.unreadable', expect.any(String)],
    ['001767225600000-1-2.json.failed', 'could not be applied, kept aside'],
  ]);
});
