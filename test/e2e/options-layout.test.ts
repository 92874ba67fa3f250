// Issue 13, item 1: the options page fits every width from 360 px, the entity table included: no
// sideways scrolling, no id cut off, and every row's Reset and Delete in view.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { fullyVisible, layoutProblems } from './support/layout.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  browser = await launchExtension();
  options = await browser.open('options.html');
  await options.setInputFiles('#import-file', {
    name: 'sixty.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(60))),
  });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  await options.locator('.cell-id').filter({ hasText: 'ref:docs/architecture.md' }).waitFor();
});
afterAll(async () => browser?.close());

describe('the options page at every width', () => {
  it.each([360, 600, 1000, 1600])('fits %i px: nothing scrolls sideways or is cut off, every Delete in view', async (width) => {
    await options.setViewportSize({ width, height: 900 });
    expect(await layoutProblems(options)).toEqual([]);
    const rows = options.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    for (const row of (await rows.all()).slice(0, 12)) {
      await row.scrollIntoViewIfNeeded();
      expect(await fullyVisible(row.getByRole('button', { name: /^Delete / }))).toBe(true);
      expect(await fullyVisible(row.getByRole('button', { name: /^Reset / }))).toBe(true);
      expect(await fullyVisible(row.locator('.cell-id .mono'))).toBe(true);
    }
    await options.locator('.entity-table').scrollIntoViewIfNeeded();
    await screenshot(options, `options-table-${width}px`);
  });
});
