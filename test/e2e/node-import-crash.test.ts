import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EntityTrust } from '../../core/index.js';
import { FileTrustStore } from '../../node/index.js';
import { BIN, ensureBuilt, sandbox, type Sandbox } from './support/node-bin.js';

// `web4-trust import` of 10,000 entities killed with SIGKILL at random moments: the store ends fully
// old or fully new, never in between (the import is written down first and rolled forward by the
// next process that uses the store).

const ENTITIES = 10_000;
const RUNS = 4;
let box: Sandbox;
beforeAll(() => {
  ensureBuilt();
  box = sandbox();
});
afterAll(() => box.cleanup());

// Exported at one fixed moment: reads show decay at now, and the runs take minutes.
const AS_OF = Date.UTC(2026, 10, 3);
const exportOf = async (dir: string) =>
  JSON.stringify(await new FileTrustStore(dir, { onProblem: () => {}, clock: { now: () => AS_OF } }).exportBundle());

function bundle(day: number, successes: number): string {
  const at = Date.UTC(2026, 10, day);
  const entities = Array.from({ length: ENTITIES }, (_, i) => {
    const entity = EntityTrust.create(`mcp:server-${i}`, at);
    for (let n = 0; n < successes; n++) entity.updateFromOutcome(i % 3 !== 0, 0.1, at);
    return entity.toJSON();
  });
  return JSON.stringify({ format: 'web4-trust-store', version: 1, entities });
}

function importInto(dir: string, file: string) {
  const child = spawn(process.execPath, [BIN, 'import', file, '--store', dir], { stdio: 'ignore' });
  return { child, exited: new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))) };
}

it(`every SIGKILL during a ${ENTITIES}-entity import leaves the store fully old or fully new`, async () => {
  const oldFile = path.join(box.home, 'old.json');
  const newFile = path.join(box.home, 'new.json');
  fs.writeFileSync(oldFile, bundle(1, 1));
  fs.writeFileSync(newFile, bundle(2, 2));
  const oldStore = path.join(box.home, 'old-store');
  expect(await importInto(oldStore, oldFile).exited).toBe(0);
  const before = await exportOf(oldStore);

  // The reference: the same import, not interrupted, and how long it takes.
  const reference = path.join(box.home, 'reference');
  fs.cpSync(oldStore, reference, { recursive: true });
  const started = performance.now();
  expect(await importInto(reference, newFile).exited).toBe(0);
  const duration = performance.now() - started;
  const after = await exportOf(reference);
  expect(after).not.toBe(before);

  const outcomes = { old: 0, new: 0 };
  for (let run = 0; run < RUNS; run++) {
    const dir = path.join(box.home, `run-${run}`);
    fs.cpSync(oldStore, dir, { recursive: true });
    const { child, exited } = importInto(dir, newFile);
    // Spread over the whole import: reading the store and planning, then writing 10,000 files.
    await new Promise((resolve) => setTimeout(resolve, ((run + Math.random()) / RUNS) * duration));
    child.kill('SIGKILL');
    await exited;
    const result = await exportOf(dir);
    expect([before, after], `run ${run}`).toContain(result);
    outcomes[result === after ? 'new' : 'old']++;
    expect(fs.existsSync(path.join(dir, '.pending'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Both endings happen: kills early in the plan leave it old; later ones are rolled forward.
  console.log(`import killed ${RUNS} times: ${outcomes.old} fully old, ${outcomes.new} fully new`);
}, 300_000);
