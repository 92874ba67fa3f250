import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium.js';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

it('loads the extension in real Chromium and opens its popup', async () => {
  const popup = await browser.open('popup.html');
  await expect(popup.title()).resolves.toBe('Web4 Trust');
  expect(await browser.worker.evaluate(() => self.location.host)).toBe(browser.extensionId);
});
