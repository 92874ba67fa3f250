// Real Firefox ESR, the background cut off in the middle of its work, as Chrome's worker is in
// background.test.ts: a sweep resumes where it stopped, an import leaves the store fully old or
// fully new. Firefox offers no test hook to unload an event page on demand, so the extension is
// reloaded (`runtime.reload()`), which ends the background (and its pages) at once, then started
// again with its data.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EntityTrust, MS_PER_DAY } from '../../core/index.js';
import { value } from './support/extension-api.js';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';
import { readMeta, startLargeImport, waitFor } from './support/large-import.js';

const COUNT = 50_000;
let firefox: FirefoxExtension;
let page: Page;
beforeAll(async () => {
  firefox = await launchFirefoxExtension();
  page = await firefox.open('popup.html');
});
afterAll(async () => firefox?.close());

const template = (() => {
  const at = Date.now() - 30 * MS_PER_DAY;
  const entity = EntityTrust.create('mcp:template', at);
  for (let i = 0; i < 20; i++) entity.updateFromOutcome(true, 1, at);
  return entity.toJSON();
})();

/** Ends the background mid-work and opens a fresh page once the extension is back. */
async function cutOff(): Promise<void> {
  const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
  await page.evaluate(() => {
    (globalThis as unknown as { browser: { runtime: { reload(): void } } }).browser.runtime.reload();
  }).catch(() => {}); // the page goes away with the extension
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5000))]);
  // While the extension restarts, Firefox may discard a tab being opened: try again.
  for (let attempt = 1; ; attempt++) {
    try {
      page = await firefox.open('popup.html');
      return;
    } catch (error) {
      if (attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

interface Listed { total: number; byType: Record<string, number>; items: { entity_id: string }[] }
/**
 * What the store holds, by id and type. Not the averages: lists show each entity as it stands at the
 * moment of the read, which moves while the entities decay.
 */
const listed = async () => {
  const { total, byType, items } = await value<Listed>(page, 'listEntities', { sort: 'name', offset: 0, limit: 1 });
  return { total, byType, ids: items.map((item) => item.entity_id) };
};

it('a sweep cut off in the middle resumes where it stopped when the background starts again', async () => {
  await startLargeImport(page, template, 'mcp:server-', COUNT);
  await waitFor('the import', () => page.evaluate(() => (window as unknown as { importDone: unknown }).importDone !== 'pending'));
  expect(await page.evaluate(() => (window as unknown as { importDone: { ok: boolean } }).importDone.ok)).toBe(true);

  await page.evaluate(() => (globalThis as unknown as { browser: { alarms: { create(name: string, info: { when: number }): void } } })
    .browser.alarms.create('decay-sweep', { when: Date.now() + 50 }));
  const cursor = await waitFor('a sweep batch', async () => (await readMeta(page, 'sweep-cursor')) as { scanned: number } | null);
  expect(cursor.scanned, 'the sweep is under way').toBeLessThan(COUNT);
  const cutAt = Date.now();
  await cutOff();

  // Started again (by the page), the background finds the unfinished sweep and completes it: the
  // sweep's end comes after the cut, from a background started after it.
  const done = await waitFor('the resumed sweep', async () => (await readMeta(page, 'last-sweep')) as { scanned: number; changed: number; finished_at: number } | null, 120_000);
  expect(done).toMatchObject({ scanned: COUNT, changed: COUNT });
  expect(done.finished_at).toBeGreaterThan(cutAt);
  expect((await value<{ backgroundStartedAt: number }>(page, 'getStatus')).backgroundStartedAt).toBeGreaterThan(cutAt);
  expect(await readMeta(page, 'sweep-cursor')).toBeNull();
  expect((await listed()).total).toBe(COUNT);
});

it('an import cut off in the middle leaves the store fully old or fully new', async () => {
  const before = await listed();
  await startLargeImport(page, template, 'role:new-', COUNT);
  await cutOff();
  const after = await listed();
  if (after.byType.role === undefined) expect(after).toEqual(before);
  else expect(after).toEqual({ ...after, total: COUNT, byType: { role: COUNT } });
  console.log(`Firefox, import cut off midway: the store is fully ${after.byType.role === undefined ? 'old' : 'new'}`);
});
