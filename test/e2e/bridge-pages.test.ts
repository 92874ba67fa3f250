// The pages' side of the live bridge in real Chromium, with no native host installed: the popup's
// line says "Local only · install the bridge"; the options page's "This computer" says why, gives the
// command to run and a Sync now that reports the host is not installed; and a `storeChanged`
// notification (sent here from the worker, as the bridge does when this computer's store changed)
// makes the popup's list and detail read their figures again in place, with no jump and no flicker.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { value } from './support/extension-api.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;

beforeAll(async () => {
  // Chromium would find a host installed for this user (`web4-trust bridge install`) or system-wide.
  for (const dir of [path.join(os.homedir(), '.config/chromium/NativeMessagingHosts'), '/etc/chromium/native-messaging-hosts']) {
    expect(existsSync(path.join(dir, 'web4_trust.json')), `no bridge host installed in ${dir}`).toBe(false);
  }
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

async function openPopup(): Promise<Page> {
  const popup = await browser.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  return popup;
}

/** Sends a page notification from the background, in the messaging library's format. */
async function notifyPages(type: 'storeChanged' | 'bridgeStatus', data?: unknown) {
  await browser.worker.evaluate(async ({ type, data }) => {
    const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome;
    // Rejects when no page listens; the pages here do.
    await runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }).catch(() => {});
  }, { type, data });
}

describe('without the bridge installed', () => {
  it('the popup says it works locally and what to do, in one quiet line', async () => {
    const popup = await openPopup();
    const line = popup.locator('.bridge-line');
    await expect.poll(() => line.textContent(), { timeout: 10_000 }).toBe('Local only · install the bridge');
    expect(await line.getAttribute('role')).toBe('status');
    expect(await line.getAttribute('aria-live')).toBe('polite');
    // One line, in the header.
    expect((await line.boundingBox())!.height).toBeLessThanOrEqual(20);
    expect(await popup.getByRole('banner').locator('.bridge-line').count()).toBe(1);
    expect(await a11yViolations(popup)).toEqual([]);
    await screenshot(popup, 'popup-bridge-local');
    await popup.close();
  });

  it('the options page says why, gives the command with Copy, and Sync now reports that the host is not installed', async () => {
    const options = await browser.open('options.html');
    await options.setViewportSize({ width: 1000, height: 900 });
    const section = options.getByRole('region', { name: 'This computer' });
    await section.getByText('The bridge is not installed on this computer').waitFor({ timeout: 10_000 });
    expect(await section.locator('.bridge-state-label').textContent()).toBe('Local only');
    expect(await section.locator('.command code').textContent()).toBe('npm i -g web4-trust && web4-trust bridge install');
    await section.getByRole('button', { name: 'Copy the command' }).waitFor();
    expect(await section.locator('.facts').innerText()).toMatch(/Store\s+not connected yet/);
    await expect.poll(() => section.locator('.facts').innerText()).toMatch(/Entities\s+this browser: 0 · this computer: not counted yet/);
    expect(await section.locator('.facts').innerText()).toMatch(/Last sync\s+never[\s\S]*Changes waiting\s+none/);

    // The browser's own words are the technical detail.
    const details = section.locator('details.error-detail');
    expect(await details.locator('.mono').isVisible()).toBe(false);
    await details.locator('summary').click();
    expect(await details.locator('.mono').textContent()).toMatch(/native messaging host/i);

    const sync = section.getByRole('button', { name: 'Sync now' });
    await sync.click();
    const failed = section.getByRole('alert').filter({ hasText: 'Could not sync' });
    await failed.waitFor({ timeout: 10_000 });
    expect(await failed.textContent()).toBe('Could not sync: the bridge is not installed on this computer.');
    expect(await sync.isEnabled()).toBe(true);
    expect(await a11yViolations(options)).toEqual([]);
    await screenshot(options, 'options-this-computer-local');

    await options.emulateMedia({ colorScheme: 'dark' });
    expect(await a11yViolations(options)).toEqual([]);
    await options.setViewportSize({ width: 360, height: 800 });
    expect(await a11yViolations(options)).toEqual([]);
    await screenshot(options, 'options-this-computer-narrow-dark');
    await options.close();
  });
});

