// Issue 13: no accessibility violation on any page in any state (test/e2e/support/a11y.ts: the axe
// rules this needs), in light and dark, in real Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { launchExtension, type ExtensionBrowser } from './support/chromium.js';
import { sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;

async function popup(scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.open('popup.html');
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: 380, height: 560 });
  return page;
}

async function options(scheme: 'light' | 'dark', width = 1000): Promise<Page> {
  const page = await browser.open('options.html');
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width, height: 900 });
  await page.getByRole('heading', { name: 'Decay settings' }).waitFor();
  await page.locator('#setting-decayRatePerDay').waitFor();
  return page;
}

describe.each(['light', 'dark'] as const)('%s', (scheme) => {
  // A browser of its own for each scheme: each starts from an empty store.
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => browser?.close());

  it('the empty popup and the empty options page', async () => {
    const empty = await popup(scheme);
    await empty.getByRole('heading', { name: 'No trust data yet' }).waitFor();
    expect(await a11yViolations(empty)).toEqual([]);
    await empty.close();
    const page = await options(scheme);
    await page.getByText('The store is empty.').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('the options page: an import preview with rejected entries, a dialog, an error, 360 px', async () => {
    const page = await options(scheme);
    const bad = { ...sampleBundle(12), entities: [...sampleBundle(12).entities, ...Array.from({ length: 12 }, (_, i) => ({ entity_id: `mcp:bad-${i}`, talent: 'high' }))] };
    await page.setInputFiles('#import-file', { name: 'mixed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await page.getByRole('heading', { name: 'Preview of mixed.json' }).waitFor();
    await page.locator('.rejected summary').click();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Apply/ }).click();
    await page.getByText('Import complete').waitFor();
    await page.locator('.cell-id').first().waitFor();
    expect(await a11yViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Delete all data…' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.setInputFiles('#import-file', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
    await page.getByRole('alert').filter({ hasText: 'broken.json cannot be imported' }).waitFor();
    await page.getByLabel('Decay rate per day').fill('7');
    await page.getByText('Must be between 0 and 1.').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await a11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('the popup: list, filters open, no matches, detail', async () => {
    const page = await popup(scheme);
    await page.getByRole('listbox').getByRole('option').first().locator('.row-id').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /^Filters/ }).click();
    await page.getByRole('button', { name: /^lct/ }).click();
    await page.getByRole('searchbox').fill('nothing-like-this');
    await page.getByText('No entity matches these filters.').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('listbox').getByRole('option').filter({ hasText: 'mcp:filesystem' }).click();
    await page.getByText('Transitive trust').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the checker', () => {
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => browser?.close());

  it('flags what it looks for, so that an empty list means something', async () => {
    const page = await browser.open('popup.html');
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      main.insertAdjacentHTML('beforeend', `
        <p style="color:#bbb;background:#fff">faint</p>
        <input type="text">
        <div style="height:20px;overflow:auto"><p>1</p><p>2</p><p>3</p><p>4</p></div>
        <button></button>`);
      document.body.insertAdjacentHTML('beforeend', '<p>outside</p>');
    });
    const found = (await a11yViolations(page)).map((v) => v.split(':')[0]);
    expect(new Set(found)).toEqual(new Set(['color-contrast', 'label', 'scrollable-region-focusable', 'button-name', 'region']));
    await page.close();
  });
});
