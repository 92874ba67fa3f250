// The options page in real Chromium: import with preview, every rejected file, export round trip,
// settings, decay, delete-all and the entity table.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
let options: Page;

beforeAll(async () => {
  browser = await launchExtension();
  options = await browser.open('options.html');
  await options.setViewportSize({ width: 1000, height: 900 });
});
afterAll(async () => browser?.close());

async function chooseFile(page: Page, name: string, text: string | Buffer) {
  await page.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Exports through the page and returns the downloaded file's name and text. */
async function exportStore(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export…' }).click(),
  ]);
  const file = path.resolve('tmp', `export-${Date.now()}.json`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), text: readFileSync(file, 'utf8') };
}

async function importFile(page: Page, name: string, text: string, mode: 'merge' | 'replace' = 'merge') {
  await chooseFile(page, name, text);
  await page.getByRole('heading', { name: `Preview of ${name}` }).waitFor();
  if (mode === 'replace') {
    await page.getByRole('radio', { name: /Replace/ }).check();
    await page.getByRole('radio', { name: /Replace/ }).isChecked();
    await page.locator('.tile[data-kind="removed"]').waitFor();
  }
  await page.getByRole('button', { name: /^Apply/ }).click();
  await page.getByText('Import complete').waitFor();
  await page.getByRole('button', { name: 'Import another file' }).click();
}

/** `size` bytes of noise (deterministic, mostly not valid UTF-8). */
function garbage(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (Math.imul(i, 2654435761) >>> 24) & 0xff;
  return bytes;
}

describe('import', () => {
  it('previews a bundle without writing, then applies it on confirm', async () => {
    const text = bundleText(sampleBundle());
    await chooseFile(options, 'sample.json', text);
    await options.getByRole('heading', { name: 'Preview of sample.json' }).waitFor();
    const tile = (kind: string) => options.locator(`.tile[data-kind="${kind}"] .tile-count`).textContent();
    expect(await tile('added')).toBe('10');
    expect(await tile('rejected')).toBe('0');
    await screenshot(options, 'options-preview');

    // Nothing is written by the preview: the table still shows an empty store.
    await expect(options.getByText('The store is empty.').isVisible()).resolves.toBe(true);

    await options.getByRole('button', { name: 'Apply: add 10' }).click();
    await options.getByText('Import complete').waitFor();
    expect(await options.getByRole('status').filter({ hasText: 'Import complete' }).textContent()).toContain('10 added');
    await options.locator('.cell-id').filter({ hasText: 'mcp:filesystem' }).waitFor();
    await options.getByRole('button', { name: 'Import another file' }).click();

    const popup = await browser.open('popup.html');
    await popup.getByRole('listbox').getByRole('option').filter({ hasText: 'mcp:filesystem' }).waitFor();
    await popup.locator('.total', { hasText: '10 entities' }).waitFor();
    await popup.close();
  });

  it('lists rejected entries with their reasons and skips them', async () => {
    const bundle = sampleBundle(3);
    const bad = { ...bundle, entities: [...bundle.entities, { entity_id: 'mcp:broken', talent: 'high', training: 0.5, temperament: 0.5 }] };
    await chooseFile(options, 'partly-bad.json', JSON.stringify(bad));
    await options.getByRole('heading', { name: 'Preview of partly-bad.json' }).waitFor();
    expect(await options.locator('.tile[data-kind="rejected"] .tile-count').textContent()).toBe('1');
    expect(await options.locator('.tile[data-kind="unchanged"] .tile-count').textContent()).toBe('3');
    const reasons = await options.locator('.rejected li').allTextContents();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('mcp:broken');
    expect(reasons[0]).toContain('talent');
    await options.getByRole('button', { name: 'Cancel' }).click();
  });

  const BAD_FILES: [string, string | Buffer, RegExp][] = [
    ['not-json.json', 'this is not JSON at all', /JSON/i],
    ['wrong-format.json', JSON.stringify({ format: 'something-else', version: 1, entities: [] }), /format/i],
    ['future-version.json', JSON.stringify({ format: 'web4-trust-store', version: 2, entities: [] }), /version/i],
    ['truncated.json', bundleText(sampleBundle(5)).slice(0, 900), /JSON|truncated|end/i],
    ['garbage.json', garbage(10 * 1024 * 1024), /JSON/i],
  ];

  it.each(BAD_FILES)('rejects %s with a clear message and leaves the store as it was', async (name, content, reason) => {
    const before = await exportStore(options);
    await chooseFile(options, name, content);
    const alert = options.getByRole('alert').filter({ hasText: `${name} cannot be imported` });
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(reason);
    expect(await alert.textContent()).toContain('Your data was not changed.');
    if (name === 'future-version.json') await screenshot(options, 'options-error');
    await options.getByRole('button', { name: 'Choose another file' }).click();
    expect((await exportStore(options)).text).toBe(before.text);
  });
});

