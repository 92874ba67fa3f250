// Trust moves between the CLI's ~/.web4 folder and the extension through the bundle format: a CLI
// export imports in the extension (real Chromium) and the extension's export imports in the CLI,
// and each side then exports the very same bytes.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium.js';
import { value } from './support/extension-api.js';
import { ROOT, ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

let box: Sandbox;
let browser: ExtensionBrowser;
let page: Page;
beforeAll(async () => {
  ensureBuilt();
  box = sandbox();
  browser = await launchExtension();
  page = await browser.open('options.html');
});
afterAll(async () => {
  await browser?.close();
  box?.cleanup();
});

async function cli(...args: string[]): Promise<string> {
  const run = await runBin(args, { env: box.env });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
}

/** The bundle as `web4-trust export` writes it. */
const asCliText = (bundle: unknown) => `${JSON.stringify(bundle, null, 2)}\n`;

it('imports a CLI export in the extension with identical entities', async () => {
  // Upstream's legacy 6-D files in the folder, plus trust the CLI records itself.
  fs.cpSync(path.join(ROOT, 'test/fixtures/upstream/python-6d'), box.store, { recursive: true });
  fs.rmSync(path.join(box.store, 'INDEX.json'));
  await cli('witness', 'session:cli', 'mcp:filesystem', '--success', '--magnitude', '0.4');
  await cli('update', 'role:code-reviewer', '--failure');
  const file = path.join(box.home, 'from-cli.json');
  await cli('export', '--out', file);
  const text = fs.readFileSync(file, 'utf8');
  const ids = JSON.parse(text).entities.map((e: { entity_id: string }) => e.entity_id);
  expect(ids).toHaveLength(11);

  const summary = await value<{ added: string[]; rejected: unknown[] }>(page, 'importStore', { text, mode: 'replace', dryRun: false });
  expect(summary.rejected).toEqual([]);
  expect(summary.added.sort()).toEqual([...ids].sort());
  expect(asCliText(await value(page, 'exportStore'))).toBe(text);
});

it("imports the extension's export in the CLI with identical entities", async () => {
  await value(page, 'recordWitness', { witnessId: 'session:browser', targetId: 'mcp:github', success: false, magnitude: 0.3 });
  await value(page, 'recordOutcome', { id: 'mcp:filesystem', success: true, magnitude: 0.2 });
  const bundle = await value<{ entities: { entity_id: string }[] }>(page, 'exportStore');
  expect(bundle.entities.map((e) => e.entity_id)).toEqual(expect.arrayContaining(['session:browser', 'mcp:github', 'session:cli']));
  const file = path.join(box.home, 'from-extension.json');
  fs.writeFileSync(file, JSON.stringify(bundle));

  const other = path.join(box.home, 'other-store');
  expect(await cli('import', file, '--store', other)).toMatch(new RegExp(`added +${bundle.entities.length} `));
  expect(await cli('export', '--store', other)).toBe(asCliText(bundle));
  // Merging it into the folder it came from changes what the browser changed, nothing else.
  const merged = JSON.parse(await cli('import', file, '--json'));
  expect(merged.added).toEqual(['session:browser']);
  expect(merged.updated.sort()).toEqual(['mcp:filesystem', 'mcp:github']);
  expect(await cli('export')).toBe(asCliText(bundle));
});
