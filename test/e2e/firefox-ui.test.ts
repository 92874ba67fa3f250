// The popup and options page in real Firefox ESR: an import through the options page shows up in
// the popup, and export → import → export works and gives the same file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let firefox: FirefoxExtension;
let options: Page;
beforeAll(async () => {
  firefox = await launchFirefoxExtension();
  options = await firefox.open('options.html');
});
afterAll(async () => firefox?.close());

const textOf = (page: Page, selector: string) =>
  page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''));

async function waitForText(page: Page, selector: string, text: string) {
  await page.waitForFunction(
    (s, t) => [...document.querySelectorAll(s)].some((n) => n.textContent?.includes(t)),
    { timeout: 30_000 }, selector, text,
  );
}

async function clickButton(page: Page, label: string) {
  await page.$$eval('button', (buttons, l) => {
    const button = buttons.find((b) => b.textContent?.trim().startsWith(l) && !b.disabled);
    if (!button) throw new Error(`no enabled button ${l}`);
    button.click();
  }, label);
}

async function chooseFile(file: string) {
  const input = await options.$('input#import-file');
  await input!.uploadFile(file);
}

/** Exports through the page and returns the downloaded file's text once Firefox has finished it. */
async function exportStore(): Promise<{ name: string; text: string }> {
  const before = new Set(readdirSync(firefox.downloads));
  await clickButton(options, 'Export');
  const deadline = Date.now() + 30_000;
  for (;;) {
    const done = readdirSync(firefox.downloads).find((f) => !before.has(f) && f.endsWith('.json'));
    const partial = readdirSync(firefox.downloads).some((f) => f.endsWith('.part'));
    if (done && !partial) return { name: done, text: readFileSync(path.join(firefox.downloads, done), 'utf8') };
    if (Date.now() > deadline) throw new Error('the export was never downloaded');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('imports a bundle through the options page and shows it in the popup', async () => {
  const file = path.resolve('tmp', 'firefox-sample.json');
  writeFileSync(file, bundleText(sampleBundle()));
  await chooseFile(file);
  await waitForText(options, '.preview h3', 'Preview of firefox-sample.json');
  expect(await textOf(options, '.tile[data-kind="added"] .tile-count')).toEqual(['10']);
  await clickButton(options, 'Apply: add 10');
  await waitForText(options, '.notice-success', 'Import complete');
  await clickButton(options, 'Import another file');

  const popup = await firefox.open('popup.html');
  await waitForText(popup, '.total', '10 entities');
  await waitForText(popup, '[role=option] .row-id', 'mcp:filesystem');
  expect((await textOf(popup, '[role=option] .row-id')).slice(0, 3)).toEqual(['session:7f3a9c', 'mcp:filesystem', 'role:reviewer']);
  expect(await textOf(popup, '[role=option] .badge')).toContain('High');
  await popup.close();
  await options.bringToFront();
});

it('exports, re-imports the export unchanged, and exports the same bytes again', async () => {
  const first = await exportStore();
  expect(first.name).toMatch(/^web4-trust-store-\d{4}-\d{2}-\d{2}(\(\d+\))?\.json$/);
  expect(JSON.parse(first.text).entities).toHaveLength(10);

  await chooseFile(path.join(firefox.downloads, first.name));
  await waitForText(options, '.preview h3', 'Preview of');
  expect(await textOf(options, '.tile[data-kind="unchanged"] .tile-count')).toEqual(['10']);
  // Replace mode with the same data: still nothing to change.
  await options.click('input[value="replace"]');
  // The radio follows the preview's mode, so it is checked once the replace dry run has come back.
  await options.waitForFunction(() => document.querySelector<HTMLInputElement>('input[value="replace"]')?.checked);
  expect(await textOf(options, '.tile[data-kind="removed"] .tile-count')).toEqual(['0']);
  expect(await textOf(options, '.tile[data-kind="unchanged"] .tile-count')).toEqual(['10']);
  await clickButton(options, 'Cancel');

  const second = await exportStore();
  expect(second.text).toBe(first.text);
  expect(existsSync(path.join(firefox.downloads, second.name))).toBe(true);
});