describe('export', () => {
  it('downloads web4-trust-store-YYYY-MM-DD.json, and export → import → export is byte-identical', async () => {
    const first = await exportStore(options);
    expect(first.name).toMatch(/^web4-trust-store-\d{4}-\d{2}-\d{2}\.json$/);
    expect(JSON.parse(first.text)).toMatchObject({ format: 'web4-trust-store', version: 1 });
    expect(JSON.parse(first.text).entities).toHaveLength(10);

    await deleteAll(options);
    await options.getByText('The store is empty.').waitFor();
    await importFile(options, first.name, first.text);
    const second = await exportStore(options);
    expect(second.text).toBe(first.text);
  });
});

async function deleteAll(page: Page) {
  await page.getByRole('button', { name: 'Delete all data…' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete everything' });
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByRole('textbox').fill('DELETE');
  await confirm.click();
  await page.getByText(/Deleted \d+ entit/).waitFor();
}

/** The settings field whose input is labelled `label`: its input, help and errors. */
const field = (page: Page, label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

describe('settings and decay', () => {
  it('validates inline, shows the allowed range, and saves', async () => {
    const rate = options.getByLabel('Decay rate per day');
    const rateField = field(options, 'Decay rate per day');
    await rate.fill('1.5');
    await rateField.getByText('Must be between 0 and 1.').waitFor();
    expect(await rate.getAttribute('aria-invalid')).toBe('true');
    expect(await options.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    expect(await rateField.getByText('Allowed: 0 to 1.').isVisible()).toBe(true);

    await rate.fill('0.02');
    await options.getByLabel('Event log size').fill('2.5');
    await options.getByText('Enter a whole number.').waitFor();
    await options.getByLabel('Event log size').fill('5000');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Settings saved.').waitFor();

    await options.reload();
    await expect(options.getByLabel('Decay rate per day').inputValue()).resolves.toBe('0.02');
    await expect(options.getByLabel('Event log size').inputValue()).resolves.toBe('5000');
  });

  it('sets what a sweep writes back and how long it keeps idle sessions, forever included', async () => {
    const minChange = options.getByLabel('Minimum change a sweep writes back');
    const retention = options.getByLabel('Remove sessions idle for more than');
    const forever = options.getByLabel('Keep forever');
    await expect(minChange.inputValue()).resolves.toBe('0.001');
    await expect(retention.inputValue()).resolves.toBe('90');
    expect(await forever.isChecked()).toBe(false);

    await minChange.fill('2');
    await field(options, 'Minimum change a sweep writes back').getByText('Must be between 0 and 1.').waitFor();
    expect(await minChange.getAttribute('aria-invalid')).toBe('true');
    await minChange.fill('0.01');
    await retention.fill('-5');
    await field(options, 'Remove sessions idle for more than').getByText('Must be between 0 and 36,500.').waitFor();
    expect(await options.getByRole('button', { name: 'Save', exact: true }).isDisabled()).toBe(true);
    // Kept forever, the number does not count.
    await forever.check();
    expect(await retention.isDisabled()).toBe(true);
    await options.evaluate(() => window.scrollTo(0, 0));
    await screenshot(options, 'options-settings');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Settings saved.').waitFor();

    await options.reload();
    await expect(options.getByLabel('Minimum change a sweep writes back').inputValue()).resolves.toBe('0.01');
    expect(await options.getByLabel('Keep forever').isChecked()).toBe(true);
    // Unticked, it offers the default number of days.
    await options.getByLabel('Keep forever').uncheck();
    await expect(options.getByLabel('Remove sessions idle for more than').inputValue()).resolves.toBe('90');
    await options.getByLabel('Remove sessions idle for more than').fill('30');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByText('Settings saved.').waitFor();
    await options.reload();
    await expect(options.getByLabel('Remove sessions idle for more than').inputValue()).resolves.toBe('30');
    expect(await options.getByLabel('Keep forever').isChecked()).toBe(false);
  });

  it('saves decay now, after asking, and shows when it last ran', async () => {
    await options.getByRole('button', { name: 'Save faded trust now…' }).click();
    await options.getByRole('dialog').getByRole('button', { name: 'Save now' }).click();
    await options.getByText(/^Inactive trust last saved/).waitFor();
    expect(await options.locator('.decay-panel').textContent()).toMatch(/10 entities checked/);
  });
});

describe('entity table', () => {
  it('searches, resets and deletes one entity', async () => {
    await options.getByRole('searchbox').fill('mcp:');
    await options.getByText('1–3 of 3').waitFor();

    await options.getByRole('button', { name: 'Reset mcp:github' }).click();
    await options.getByRole('dialog').getByRole('button', { name: 'Reset' }).click();
    await options.getByText('Reset mcp:github.').waitFor();
    const row = options.getByRole('row').filter({ hasText: 'mcp:github' });
    await row.getByText('0.500', { exact: true }).waitFor();

    await options.getByRole('button', { name: 'Delete mcp:web-search' }).click();
    await options.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await options.getByText('Deleted mcp:web-search.').waitFor();
    await options.getByText('1–2 of 2').waitFor();
  });

  it('deletes all data only after the word is typed', async () => {
    await deleteAll(options);
    await options.getByRole('searchbox').fill('');
    await options.getByText('The store is empty.').waitFor();
  });
});

describe('an import cut short', () => {
  it('when the browser stops the background mid-import: says so, nothing changed, and Try again imports it', async () => {
    const fresh = await launchExtension();
    try {
      const page = await fresh.open('options.html');
      const count = 60_000;
      // From a file on disk: a 40 MB buffer through the protocol would take longer than the import.
      const file = path.resolve('tmp', 'large.json');
      writeFileSync(file, bundleText(sampleBundle(count)));
      await page.setInputFiles('#import-file', file);
      await page.getByRole('heading', { name: 'Preview of large.json' }).waitFor({ timeout: 60_000 });
      await page.getByRole('button', { name: /^Apply/ }).click();
      await page.getByText('Importing').first().waitFor();
      await fresh.stopWorker();

      const alert = page.getByRole('alert').filter({ hasText: 'interrupted' });
      await alert.waitFor({ timeout: 60_000 });
      expect(await alert.textContent()).toContain('The import was interrupted before it finished (the browser stopped the extension\'s background). Imports are all or nothing, so nothing was imported.');
      await screenshot(page, 'options-import-interrupted');
      // All or nothing: the store is as it was, empty.
      const popup = await fresh.open('popup.html');
      await popup.getByText('No trust data yet').waitFor();
      await popup.close();

      await page.getByRole('button', { name: 'Try again' }).click();
      await page.getByText('Import complete').waitFor({ timeout: 120_000 });
      const again = await fresh.open('popup.html');
      await again.locator('.total', { hasText: `${count.toLocaleString('en')} entities` }).waitFor();
    } finally {
      await fresh.close();
    }
  });
});
