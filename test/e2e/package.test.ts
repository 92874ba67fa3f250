import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, ensureBuilt, sandbox, type Sandbox } from './support/node-bin.js';

// What a user of the built package gets in plain node, with no TypeScript loader
// (`npm test` runs `npm run build:lib` first).
let box: Sandbox;
beforeAll(() => {
  ensureBuilt();
  box = sandbox();
});
afterAll(() => box.cleanup());

const runModule = (script: string, env?: NodeJS.ProcessEnv) =>
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT, env });

it('plain node imports the engine as web4-trust', () => {
  const out = runModule(`
    import { EntityTrust, MemoryTrustStore } from 'web4-trust';
    const e = new EntityTrust('mcp:filesystem', 0);
    e.updateFromOutcome(true, 0.1, 0);
    console.log(JSON.stringify([e.t3Average, e.trustLevel, typeof MemoryTrustStore]));`);
  const [t3, level, store] = JSON.parse(out) as [number, string, string];
  expect(t3).toBeCloseTo(0.5015, 12);
  expect([level, store]).toEqual(['medium', 'function']);
});

it('plain node imports web4-trust/node by name and writes the upstream layout', () => {
  const out = runModule(`
    import { FileTrustStore, defaultStoreDir } from 'web4-trust/node';
    const store = new FileTrustStore();
    await store.witness('session:abc', 'mcp:filesystem', true, 0.1);
    console.log(JSON.stringify([defaultStoreDir(), (await store.get('mcp:filesystem')).witnessCount]));`, box.env);
  expect(JSON.parse(out)).toEqual([box.store, 1]);
  expect(fs.readdirSync(box.store).filter((n) => n.endsWith('.json')).sort()).toEqual(['807abfaefec20c6f.json', 'a29d803b477eb420.json']);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(fs.statSync(path.join(ROOT, pkg.bin['web4-trust'])).mode & 0o111).not.toBe(0);
});
