// Issue 13, items 7, 14 and 17 on the options page in real Chromium: saving decay asks first, saying
// how many entities it covers; delete all says how many entities go, takes the word in any case and
// offers an export first; closing a dialog gives focus back to its button; errors are shown in the
// page's language, not the background's English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { api, type ExtensionRuntime } from './support/extension-api.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  browser = await launchExtension();
  options = await browser.open('options.html');
  await options.setViewportSize({ width: 1000, height: 900 });
  await options.setInputFiles('#import-file', { name: 'twelve.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(12))) });
  await options.getByRole('button', { name: 'Apply: add 12' }).click();
  await options.getByText('Import complete').waitFor();
  await options.getByRole('button', { name: 'Import another file' }).click();
});
afterAll(async () => browser?.close());

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? document.activeElement?.tagName);

describe('saving decay now', () => {
  it('asks first, says what it will do, and gives focus back when cancelled', async () => {
    const run = options.getByRole('button', { name: 'Save faded trust now…' });
    await run.click();
    const dialog = options.getByRole('dialog', { name: 'Save faded trust now?' });
    await dialog.waitFor();
    // It says how many entities the sweep covers, and how many of them are sessions it may delete.
    expect(await dialog.locator('.dialog-body').innerText()).toBe([
      'Lists already show trust as it stands now. This checks all 12 entities in the store and saves the faded scores of the inactive ones, as the background does on its own every sweep period.',
      'It also deletes the 1 session entity if it has been inactive for more than 90 days. This cannot be undone.',
    ].join('\n\n'));
    await screenshot(options, 'options-decay-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => focusedText(options)).toBe('Save faded trust now…');
    // Nothing ran.
    expect(await options.locator('.last-sweep').textContent()).toBe('Fading trust has not been saved yet.');

    await run.click();
    await dialog.getByRole('button', { name: 'Save now' }).click();
    await options.getByText(/^Inactive trust last saved/).waitFor();
    expect(await options.locator('.decay-panel .muted').textContent()).toMatch(/^12 entities checked, \d+ saved with their faded trust, 0 idle sessions removed\.$/);
  });
});

describe('delete all', () => {
  it('names how many entities go, offers an export first, and takes the word in any case', async () => {
    await options.getByRole('button', { name: 'Delete all data…' }).click();
    const dialog = options.getByRole('dialog', { name: 'Delete all trust data?' });
    await dialog.waitFor();
    expect(await dialog.locator('.dialog-body').textContent()).toContain('All 12 entities in the store and their history will be removed from this browser.');

    const [download] = await Promise.all([options.waitForEvent('download'), dialog.getByRole('button', { name: 'Export first' }).click()]);
    const file = path.resolve('tmp', `export-first-${Date.now()}.json`);
    await download.saveAs(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).entities).toHaveLength(12);
    await dialog.getByText(/^Saved 12 entities as web4-trust-store-/).waitFor();

    const confirm = dialog.getByRole('button', { name: 'Delete everything' });
    await dialog.getByRole('textbox', { name: 'Type DELETE to confirm (in any case)' }).fill('delete');
    expect(await confirm.isEnabled()).toBe(true);
    await screenshot(options, 'options-delete-all-confirm');
    await confirm.click();
    await options.getByText('Deleted 12 entities.').waitFor();
    // Focus is back on the button that opened the dialog, not lost to the page.
    await expect.poll(() => focusedText(options)).toBe('Delete all data…');
  });
});

describe('saving decay in an empty store', () => {
  it('says there is nothing to save', async () => {
    await options.getByRole('button', { name: 'Save faded trust now…' }).click();
    const dialog = options.getByRole('dialog', { name: 'Save faded trust now?' });
    expect(await dialog.locator('.dialog-body').innerText()).toBe('The store holds no entities, so there is nothing to save.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('errors', () => {
  it('are said in the page\'s words, with the background\'s technical text only as details', async () => {
    const file = JSON.stringify({ format: 'web4-trust-store', version: 7, entities: [] });
    await options.setInputFiles('#import-file', { name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    const alert = options.getByRole('alert').filter({ hasText: 'future.json cannot be imported' });
    await alert.waitFor();
    expect(await alert.locator('.error-message').textContent())
      .toBe('The file is a store of format version 7, newer than this version of Web4 Trust reads. Update the extension, then import it.');
    expect(await alert.locator('.error-detail').isVisible()).toBe(true);
    expect(await alert.locator('.error-detail .mono').isVisible()).toBe(false);
    await options.getByRole('button', { name: 'Choose another file' }).click();
  });

  it('name the field the background refused and why, in words, not "could not understand this request"', async () => {
    // A background whose bounds differ from the page's (an update between the two): the page's
    // grace period goes out as one the real background refuses.
    await options.evaluate(() => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
      const send = runtime.sendMessage.bind(runtime) as (message: unknown, ...rest: unknown[]) => unknown;
      Object.assign(runtime, {
        sendMessage: (message: { type?: string; data?: Record<string, unknown> }, ...rest: unknown[]) =>
          send(message.type === 'setSettings' ? { ...message, data: { ...message.data, graceDays: 5000 } } : message, ...rest),
      });
    });
    const grace = options.getByLabel('Grace period');
    await grace.fill('5');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    const refusal = 'The extension refused this request: Grace period must be at most 3,650. Reload the page and try again.';
    await options.getByText(refusal).waitFor();
    // Said at the field too, and gone once the field changes.
    const fieldError = options.locator('#setting-graceDays-error');
    expect(await fieldError.textContent()).toBe('Grace period must be at most 3,650');
    expect(await grace.getAttribute('aria-invalid')).toBe('true');
    await screenshot(options, 'options-settings-refused');
    await grace.fill('4');
    await fieldError.waitFor({ state: 'detached' });
    await options.reload();
  });

  it('from a request the background refuses, say each field and problem', async () => {
    const empty = await api<{ ok: false; error: { code: string; issues: unknown[] } }>(options, 'getEntity', { id: '', depth: 0, extra: 1 });
    expect(empty.error.code).toBe('invalid-request');
    expect(empty.error.issues).toEqual([
      { field: 'id', problem: 'empty' },
      { field: 'depth', problem: 'too-small', params: ['1'] },
      { field: 'extra', problem: 'unknown-field' },
    ]);
    const list = await api<{ ok: false; error: { issues: unknown[] } }>(options, 'listEntities', { sort: 'size', offset: 0 });
    expect(list.error.issues).toEqual([
      { field: 'sort', problem: 'not-one-of', params: ['trust-desc', 'trust-asc', 'recent', 'name', 'failures'] },
      { field: 'limit', problem: 'missing' },
    ]);
  });
});
