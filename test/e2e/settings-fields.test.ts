// Issue 13, item 8: the settings' number fields behave the same in Chromium and Firefox: letters never
// get in, and the sweep period has one minimum (1 minute) in both, with the browsers' limit explained.
import type { Page } from 'playwright-core';
import type { Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';

const PERIOD = '#setting-sweepPeriodMinutes';
const HELP = '#setting-sweepPeriodMinutes-help';
const ERROR = '#setting-sweepPeriodMinutes-error';
const LIMIT = 'Browsers wake an extension at most once a minute (Firefox; Chrome every 30 seconds), so 1 minute is the shortest in both. Allowed: 1 to 10,080.';

describe('in Chromium', () => {
  let browser: ExtensionBrowser;
  let options: Page;
  beforeAll(async () => {
    browser = await launchExtension();
    options = await browser.open('options.html');
    await options.locator(PERIOD).waitFor();
  });
  afterAll(async () => browser?.close());

  it('keeps letters out of number fields and allows a sweep period from 1 minute', async () => {
    const period = options.locator(PERIOD);
    await period.fill('');
    await period.pressSequentially('1a5x');
    expect(await period.inputValue()).toBe('15');
    expect(await options.locator(HELP).textContent()).toContain(LIMIT);
    await period.fill('0.5');
    expect(await options.locator(ERROR).textContent()).toBe('Must be between 1 and 10,080.');
    await screenshot(options, 'options-sweep-period-chromium');
  });
});

describe('in Firefox', () => {
  let firefox: FirefoxExtension;
  let options: FirefoxPage;
  beforeAll(async () => {
    firefox = await launchFirefoxExtension();
    options = await firefox.open('options.html');
    await options.waitForSelector(PERIOD);
  });
  afterAll(async () => firefox?.close());

  const valueOf = () => options.$eval(PERIOD, (input) => (input as HTMLInputElement).value);
  const textOf = (selector: string) => options.$eval(selector, (node) => node.textContent);

  it('keeps letters out of number fields and has the same minimum and explanation as Chromium', async () => {
    await options.click(PERIOD, { count: 3 });
    await options.keyboard.press('Backspace');
    await options.type(PERIOD, '1a5x');
    expect(await valueOf()).toBe('15');
    expect(await textOf(HELP)).toContain(LIMIT);
    await options.click(PERIOD, { count: 3 });
    await options.keyboard.press('Backspace');
    await options.type(PERIOD, '0.5');
    await options.waitForSelector(ERROR);
    expect(await textOf(ERROR)).toBe('Must be between 1 and 10,080.');
  });
});
