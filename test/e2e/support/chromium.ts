// Launches Debian's Chromium with the built extension (.output/chrome-mv3) through playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROME_BUILD = path.resolve('.output/chrome-mv3');
export const ARTIFACTS = path.resolve('tmp/artifacts');

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The background service worker; the same handle evaluates in a restarted worker. */
  worker: Worker;
  extensionId: string;
  /** Opens an extension page, e.g. `popup.html`. */
  open(page: string): Promise<Page>;
  /** Stops the service worker as Chrome does when it is idle, and waits until it has stopped. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function launchExtension(
  { userDataDir, colorScheme, env }: { userDataDir?: string; colorScheme?: 'light' | 'dark' | undefined; env?: NodeJS.ProcessEnv } = {},
): Promise<ExtensionBrowser> {
  mkdirSync('tmp', { recursive: true });
  const dir = userDataDir ?? mkdtempSync(path.resolve('tmp/chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    ...(colorScheme && { colorScheme }),
    // A scratch HOME for the native messaging host it starts (see the bridge tests).
    ...(env && { env: env as Record<string, string> }),
    args: [
      `--disable-extensions-except=${CHROME_BUILD}`,
      `--load-extension=${CHROME_BUILD}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;

  const open = async (page: string) => {
    const tab = await context.newPage();
    await tab.goto(`chrome-extension://${extensionId}/${page}`);
    return tab;
  };

  return {
    context,
    worker,
    extensionId,
    open,
    async stopWorker() {
      const page = context.pages().find((p) => p.url().startsWith('chrome-extension://')) ?? (await open('popup.html'));
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      const stopped = new Promise<void>((resolve) => {
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.some((v) => v.runningStatus === 'stopped')) resolve();
        });
      });
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
    },
    async close() {
      await context.close();
      if (!userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot under tmp/artifacts/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
