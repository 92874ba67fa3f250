// Issue 13 in real Firefox ESR, where its engine could differ from Chromium's: the options page fits
// 360 px, the popup focuses search and remembers its filters, a dialog gives focus back, and axe-core
// finds no accessibility violation on any page.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations, axeViolations } from './support/a11y.js';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';
import { layoutProblems } from './support/layout.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let firefox: FirefoxExtension;
let options: Page;

const waitForText = (page: Page, selector: string, text: string) => page.waitForFunction(
  (s, t) => [...document.querySelectorAll(s)].some((n) => n.textContent?.includes(t)), { timeout: 30_000 }, selector, text);
const clickButton = (page: Page, label: string) => page.$$eval('button', (buttons, l) => {
  const button = buttons.find((b) => b.textContent?.trim().startsWith(l) && !b.disabled);
  if (!button) throw new Error(`no enabled button ${l}`);
  button.click();
}, label);

beforeAll(async () => {
  firefox = await launchFirefoxExtension();
  options = await firefox.open('options.html');
  const file = path.resolve('tmp', 'firefox-rough-edges.json');
  writeFileSync(file, bundleText(sampleBundle(60)));
  await (await options.$('input#import-file'))!.uploadFile(file);
  await waitForText(options, '.preview h3', 'Preview of');
  await clickButton(options, 'Apply: add 60');
  await waitForText(options, '.notice-success', 'Import complete');
  await waitForText(options, '.cell-id', 'mcp:filesystem');
});
afterAll(async () => firefox?.close());

describe('Firefox', () => {
  it('fits the options page in 360 px and 1600 px, with no accessibility violation', async () => {
    for (const width of [360, 1600]) {
      await options.setViewport({ width, height: 900 });
      expect(await layoutProblems(options)).toEqual([]);
    }
    expect(await a11yViolations(options)).toEqual([]);
  });

  it('gives focus back to the button that opened a dialog', async () => {
    await options.focus('.danger-zone .btn-danger');
    await options.keyboard.press('Enter');
    await options.waitForSelector('dialog[open]');
    await options.keyboard.press('Escape');
    await options.waitForFunction(() => !document.querySelector('dialog'));
    await options.waitForFunction(() => document.activeElement?.textContent === 'Delete all data…');
  });

  it('focuses search in the popup and remembers its filters for the next opening', async () => {
    let popup = await firefox.open('popup.html');
    await popup.setViewport({ width: 380, height: 560 });
    await waitForText(popup, '[role=option] .row-id', 'mcp:filesystem');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    expect(await a11yViolations(popup)).toEqual([]);
    await popup.type('input[type=search]', 'mcp:');
    await waitForText(popup, '.total', 'of 60 match');
    await popup.select('.sort select', 'name');
    await popup.waitForFunction(() => document.querySelector('[role=option] .row-id')?.textContent === 'mcp:filesystem');
    await popup.close();

    popup = await firefox.open('popup.html');
    await waitForText(popup, '.total', 'of 60 match');
    expect(await popup.$eval('input[type=search]', (input) => (input as HTMLInputElement).value)).toBe('mcp:');
    expect(await popup.$eval('.sort select', (select) => (select as HTMLSelectElement).value)).toBe('name');
    await popup.close();
  });

  it('runs axe itself, which finds a violation put there on purpose, so that an empty list means something', async () => {
    const popup = await firefox.open('popup.html');
    await popup.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button class="nameless"></button>'));
    const found = await axeViolations(popup);
    expect(found.map((v) => v.id)).toEqual(['button-name']);
    expect(found[0]!.nodes.map((n) => n.target)).toEqual([['.nameless']]);
    await popup.close();
  });
});
