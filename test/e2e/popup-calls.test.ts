// The popup's Calls in real Chromium: an entity whose call evidence (recorded by the Claude Code hooks)
// arrived with an import shows its calls, success rate, typical and slow times, each tool's figures
// and its recent failures in words; the list sorts by failed calls; the evidence exports unchanged.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityJson, TrustBundle } from '../../core/index.js';
import { a11yViolations } from './support/a11y.js';
import { BY_FAILURES, callsBundle } from './support/call-bundles.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { value } from './support/extension-api.js';
import { bundleText } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
const bundle = callsBundle();

beforeAll(async () => {
  browser = await launchExtension();
  const options = await browser.open('options.html');
  await options.setInputFiles('#import-file', { name: 'calls.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(bundle)) });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  await options.close();
});
afterAll(async () => browser?.close());

/** The popup, with the filters it remembered cleared unless `remembered`. */
async function openPopup({ remembered = false } = {}): Promise<Page> {
  const popup = await browser.open('popup.html');
  await popup.setViewportSize({ width: 380, height: 560 });
  if (!remembered && await popup.evaluate(() => localStorage.length > 0)) {
    await popup.evaluate(() => localStorage.clear());
    await popup.reload();
  }
  return popup;
}

async function openDetail(id: string): Promise<Page> {
  const popup = await openPopup();
  await popup.getByRole('searchbox').fill(id);
  await popup.getByRole('option').filter({ hasText: id }).first().click();
  await popup.getByRole('region', { name: id }).getByText('Transitive trust').waitFor();
  return popup;
}

describe('the Calls section of the detail view', () => {
  it('shows the calls, failures, success rate, recent failure rate, typical and slow times and retry loops', async () => {
    const popup = await openDetail('mcp:github');
    const calls = popup.getByRole('region', { name: 'Calls' });
    const stats = Object.fromEntries(await calls.locator('.stat').evaluateAll((nodes) =>
      nodes.map((n) => [n.querySelector('dt')!.textContent, n.querySelector('dd')!.textContent])));
    expect(stats).toEqual({
      Calls: '10', Failed: '3', 'Success rate': '70%', 'The last 10 calls': '30% failed',
      'Typical time': '120 ms', 'Slow calls': '30 sec',
    });
    const stat = (label: string) => calls.locator('.stat').filter({ has: popup.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
    expect(await stat('Failed').getAttribute('title')).toBe('Timed out: 1 · Server unreachable: 1 · Error from the tool: 1');
    const typical = stat('Typical time');
    expect(await typical.getAttribute('title')).toBe('p50 (median): half of the last 10 timed calls took this long or less');
    expect(await calls.locator('.retry-loops').textContent()).toMatch(/^1 retry loop, the last on create_issue, \d minutes ago$/);
    await popup.close();
  });

  it('has a table by tool, the most called first, with its headers', async () => {
    const popup = await openDetail('mcp:github');
    const table = popup.getByRole('region', { name: 'Calls' }).getByRole('table', { name: 'By tool' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Tool', 'Calls', 'Failed', 'Typical', 'Slow', 'Last failure']);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['create_issue', 'list_issues', 'search_code']);
    const cells = await table.locator('tbody tr').evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent)));
    expect(cells).toEqual([
      ['create_issue', '6', '2', '120 ms', '30 sec', 'Error from the tool'],
      ['list_issues', '3', '0', '100 ms', '150 ms', 'none'],
      ['search_code', '1', '1', '200 ms', '200 ms', 'Server unreachable'],
    ]);
    // Six columns fit the popup: no sideways scrolling.
    expect(await table.evaluate((t) => t.scrollWidth <= t.clientWidth + 1 && t.getBoundingClientRect().right <= innerWidth)).toBe(true);
    await popup.close();
  });

  it('lists the recent failures newest first, each with its tool, why in words and when', async () => {
    const popup = await openDetail('mcp:github');
    const calls = popup.getByRole('region', { name: 'Calls' });
    const failures = calls.getByRole('list', { name: 'Recent failures' }).getByRole('listitem');
    expect(await failures.locator('.history-what').allTextContents()).toEqual([
      'create_issue · Error from the tool', 'create_issue · Timed out', 'search_code · Server unreachable',
    ]);
    const times = await failures.locator('time').allTextContents();
    expect(times).toHaveLength(3);
    for (const time of times) expect(time).toMatch(/^\d+ minutes ago$/);
    const when = (bundle.entities.find((e) => e.entity_id === 'mcp:github') as EntityJson).call_evidence!.recent_failures.at(-1)!.at;
    expect(await failures.first().locator('time').getAttribute('datetime')).toBe(when);
    await calls.getByRole('table').scrollIntoViewIfNeeded();
    await screenshot(popup, 'popup-detail-calls');
    await popup.close();
  });

  it('is not there for an entity without call evidence', async () => {
    const popup = await openDetail('role:reviewer');
    expect(await popup.getByRole('region', { name: 'Calls' }).count()).toBe(0);
    await popup.close();
  });

  it('passes axe in light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const popup = await openDetail('mcp:github');
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByRole('region', { name: 'Calls' }).getByRole('table').scrollIntoViewIfNeeded();
      expect(await a11yViolations(popup)).toEqual([]);
      await popup.close();
    }
  });
});

describe('the list', () => {
  it('sorts by failed calls, most first, and says how many failed on each row', async () => {
    const popup = await openPopup();
    const sort = popup.getByLabel('Sort order');
    await sort.selectOption({ label: 'Most failures' });
    const ids = popup.getByRole('listbox').getByRole('option').locator('.row-id');
    await expect.poll(() => ids.allTextContents()).toEqual(BY_FAILURES);
    const failed = await popup.getByRole('listbox').getByRole('option').evaluateAll((rows) =>
      rows.map((row) => row.querySelector('.row-failures')?.textContent ?? null));
    expect(failed).toEqual(['3 failed calls', '2 failed calls', '1 failed call', null, null, null]);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await a11yViolations(popup)).toEqual([]);
    }
    await screenshot(popup, 'popup-sorted-by-failures');
    // Remembered for the next opening, as every sort is.
    await popup.close();
    const again = await openPopup({ remembered: true });
    await expect.poll(() => again.getByRole('listbox').getByRole('option').locator('.row-id').allTextContents()).toEqual(BY_FAILURES);
    expect(await again.getByLabel('Sort order').inputValue()).toBe('failures');
    await again.close();
  });
});

it('exports the call evidence exactly as it was imported', async () => {
  const options = await browser.open('options.html');
  const exported = await value<TrustBundle>(options, 'exportStore');
  const evidence = (entities: TrustBundle['entities']) => Object.fromEntries(
    (entities as EntityJson[]).map((e) => [e.entity_id, e.call_evidence ?? null]));
  expect(evidence(exported.entities)).toEqual(evidence(bundle.entities));
  expect(evidence(exported.entities)['mcp:github']).toMatchObject({ calls: 10, failures: 3, retry_loops: 1 });
  await options.close();
});
