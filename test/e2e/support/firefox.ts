// Launches Debian's Firefox ESR with the built extension (.output/firefox-mv3) through
// puppeteer-core over WebDriver BiDi.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = path.resolve('.output/firefox-mv3');
/** `browser_specific_settings.gecko.id` in wxt.config.ts. */
export const GECKO_ID = 'web4-trust@web4.dev';

export interface FirefoxExtension {
  browser: Browser;
  /** `moz-extension://<uuid>/`: the uuid is fixed by a pref, so pages can be opened directly. */
  baseUrl: string;
  /** Where downloads land. */
  downloads: string;
  /** Opens an extension page, e.g. `popup.html`, and waits until it has loaded. */
  open(page: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefoxExtension(
  { backgroundIdleMs, env }: { backgroundIdleMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<FirefoxExtension> {
  mkdirSync('tmp', { recursive: true });
  const downloads = mkdtempSync(path.resolve('tmp/firefox-downloads-'));
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Without it, navigating to moz-extension:// is refused.
    args: ['--remote-allow-system-access'],
    // Firefox finds native messaging hosts only under ~/.mozilla: the bridge tests give it a scratch HOME.
    ...(env && { env: env as Record<string, string> }),
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.helperApps.neverAsk.saveToDisk': 'application/json',
      ...(backgroundIdleMs !== undefined && { 'extensions.background.idle.timeout': backgroundIdleMs }),
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const baseUrl = `moz-extension://${uuid}/`;

  const open = async (name: string) => {
    const page = await browser.newPage();
    const url = `${baseUrl}${name}`;
    // goto on a moz-extension URL loads the page but never resolves: start it and poll instead.
    page.goto(url, { timeout: 0 }).catch(() => {});
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        if (await page.evaluate((u) => location.href === u && document.readyState === 'complete', url)) break;
      } catch {
        // navigating
      }
      if (Date.now() > deadline) throw new Error(`${url} did not load`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await page.bringToFront();
    return page;
  };

  return {
    browser,
    baseUrl,
    downloads,
    open,
    async close() {
      await browser.close();
      rmSync(downloads, { recursive: true, force: true });
    },
  };
}
