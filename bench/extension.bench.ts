// The background in real Chromium, driven from an extension page through the typed API: outcomes
// and witnesses one call at a time, a 100,000-entity import, a sweep over 100,000 entities, and
// outcomes again in that large store.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EntityTrust, MS_PER_DAY } from '../core/index.js';
import { CHROME_BUILD, launchExtension } from '../test/e2e/support/chromium.js';
import type { ExtensionRuntime } from '../test/e2e/support/extension-api.js';
import { median, type Bench } from './harness.js';

const COUNT = 100_000;

/** In the page: `n` calls of `type`, one after the other; returns the elapsed ms. */
function timeCalls(page: Page, type: string, n: number, witness: boolean): Promise<number> {
  return page.evaluate(async ({ type, n, witness }) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
    const send = (data: unknown) => new Promise<{ res: { ok: boolean } }>((resolve) =>
      runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, (r) => resolve(r as { res: { ok: boolean } })));
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const data = witness
        ? { witnessId: `session:${i % 10}`, targetId: `mcp:server-${i % 50}`, success: i % 3 !== 0, magnitude: 0.5 }
        : { id: `mcp:server-${i % 50}`, success: i % 4 !== 0, magnitude: 0.3 };
      if (!(await send(data)).res.ok) throw new Error(`${type} failed`);
    }
    return performance.now() - started;
  }, { type, n, witness });
}

/** In the page: builds a `count`-entity bundle from `template`, then imports it as `callApi` does; returns the ms. */
function timeImport(page: Page, template: object, count: number): Promise<{ ms: number; chars: number }> {
  return page.evaluate(async ({ template, count }) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
    const entities = [];
    for (let i = 0; i < count; i++) entities.push({ ...template, entity_id: `mcp:server-${i}`, entity_name: `server-${i}` });
    const text = JSON.stringify({ format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00.000Z', entities });
    const send = (type: string, data: unknown) => new Promise<{ res: { ok: boolean; error?: { message: string } } }>((resolve) =>
      runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }, (r) => resolve(r as { res: { ok: boolean } })));
    const started = performance.now();
    const upload = `bench${Date.now()}`;
    const piece = 8 * 1024 * 1024;
    for (let index = 0; index * piece < text.length; index++) {
      await send('uploadChunk', { upload, index, text: text.slice(index * piece, (index + 1) * piece) });
    }
    const { res } = await send('importStore', { upload, mode: 'replace', dryRun: false });
    if (!res.ok) throw new Error(`import failed: ${res.error?.message}`);
    return { ms: performance.now() - started, chars: text.length };
  }, { template, count });
}

async function call(page: Page, type: string): Promise<{ ok: boolean; value: { duration_ms: number; scanned: number } }> {
  return page.evaluate((type) => new Promise((resolve) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
    runtime.sendMessage({ id: 1, type, timestamp: Date.now() }, (r) => resolve((r as { res: never }).res));
  }), type);
}

export default async function run(bench: Bench): Promise<void> {
  if (!existsSync(path.join(CHROME_BUILD, 'manifest.json'))) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  const browser = await launchExtension();
  try {
    const page = await browser.open('popup.html');
    // tsx keeps function names with a `__name` helper that the page does not have.
    await page.evaluate('globalThis.__name = (fn) => fn');

    await timeCalls(page, 'recordOutcome', 100, false); // warm-up
    const outcomeRuns = [];
    for (let run = 0; run < 5; run++) outcomeRuns.push(await timeCalls(page, 'recordOutcome', 1000, false));
    bench.report({ name: 'API recordOutcome × 1,000, one by one (Chromium)', value: median(outcomeRuns), unit: 'ms', target: '≤ 2000 ms' });

    const witnessRuns = [];
    for (let run = 0; run < 5; run++) witnessRuns.push(1000 / ((await timeCalls(page, 'recordWitness', 1000, true)) / 1000));
    bench.report({ name: 'API recordWitness, one by one (Chromium)', value: median(witnessRuns), unit: 'events/s' });

    // Entities idle for 30 days, so that the sweep changes every one of them.
    const at = Date.now() - 30 * MS_PER_DAY;
    const template = EntityTrust.create('mcp:template', at);
    for (let i = 0; i < 20; i++) template.updateFromOutcome(true, 1, at);
    const imported = await timeImport(page, template.toJSON(), COUNT);
    bench.report({
      name: `API importStore, ${COUNT.toLocaleString('en')} entities (${(imported.chars / 1e6).toFixed(0)} MB, replace)`,
      value: imported.ms / 1000, unit: 's', target: '≤ 10 s',
    });

    const started = performance.now();
    const sweep = await call(page, 'sweepNow');
    if (!sweep.ok || sweep.value.scanned !== COUNT) throw new Error('the sweep did not cover the store');
    bench.report({ name: `API sweepNow over ${COUNT.toLocaleString('en')} entities (all decayed)`, value: (performance.now() - started) / 1000, unit: 's', target: '≤ 10 s' });

    // With ~100 entities per bucket, each outcome rewrites its whole bucket.
    const largeRuns = [];
    for (let run = 0; run < 3; run++) largeRuns.push(await timeCalls(page, 'recordOutcome', 1000, false));
    bench.report({ name: `API recordOutcome × 1,000, ${COUNT.toLocaleString('en')} entities stored`, value: median(largeRuns), unit: 'ms' });
  } finally {
    await browser.close();
  }
}
