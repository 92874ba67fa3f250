// Issue 13, items 2–4: the popup's detail in real Chromium shows every witness (not 10 of 16 under a
// heading of 16), no success rate for an entity with no outcomes, and the imports and sweeps that
// changed an entity in its history.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntityTrust, MS_PER_DAY, createBundle } from '../../core/index.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { value } from './support/extension-api.js';
import { bundleText } from './support/ui-bundles.js';

let browser: ExtensionBrowser;

const WITNESSES = Array.from({ length: 16 }, (_, i) => `session:w${String(i + 1).padStart(2, '0')}`);

beforeAll(async () => {
  browser = await launchExtension();
  const now = Date.now();
  const idle = EntityTrust.create('mcp:idle', now - 40 * MS_PER_DAY);
  idle.updateFromOutcome(true, 1, now - 40 * MS_PER_DAY);
  const options = await browser.open('options.html');
  const text = bundleText(createBundle([idle, EntityTrust.create('mcp:untried', now)], now));
  await options.setInputFiles('#import-file', { name: 'detail.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  for (const witness of WITNESSES) {
    await value(options, 'recordWitness', { witnessId: witness, targetId: 'mcp:popular', success: true, magnitude: 0.1 });
  }
  await options.close();
});
afterAll(async () => browser?.close());

async function openDetail(id: string): Promise<Page> {
  const popup = await browser.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.getByRole('searchbox').fill(id);
  await popup.getByRole('option').filter({ hasText: id }).first().click();
  await popup.getByRole('region', { name: id }).getByText('Transitive trust').waitFor();
  return popup;
}

describe('the detail view', () => {
  it('lists every witness its heading counts, ten first and the rest on request', async () => {
    const popup = await openDetail('mcp:popular');
    const witnessedBy = popup.getByRole('region', { name: 'Witnessed by' });
    expect(await witnessedBy.getByRole('heading').textContent()).toBe('Witnessed by 16');
    const links = witnessedBy.locator('.link-row .row-id');
    expect(await links.count()).toBe(10);
    await screenshot(popup, 'popup-detail-witnesses');
    await witnessedBy.getByRole('button', { name: 'Showing 10 of 16 · Show all' }).click();
    await expect.poll(() => links.count()).toBe(16);
    // Newest first: the last session to witness it leads.
    expect(await links.allTextContents()).toEqual([...WITNESSES].reverse());
    expect(await witnessedBy.getByRole('button', { name: /Show all/ }).count()).toBe(0);
    await popup.close();
  });

  it('shows no success rate for an entity with no outcomes, and says why', async () => {
    const popup = await openDetail('mcp:untried');
    const rate = popup.locator('.stat').filter({ hasText: 'Success rate' });
    expect(await rate.locator('dd').textContent()).toBe('—');
    expect(await rate.locator('dd').getAttribute('title')).toBe('No outcomes yet, so there is no success rate.');
    await popup.close();
  });

  it('shows in its history the import that added it and the sweep that decayed it', async () => {
    let popup = await openDetail('mcp:idle');
    const history = () => popup.locator('.history .history-what').allTextContents();
    expect(await history()).toEqual(['Imported']);
    await popup.close();

    const options = await browser.open('options.html');
    await value(options, 'sweepNow');
    await options.close();
    popup = await openDetail('mcp:idle');
    expect(await history()).toEqual(['Faded trust saved', 'Imported']);
    await screenshot(popup, 'popup-detail-history');
    await popup.close();

    // mcp:untried was active just now: the sweep did not change it, so it is not in its history.
    popup = await openDetail('mcp:untried');
    expect(await history()).toEqual(['Imported']);
    await popup.close();
  });
});
