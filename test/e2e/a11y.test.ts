// Issue 13: axe-core reports no violation on any page in any state, in light and dark, in real Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, axeViolations, formatViolations } from './support/a11y.js';
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

  it('the options page: an import preview with rejected entries, dialogs, a sweep, an error, 360 px', async () => {
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

    await page.getByRole('button', { name: 'Save faded trust now…' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Save now' }).click();
    await page.getByText(/^Inactive trust last saved/).waitFor();
    expect(await a11yViolations(page)).toEqual([]);

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

  it('the help page', async () => {
    const page = await browser.open('help.html');
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('heading', { name: 'How well it acts (T3)' }).waitFor();
    expect(await a11yViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('the axe harness', () => {
  beforeAll(async () => {
    browser = await launchExtension();
  });
  afterAll(async () => browser?.close());

  it('fails on known violations, so that an empty list means something', async () => {
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
    const found = await axeViolations(page);
    expect(new Set(found.map((v) => v.id))).toEqual(new Set(['color-contrast', 'label', 'scrollable-region-focusable', 'button-name', 'region']));
    // Each line names the rule, its impact, the element and how to fix it.
    expect(formatViolations(found)).toContainEqual(expect.stringMatching(/^button-name \(critical\) \[".*button.*"\]: Buttons must have discernible text/));
    await page.close();
  });
});
