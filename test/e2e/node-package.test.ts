import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, ensureBuilt, sandbox, type Sandbox } from './support/node-bin.js';

// What a user of `web4-trust/node` gets from the built package, in plain node.
let box: Sandbox;
beforeAll(() => {
  ensureBuilt();
  box = sandbox();
});
afterAll(() => box.cleanup());

it('plain node imports web4-trust/node by name and writes the upstream layout', () => {
  const script = `
    import { FileTrustStore, defaultStoreDir } from 'web4-trust/node';
    const store = new FileTrustStore();
    await store.witness('session:abc', 'mcp:filesystem', true, 0.1);
    console.log(JSON.stringify([defaultStoreDir(), (await store.get('mcp:filesystem')).witnessCount]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT, env: box.env });
  expect(JSON.parse(out)).toEqual([box.store, 1]);
  expect(fs.readdirSync(box.store).filter((n) => n.endsWith('.json')).sort()).toEqual(['807abfaefec20c6f.json', 'a29d803b477eb420.json']);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(fs.statSync(path.join(ROOT, pkg.bin['web4-trust'])).mode & 0o111).not.toBe(0);
});
