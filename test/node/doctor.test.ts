import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FileTrustStore, entityFileName, examineStore, quarantine } from '../../node/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'web4-doctor-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('finds corrupt, foreign and temporary files and stale locks, and quarantines them', async () => {
  const store = new FileTrustStore(dir, { onProblem: () => {} });
  await store.update('mcp:ok', true, 0.1);
  await store.sweepDecay(); // its index is the store's own file, not a finding
  expect(fs.existsSync(path.join(dir, '.sweep-index'))).toBe(true);
  const corrupt = path.join(dir, entityFileName('mcp:corrupt'));
  fs.writeFileSync(corrupt, '{"entity_id": "mcp:corrupt", "tal');
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
  fs.writeFileSync(path.join(dir, `${entityFileName('mcp:ok')}.123.4.tmp`), '{"entity_id"');
  fs.writeFileSync(path.join(dir, '.locks', 'abc.json.lock'), JSON.stringify({ pid: 4_194_305, host: os.hostname(), file: 'owner-gone' }));
  // 0.2's owner file of a process killed before its exit.
  fs.writeFileSync(path.join(dir, '.locks', 'owner-4194306-abc'), JSON.stringify({ pid: 4_194_306, host: os.hostname(), file: 'owner-4194306-abc' }));

  const { entities, findings } = examineStore(dir);
  expect(entities).toBe(1);
  expect(findings.map((f) => [f.kind, path.basename(f.path)]).sort()).toEqual([
    ['corrupt', entityFileName('mcp:corrupt')],
    ['foreign', 'notes.txt'],
    ['stale-lock', 'abc.json.lock'],
    ['stale-lock', 'owner-4194306-abc'],
    ['temp', `${entityFileName('mcp:ok')}.123.4.tmp`],
  ]);
  expect(findings.find((f) => f.kind === 'corrupt')!.problem).toMatch(/^not JSON/);

  const moved = quarantine(dir, findings);
  expect(moved.filter((m) => m.movedTo).map((m) => path.relative(dir, m.movedTo!)).sort()).toEqual(
    [`quarantine/${entityFileName('mcp:corrupt')}`, `quarantine/${entityFileName('mcp:ok')}.123.4.tmp`, 'quarantine/notes.txt'].sort(),
  );
  expect(fs.readFileSync(path.join(dir, 'quarantine', 'notes.txt'), 'utf8')).toBe('mine');
  expect(examineStore(dir)).toEqual({ entities: 1, findings: [] });
  expect((await store.list()).map((e) => e.entityId)).toEqual(['mcp:ok']);
});

it('never overwrites a file already in quarantine', () => {
  fs.mkdirSync(path.join(dir, 'quarantine'));
  fs.writeFileSync(path.join(dir, 'quarantine', 'x.txt'), 'old');
  fs.writeFileSync(path.join(dir, 'x.txt'), 'new');
  quarantine(dir, examineStore(dir).findings);
  expect(fs.readFileSync(path.join(dir, 'quarantine', 'x.txt'), 'utf8')).toBe('old');
  expect(fs.readFileSync(path.join(dir, 'quarantine', 'x.txt.1'), 'utf8')).toBe('new');
});

it('leaves waiting work in .pending/ alone, and reports only what could not be applied', () => {
  const pending = path.join(dir, '.pending');
  fs.mkdirSync(pending);
  fs.writeFileSync(path.join(pending, '001767225600000-1-1.json'), '{}');
  fs.writeFileSync(path.join(pending, '001767225600000-1-2.json.failed'), '{}');
  const { findings } = examineStore(dir);
  expect(findings).toEqual([{ kind: 'corrupt', path: path.join(pending, '001767225600000-1-2.json.failed'), problem: 'pending work that could not be applied' }]);
  quarantine(dir, findings);
  expect(fs.readdirSync(pending)).toEqual(['001767225600000-1-1.json']);
});
