// The popup in real Chromium: empty state, list, search, filters, sorts, detail, 10,000 entities,
// a stopped service worker, the dark theme, and trust shown as it stands now.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, type EntityJson } from '../../core/index.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;

beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

async function openPopup(): Promise<Page> {
  const popup = await browser.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  // The popup remembers its filters between openings; each test here starts from the defaults.
  if (await popup.evaluate(() => localStorage.length > 0)) {
    await popup.evaluate(() => localStorage.clear());
    await popup.reload();
  }
  return popup;
}

async function importThroughOptions(text: string, name: string) {
  const options = await browser.open('options.html');
  await options.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.getByRole('heading', { name: `Preview of ${name}` }).waitFor({ timeout: 60_000 });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor({ timeout: 60_000 });
  await options.close();
}

/** The service worker's running status, as CDP reports it. */
async function workerStatus(page: Page): Promise<string> {
  const cdp = await browser.context.newCDPSession(page);
  const status = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const version = versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${browser.extensionId}/`));
      if (version) resolve(version.runningStatus);
    });
  });
  await cdp.send('ServiceWorker.enable');
  const result = await status;
  await cdp.detach();
  return result;
}

const rows = (popup: Page) => popup.getByRole('listbox').getByRole('option');
const rowIds = (popup: Page) => rows(popup).locator('.row-id').allTextContents();

describe('an empty store', () => {
  it('explains the extension and offers to open the options page', async () => {
    const popup = await openPopup();
    await popup.getByRole('heading', { name: 'No trust data yet' }).waitFor();
    await screenshot(popup, 'popup-empty');
    const [options] = await Promise.all([
      browser.context.waitForEvent('page'),
      popup.getByRole('button', { name: 'Import a trust store' }).click(),
    ]);
    await options.waitForURL(/options\.html$/);
    await options.close();
  });
});

describe('a small store', () => {
  let popup: Page;
  beforeAll(async () => {
    await importThroughOptions(bundleText(sampleBundle()), 'sample.json');
    popup = await openPopup();
    await popup.locator('.total', { hasText: '10 entities' }).waitFor();
  });

  it('shows the count, the level bar and every row with id, type, level word and score', async () => {
    expect(await popup.locator('.total').textContent()).toBe('10 entities');
    expect(await popup.getByRole('img', { name: /Entities by trust level/ }).getAttribute('aria-label'))
      .toBe('Entities by trust level: High: 2, Medium-high: 1, Medium: 4, Low: 2, Minimal: 1');
    const row = rows(popup).filter({ hasText: 'mcp:filesystem' });
    expect(await row.locator('.type-chip').textContent()).toBe('mcp');
    expect(await row.locator('.badge').textContent()).toBe('High');
    expect(await row.locator('.row-score .num').textContent()).toBe('0.883');
    await screenshot(popup, 'popup-list');
  });

  it('sorts by recent activity, trust either way, and name', async () => {
    expect((await rowIds(popup)).slice(0, 3)).toEqual(['session:7f3a9c', 'mcp:filesystem', 'role:reviewer']);
    const sort = popup.getByLabel('Sort order');
    await sort.selectOption('trust-desc');
    await expect.poll(async () => (await rowIds(popup))[0]).toBe('mcp:filesystem');
    await sort.selectOption('trust-asc');
    await expect.poll(async () => (await rowIds(popup))[0]).toBe('lct:alice');
    await sort.selectOption('name');
    await expect.poll(() => rowIds(popup)).toEqual([...sampleBundle().entities.map((e) => e.entity_id)]);
  });

  it('searches by id and filters by type chip and level', async () => {
    await popup.getByRole('searchbox').fill('MCP:');
    await expect.poll(() => rowIds(popup)).toEqual(['mcp:filesystem', 'mcp:github', 'mcp:web-search']);
    await popup.getByRole('searchbox').fill('');
    await popup.getByRole('button', { name: 'Filters' }).click();
    await popup.getByRole('button', { name: /^other/ }).click();
    await expect.poll(() => rowIds(popup)).toEqual(['localhost', 'tool:shell']);
    expect(await popup.getByRole('button', { name: /^other/ }).getAttribute('aria-pressed')).toBe('true');
    await popup.getByRole('button', { name: /^other/ }).click();
    await popup.getByLabel('Filter by trust level').selectOption('low');
    await expect.poll(() => rowIds(popup)).toEqual(['mcp:web-search', 'tool:shell']);
    await popup.getByRole('button', { name: /^role/ }).click();
    await popup.getByText('No entity matches these filters.').waitFor();
    await popup.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await rowIds(popup)).length).toBe(10);
  });

  it('opens a detail by click and by Enter, follows witness links, and goes back', async () => {
    await rows(popup).filter({ hasText: 'mcp:filesystem' }).click();
    const detail = popup.getByRole('region', { name: 'mcp:filesystem' });
    await detail.getByText('Transitive trust').waitFor();
    const bars = detail.locator('.dimension');
    expect(await bars.count()).toBe(6);
    expect(await detail.locator('[data-dimension=training]').textContent()).toMatch(/Training0\.880100% confidence · 50 observations/);
    expect(await detail.locator('.stat').allTextContents()).toEqual(expect.arrayContaining([
      'Actions120', 'Successes117', 'Success rate98%', 'Witnessed2',
    ]));
    expect(await detail.locator('.stat').filter({ hasText: 'Last activity' }).textContent()).toMatch(/Last activity\d+ minutes? ago/);
    expect(await detail.getByRole('region', { name: 'Witnessed by' }).getByRole('button').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('session:7f3a9c'), expect.stringContaining('role:reviewer')]));
    await screenshot(popup, 'popup-detail');

    await detail.getByRole('region', { name: 'Witnessed by' }).getByRole('button', { name: /role:reviewer/ }).click();
    await popup.getByRole('region', { name: 'role:reviewer' }).getByText('Transitive trust').waitFor();
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.getByRole('region', { name: 'mcp:filesystem' }).waitFor();
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.getByRole('listbox').waitFor();

    // Keyboard only: focus the list, move down, open with Enter, leave with Escape.
    await popup.getByRole('listbox').focus();
    await popup.keyboard.press('Home');
    await popup.keyboard.press('ArrowDown');
    const second = (await rowIds(popup))[1]!;
    expect(await popup.getByRole('listbox').getByRole('option', { selected: true }).locator('.row-id').textContent()).toBe(second);
    await popup.keyboard.press('Enter');
    await popup.getByRole('region', { name: second }).waitFor();
    await popup.keyboard.press('Escape');
    await popup.getByRole('listbox').waitFor();
  });

  it('follows the dark color scheme', async () => {
    await popup.emulateMedia({ colorScheme: 'dark' });
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(19, 21, 25)');
    await screenshot(popup, 'popup-dark');
    await rows(popup).filter({ hasText: 'mcp:filesystem' }).click();
    await popup.getByText('Transitive trust').waitFor();
    await screenshot(popup, 'popup-detail-dark');
    await popup.close();
  });
});

describe('10,000 entities', () => {
  beforeAll(async () => {
    await importThroughOptions(bundleText(sampleBundle(10_000)), 'ten-thousand.json');
  });

  it('renders its first rows straight from IndexedDB while the service worker is stopped', async () => {
    await browser.stopWorker();
    // Notes when the page first turns to the background (a message, or the port every page holds).
    const popup = await browser.context.newPage();
    await popup.addInitScript(() => {
      localStorage.clear();
      const w = window as unknown as { contacts: { what: string; at: number }[] };
      w.contacts = [];
      const globals = globalThis as unknown as Record<'chrome' | 'browser', { runtime?: Record<string, unknown> } | undefined>;
      for (const runtime of new Set([globals.chrome?.runtime, globals.browser?.runtime])) {
        if (!runtime) continue;
        for (const name of ['connect', 'sendMessage'] as const) {
          const original = runtime[name] as (...args: unknown[]) => unknown;
          runtime[name] = (...args: unknown[]) => {
            const type = (args[0] as { type?: unknown } | undefined)?.type;
            w.contacts.push({ what: name === 'connect' ? 'connect' : String(type), at: performance.now() });
            return original.apply(runtime, args);
          };
        }
      }
    });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.setViewportSize({ width: 380, height: 560 });
    await rows(popup).first().locator('.row-id').waitFor();
    await expect.poll(() => popup.locator('.total').textContent()).toBe('10,000 entities');
    // Filler item 1200 is the most recent activity of the 10,000.
    expect(await rows(popup).first().locator('.row-id').textContent()).toBe('mcp:item-001200');
    // The list came from IndexedDB, and was painted before the page first turned to the stopped worker:
    // only then does its port wake it (so that the bridge connects while the popup is open).
    const { firstRows, contacts } = await popup.evaluate(() => ({
      firstRows: performance.getEntriesByName('first-rows')[0]?.startTime,
      contacts: (window as unknown as { contacts: { what: string; at: number }[] }).contacts,
    }));
    expect(firstRows).toBeDefined();
    expect(contacts.map((c) => c.what)).not.toContain('listEntities');
    for (const contact of contacts) expect(contact.at).toBeGreaterThan(firstRows!);
    await expect.poll(() => popup.evaluate(() => (window as unknown as { contacts: { what: string }[] }).contacts.map((c) => c.what)))
      .toContain('connect');
    await expect.poll(() => workerStatus(popup)).toBe('running');
    await popup.close();
  });

  it('keeps only the visible rows in the DOM and scrolls to the last one', async () => {
    const popup = await openPopup();
    const list = popup.getByRole('listbox');
    await rows(popup).first().locator('.row-id').waitFor();
    await expect.poll(() => popup.locator('.total').textContent()).toBe('10,000 entities');
    expect(await rows(popup).count()).toBeLessThan(40);
    await list.focus();
    await popup.keyboard.press('End');
    const last = popup.locator('[role=option][aria-posinset="10000"]');
    await last.locator('.row-id').waitFor();
    expect(await last.getAttribute('aria-selected')).toBe('true');
    expect(await rows(popup).count()).toBeLessThan(40);

    await popup.getByLabel('Sort order').selectOption('name');
    await popup.getByRole('searchbox').fill('item-009999');
    await expect.poll(() => rowIds(popup)).toEqual(['ref:item-009999']);
    await popup.close();
  });
});

describe('an entity last active 200 days ago', () => {
  // High (0.9) when it was last active; decay since has taken it to medium, and no sweep has run.
  const at = Date.now() - 200 * MS_PER_DAY;
  const stamp = new Date(at).toISOString();
  const idle: EntityJson = {
    ...EntityTrust.create('mcp:idle-since-spring', at).toJSON(),
    talent: 0.9, training: 0.9, temperament: 0.9, last_action: stamp, last_activity: stamp,
  };
  /** Its T3 average at `now`, as the core computes it, formatted as the pages show it (3 decimals). */
  const t3At = (now: number) => EntityTrust.fromJSON(idle).stateAt(now, DEFAULT_DECAY).t3Average.toFixed(3);

  it('shows its trust at now in the list, the level filter, the detail and the options table, not the stored one', async () => {
    await importThroughOptions(bundleText([idle]), 'idle.json');
    const expected = [t3At(Date.now())];
    expect(EntityTrust.fromJSON(idle).stateAt(Date.now(), DEFAULT_DECAY).trustLevel).toBe('medium');
    const popup = await openPopup();
    await popup.getByRole('searchbox').fill('idle-since');
    const row = rows(popup).filter({ hasText: 'mcp:idle-since-spring' });
    const shown = await row.locator('.row-score .num').textContent();
    // Read between two moments a few seconds apart: either one's rounding is right.
    expected.push(t3At(Date.now()));
    expect(expected).toContain(shown);
    expect(shown).not.toBe('0.900');
    expect(await row.locator('.badge').textContent()).toBe('Medium');

    // The level filter sees it where it is now.
    await popup.getByRole('button', { name: 'Filters' }).click();
    await popup.getByLabel('Filter by trust level').selectOption('high');
    await popup.getByText('No entity matches these filters.').waitFor();
    await popup.getByLabel('Filter by trust level').selectOption('medium');
    await expect.poll(() => rowIds(popup)).toEqual(['mcp:idle-since-spring']);

    // The detail (read through the background's store) shows the same numbers.
    await row.click();
    const detail = popup.getByRole('region', { name: 'mcp:idle-since-spring' });
    await detail.getByText('Transitive trust').waitFor();
    expect(await detail.locator('.detail-summary .num').textContent()).toBe(shown);
    expect(await detail.locator('.detail-summary .badge').textContent()).toBe('Medium');
    await popup.close();

    // So does the options page's table.
    const options = await browser.open('options.html');
    await options.getByRole('searchbox').fill('idle-since');
    const tableRow = options.getByRole('row').filter({ hasText: 'mcp:idle-since-spring' });
    await tableRow.waitFor();
    expect(await tableRow.locator('.score-cell .num').textContent()).toBe(shown);
    expect(await tableRow.locator('.badge').textContent()).toBe('Medium');
    await options.close();
  });
});
