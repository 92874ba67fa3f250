// The popup's Calls and failures sort in real Firefox ESR: call evidence imported through the options
// page shows in the detail view, and the list sorts by failed calls.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { BY_FAILURES, callsBundle } from './support/call-bundles.js';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';
import { bundleText } from './support/ui-bundles.js';

let firefox: FirefoxExtension;

const textOf = (page: Page, selector: string) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''));
const waitForText = (page: Page, selector: string, text: string) => page.waitForFunction(
  (s, t) => [...document.querySelectorAll(s)].some((n) => n.textContent?.includes(t)), { timeout: 30_000 }, selector, text);
const clickButton = (page: Page, label: string) => page.$$eval('button', (buttons, l) => {
  const button = buttons.find((b) => b.textContent?.trim().startsWith(l) && !b.disabled);
  if (!button) throw new Error(`no enabled button ${l}`);
  button.click();
}, label);

beforeAll(async () => {
  firefox = await launchFirefoxExtension();
  const options = await firefox.open('options.html');
  const file = path.resolve('tmp', 'firefox-calls.json');
  writeFileSync(file, bundleText(callsBundle()));
  await (await options.$('input#import-file'))!.uploadFile(file);
  await waitForText(options, '.preview h3', 'Preview of firefox-calls.json');
  await clickButton(options, 'Apply: add 6');
  await waitForText(options, '.notice-success', 'Import complete');
  await options.close();
});
afterAll(async () => firefox?.close());

it('shows the calls of an entity, each tool and the recent failures in words', async () => {
  const popup = await firefox.open('popup.html');
  await popup.setViewport({ width: 380, height: 560 });
  await waitForText(popup, '[role=option] .row-id', 'mcp:github');
  await popup.$$eval('[role=option]', (rows) => (rows.find((r) => r.textContent?.includes('mcp:github')) as HTMLElement).click());
  await popup.waitForSelector('.calls .tool-table');
  expect(await textOf(popup, '.calls .stat dd')).toEqual(['10', '3', '70%', '30% failed', '120 ms', '30 sec']);
  expect(await popup.$$eval('.calls tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)))).toEqual([
    ['create_issue', '6', '2', '120 ms', '30 sec', 'Error from the tool'],
    ['list_issues', '3', '0', '100 ms', '150 ms', 'none'],
    ['search_code', '1', '1', '200 ms', '200 ms', 'Server unreachable'],
  ]);
  expect(await textOf(popup, '.call-failures .history-what')).toEqual([
    'create_issue · Error from the tool', 'create_issue · Timed out', 'search_code · Server unreachable',
  ]);
  expect(await a11yViolations(popup)).toEqual([]);
  await popup.close();
});

it('sorts the list by failed calls', async () => {
  const popup = await firefox.open('popup.html');
  await waitForText(popup, '[role=option] .row-id', 'mcp:github');
  await popup.select('.sort select', 'failures');
  await popup.waitForFunction((expected) =>
    [...document.querySelectorAll('[role=option] .row-id')].map((n) => n.textContent).join() === expected, { timeout: 30_000 }, BY_FAILURES.join());
  expect(await textOf(popup, '[role=option] .row-failures')).toEqual(['3 failed calls', '2 failed calls', '1 failed call']);
  await popup.close();
});
