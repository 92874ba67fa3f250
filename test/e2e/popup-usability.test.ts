// Issue 13, items 9, 10, 12 and 14 on the popup in real Chromium at its 380 × 560: the list gets
// most of the height; new filters scroll it to the top and say "N of M match" in a live region;
// search has the focus on opening and filters and sort are remembered; an open detail leaves no
// hidden button in the tab order, and the popup has landmarks.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
  const options = await browser.open('options.html');
  await options.setInputFiles('#import-file', { name: 'thousand.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(1000))) });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  await options.close();
});
afterAll(async () => browser?.close());

async function openPopup(): Promise<Page> {
  const popup = await browser.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.getByRole('listbox').getByRole('option').first().locator('.row-id').waitFor();
  return popup;
}

const rowIds = (popup: Page) => popup.getByRole('listbox').getByRole('option').locator('.row-id').allTextContents();

describe('the popup', () => {
  it('gives the list most of its height, and focuses search on opening', async () => {
    const popup = await openPopup();
    const list = await popup.getByRole('listbox').boundingBox();
    expect(list!.height / 560).toBeGreaterThan(0.7);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    expect(await popup.getByRole('banner').count()).toBe(1);
    expect(await popup.getByRole('main').count()).toBe(1);
    expect(await popup.getByRole('search').count()).toBe(1);
    await screenshot(popup, 'popup-compact-header');
    await popup.close();
  });

  it('scrolls a filtered list back to the top and says how many match, for screen readers too', async () => {
    const popup = await openPopup();
    const list = popup.getByRole('listbox');
    await list.evaluate((el) => el.scrollTo(0, 5000));
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(4000);
    await popup.getByRole('searchbox').fill('mcp:');
    const status = popup.getByRole('status').filter({ hasText: 'match' });
    await expect.poll(() => status.textContent()).toBe('168 of 1,000 match');
    expect(await list.evaluate((el) => el.scrollTop)).toBe(0);
    expect((await rowIds(popup))[0]).toMatch(/^mcp:/);
    await popup.close();
  });

  it('remembers search, type, level and sort for the next opening', async () => {
    let popup = await openPopup();
    // Kept from the previous test.
    expect(await popup.getByRole('searchbox').inputValue()).toBe('mcp:');
    await popup.getByRole('searchbox').fill('');
    await popup.getByRole('button', { name: 'Filters' }).click();
    await popup.getByRole('button', { name: /^role/ }).click();
    await popup.getByLabel('Sort order').selectOption('name');
    await expect.poll(async () => (await rowIds(popup))[0]).toBe('role:deployer');
    await popup.close();

    popup = await openPopup();
    expect(await popup.getByLabel('Sort order').inputValue()).toBe('name');
    expect(await popup.getByRole('button', { name: /^role/ }).getAttribute('aria-pressed')).toBe('true');
    expect(await popup.getByRole('button', { name: 'Filters (1)' }).getAttribute('aria-expanded')).toBe('true');
    expect((await rowIds(popup)).slice(0, 2)).toEqual(['role:deployer', 'role:item-000013']);
    await popup.getByRole('button', { name: /^role/ }).click();
    await popup.getByLabel('Sort order').selectOption('recent');
    await popup.close();
  });

  it('leaves no hidden button in the tab order while a detail is open', async () => {
    const popup = await openPopup();
    await popup.getByRole('listbox').getByRole('option').first().click();
    await popup.getByText('Transitive trust').waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 25; i++) {
      await popup.keyboard.press('Tab');
      focused.push(await popup.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'body';
        const box = el.getBoundingClientRect();
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        const seen = hit !== null && (hit === el || el.contains(hit) || el.closest('.detail-body') !== null);
        return `${el.getAttribute('aria-label') ?? el.textContent?.trim()}${seen ? '' : ' (hidden)'}`;
      }));
    }
    expect(focused).not.toContain('Settings and data (hidden)');
    expect(focused.filter((f) => f.endsWith('(hidden)'))).toEqual([]);
    await popup.close();
  });
});
