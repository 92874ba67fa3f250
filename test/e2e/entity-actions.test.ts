// Issue 13, item 13 in real Chromium: the options table sorts by column and jumps to any page; ids
// copy to the clipboard from the table and the popup; the popup's detail records a success or a
// failure and resets, without leaving it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  browser = await launchExtension();
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  options = await browser.open('options.html');
  await options.setViewportSize({ width: 1100, height: 900 });
  await options.setInputFiles('#import-file', { name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(120))) });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  await options.getByText('1–50 of 120').waitFor();
});
afterAll(async () => browser?.close());

const firstIds = async (n: number) => (await options.locator('tbody .cell-id .mono').allTextContents()).slice(0, n);
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('the options table', () => {
  it('sorts by trust either way and by recent activity from its column headers', async () => {
    const score = options.getByRole('columnheader', { name: /Trust score/ });
    await score.getByRole('button').click();
    await expect.poll(() => score.getAttribute('aria-sort')).toBe('descending');
    const scores = async () => (await options.locator('tbody .score-cell .num').allTextContents()).map(Number);
    await expect.poll(async () => (await scores())[0]).toBeGreaterThan(0.95);
    const down = await scores();
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await score.getByRole('button').click();
    await expect.poll(() => score.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => (await scores())[0]).toBeLessThan(0.05);

    const time = options.getByRole('columnheader', { name: /Last activity/ });
    await time.getByRole('button').click();
    await expect.poll(() => firstIds(2)).toEqual(['session:7f3a9c', 'lct:item-000010']);
    expect(await time.getAttribute('aria-sort')).toBe('descending');
    expect(await score.getAttribute('aria-sort')).toBe('none');
    await options.getByRole('columnheader', { name: /Entity/ }).getByRole('button').click();
    await expect.poll(() => firstIds(1)).toEqual(['agent:item-000011']);
  });

  it('jumps to any page, and to the first and last', async () => {
    const pager = options.getByRole('navigation', { name: 'Pages' });
    expect(await pager.textContent()).toContain('of 3');
    await pager.getByLabel('Page').fill('3');
    await pager.getByLabel('Page').press('Enter');
    await options.getByText('101–120 of 120').waitFor();
    expect(await pager.getByRole('button', { name: 'Last' }).isDisabled()).toBe(true);
    await pager.getByRole('button', { name: 'First' }).click();
    await options.getByText('1–50 of 120').waitFor();
    await pager.getByRole('button', { name: 'Last' }).click();
    await options.getByText('101–120 of 120').waitFor();
    await screenshot(options, 'options-table-sorted-paged');
    expect(await a11yViolations(options)).toEqual([]);
    await pager.getByRole('button', { name: 'First' }).click();
  });

  it('after deleting a row, leaves focus in the table (its search), not on the page', async () => {
    await options.getByRole('button', { name: 'Delete agent:item-000017' }).click();
    await options.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await options.getByText('Deleted agent:item-000017.').waitFor();
    await expect.poll(() => options.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search entities by id');
  });

  it('copies an id', async () => {
    await options.getByRole('button', { name: 'Copy agent:item-000011' }).click();
    await options.getByRole('row').filter({ hasText: 'agent:item-000011' }).getByText('Copied').waitFor();
    expect(await clipboard(options)).toBe('agent:item-000011');
  });
});

describe('the popup detail', () => {
  it('records a success and a failure and resets, in place, and copies its id', async () => {
    const popup = await browser.open('popup.html');
    await popup.setViewportSize({ width: 380, height: 560 });
    await popup.getByRole('searchbox').fill('localhost');
    await popup.getByRole('listbox').getByRole('option').filter({ hasText: 'localhost' }).click();
    const detail = popup.getByRole('region', { name: 'localhost' });
    const stat = (name: string) => detail.locator('.stat').filter({ hasText: name }).locator('dd');
    await expect.poll(() => stat('Actions').textContent()).toBe('0');

    await detail.getByRole('button', { name: 'Record a success of localhost' }).click();
    await expect.poll(() => stat('Actions').textContent()).toBe('1');
    expect(await stat('Successes').textContent()).toBe('1');
    expect(await detail.getByRole('status').filter({ hasText: 'Recorded' }).textContent()).toBe('Recorded a success.');
    await detail.getByRole('button', { name: 'Record a failure of localhost' }).click();
    await expect.poll(() => stat('Actions').textContent()).toBe('2');
    expect(await stat('Success rate').textContent()).toBe('50%');
    await screenshot(popup, 'popup-detail-actions');
    expect(await a11yViolations(popup)).toEqual([]);

    await detail.getByRole('button', { name: 'Reset…' }).click();
    await popup.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => stat('Actions').textContent()).toBe('0');
    expect(await stat('Success rate').textContent()).toBe('—');

    await detail.getByRole('button', { name: 'Copy localhost' }).click();
    await detail.getByText('Copied').waitFor();
    expect(await clipboard(popup)).toBe('localhost');
    await popup.close();
  });
});
