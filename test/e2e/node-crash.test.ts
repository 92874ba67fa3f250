import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENTITY_FILE_NAME, FileTrustStore, examineStore, parseEntityFile } from '../../node/index.js';
import { ROOT, ensureBuilt, sandbox, type Sandbox } from './support/node-bin.js';

// A writer killed with SIGKILL at random moments never leaves a corrupt file, and the next process
// takes over the locks it held at once (its owner is gone).

let box: Sandbox;
beforeAll(() => {
  ensureBuilt();
  box = sandbox();
});
afterAll(() => box.cleanup());

const WRITER = path.join(ROOT, 'test/e2e/support/node-crash-writer.mjs');
const RUNS = 50;

it(`leaves 0 corrupt files after ${RUNS} SIGKILLs during writes`, async () => {
  const dir = box.store;
  let corrupt = 0;
  let lastTotal = 0;
  for (let run = 0; run < RUNS; run++) {
    const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early with ${code}`)));
    });
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;

    for (const name of fs.readdirSync(dir).filter((n) => ENTITY_FILE_NAME.test(n))) {
      try {
        parseEntityFile(fs.readFileSync(path.join(dir, name), 'utf8'), path.join(dir, name), name);
      } catch (error) {
        corrupt++;
        console.error(`run ${run}: ${(error as Error).message}`);
      }
    }
    // Nothing recorded before is lost either.
    const total = (await new FileTrustStore(dir).list()).reduce((sum, e) => sum + e.witnessCount + e.actionCount, 0);
    expect(total).toBeGreaterThanOrEqual(lastTotal);
    lastTotal = total;
  }
  expect(corrupt).toBe(0);
  expect(lastTotal).toBeGreaterThan(RUNS);
  const { entities, findings } = examineStore(dir);
  expect(entities).toBe(4);
  // Interrupted writes may leave temp files and the locks of the last writer; never a corrupt entity.
  expect(findings.filter((f) => f.kind === 'corrupt' || f.kind === 'foreign')).toEqual([]);
}, 120_000);