describe('when this computer\'s store changed', () => {
  let options: Page;
  beforeAll(async () => {
    options = await browser.open('options.html');
    await options.setInputFiles('#import-file', { name: 'thousand.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(1000))) });
    await options.getByRole('button', { name: /^Apply/ }).click();
    await options.getByText('Import complete').waitFor();
  });
  afterAll(async () => options?.close());

  it('the popup\'s list reads its rows and counts again where it is: same scroll, same focus, no placeholder', async () => {
    const popup = await openPopup();
    await popup.getByLabel('Sort order').selectOption('name');
    const list = popup.getByRole('listbox');
    await list.getByRole('option').first().locator('.row-id').waitFor();
    await expect.poll(() => popup.locator('.total').textContent()).toBe('1,000 entities');
    // Somewhere in the middle, on the second page of rows, with the keyboard's focus on the list.
    await list.evaluate((el) => el.scrollTo(0, 150 * 56));
    await list.focus();
    const row = list.locator('[role=option][aria-posinset="160"]');
    await row.locator('.row-id').waitFor();
    const id = (await row.locator('.row-id').textContent())!;
    const scoreBefore = await row.locator('.num').textContent();
    const scrollTop = await list.evaluate((el) => el.scrollTop);

    // Elsewhere (as the command line would): that entity fails badly and a new entity arrives.
    for (let i = 0; i < 3; i++) await value(options, 'recordOutcome', { id, success: false, magnitude: 1 });
    await value(options, 'recordOutcome', { id: 'aaa:new-arrival', success: true, magnitude: 0.1 });
    // Watch for any row that loses its content while the list reads again.
    await popup.evaluate(() => {
      const w = window as unknown as { placeholders: number };
      w.placeholders = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && (n.matches('.row-placeholder') || n.querySelector('.row-placeholder'))) w.placeholders++;
      }).observe(document.querySelector('[role=listbox]')!, { childList: true, subtree: true });
    });
    await notifyPages('storeChanged');

    await expect.poll(() => popup.locator('.total').textContent()).toBe('1,001 entities');
    // One more row sorts before it: the same position now holds the row that was above it.
    await expect.poll(() => list.locator('[role=option][aria-posinset="161"] .row-id').textContent()).toBe(id);
    expect(await list.locator('[role=option][aria-posinset="161"] .num').first().textContent()).not.toBe(scoreBefore);
    expect(await list.evaluate((el) => el.scrollTop)).toBe(scrollTop);
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    expect(await popup.evaluate(() => (window as unknown as { placeholders: number }).placeholders)).toBe(0);
    await popup.close();
  });

  it('an open detail reads its figures again in place', async () => {
    const popup = await openPopup();
    await popup.getByRole('searchbox').fill('mcp:filesystem');
    await popup.getByRole('listbox').getByRole('option').filter({ hasText: 'mcp:filesystem' }).click();
    const actions = popup.locator('.stat').filter({ hasText: 'Actions' }).locator('dd');
    await actions.waitFor();
    const before = Number((await actions.textContent())!.replace(/,/g, ''));
    const back = popup.getByRole('button', { name: 'Back' });
    await expect.poll(() => back.evaluate((el) => el === document.activeElement)).toBe(true);

    await value(options, 'recordOutcome', { id: 'mcp:filesystem', success: true, magnitude: 0.1 });
    await notifyPages('storeChanged');
    await expect.poll(() => actions.textContent()).toBe(String(before + 1));
    // The view stayed: no skeleton, the focus where it was.
    expect(await popup.locator('.detail-skeleton').count()).toBe(0);
    expect(await back.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.close();
  });

  it('the options page\'s table and counts follow too', async () => {
    await options.reload();
    const section = options.getByRole('region', { name: 'This computer' });
    await expect.poll(() => section.locator('.facts').innerText()).toMatch(/this browser: 1,001/);
    await value(options, 'recordOutcome', { id: 'aab:another', success: true, magnitude: 0.1 });
    await notifyPages('storeChanged');
    await expect.poll(() => section.locator('.facts').innerText()).toMatch(/this browser: 1,002/);
    await expect.poll(() => options.locator('.table-tools').innerText()).toMatch(/of 1,002/);
  });
});
