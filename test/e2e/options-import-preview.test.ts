// Issue 13, items 5 and 6: the import preview says why entities the file also has are kept, names
// every kind of change on its Apply button with deletions on their own line, and describes rejected
// entries in words, numbered from 1.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityJson } from '../../core/index.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
let options: Page;

async function preview(name: string, text: string) {
  await options.setInputFiles('#import-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await options.getByRole('heading', { name: `Preview of ${name}` }).waitFor();
}

beforeAll(async () => {
  browser = await launchExtension();
  options = await browser.open('options.html');
  await options.setViewportSize({ width: 1000, height: 1100 });
  await preview('base.json', bundleText(sampleBundle(40)));
  await options.getByRole('button', { name: 'Apply: add 40' }).click();
  await options.getByText('Import complete').waitFor();
  await options.getByRole('button', { name: 'Import another file' }).click();
});
afterAll(async () => browser?.close());

const stored = sampleBundle(40).entities;
const byId = (id: string) => structuredClone(stored.find((e) => e.entity_id === id)!);
const hoursEarlier = (iso: string, hours: number) => new Date(Date.parse(iso) - hours * 3_600_000).toISOString();

describe('a merge preview', () => {
  it('says why each entity the file also has is kept, and words each rejected entry from 1', async () => {
    const same = byId('mcp:filesystem');
    const older: EntityJson = { ...byId('mcp:github'), talent: 0.2 };
    older.last_activity = hoursEarlier(older.last_activity!, 5);
    older.last_action = older.last_activity;
    // Last active at the same moment as the stored copy, with the same observations, but other scores.
    const tied: EntityJson = { ...byId('role:reviewer'), talent: 0.1, training: 0.1 };
    const file = {
      ...sampleBundle(0),
      entities: [same, older, tied, { entity_id: 'mcp:broken', talent: 'high', training: 0.5, temperament: 0.5 }],
    };
    await preview('merge.json', JSON.stringify(file));
    expect(await options.locator('.tile[data-kind="unchanged"] .tile-count').textContent()).toBe('3');
    expect(await options.locator('.kept-reasons li').allTextContents()).toEqual([
      '1 is the same as yours.',
      '1 kept as yours, because your copy was active more recently.',
      '1 differs from yours but was last active at the same moment; yours is kept because it has as many observations or more: role:reviewer',
    ]);
    expect(await options.locator('.rejected li').allTextContents()).toEqual([
      'entity 4 (mcp:broken): talent must be a number between 0 and 1, got "high"',
    ]);
    expect(await options.getByRole('button', { name: 'Nothing to import' }).isDisabled()).toBe(true);
    await screenshot(options, 'options-preview-kept');
    await options.getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('a replace preview', () => {
  it('words every kind of rejected entry', async () => {
    const entries = [
      { entity_id: 'mcp:no-scores' },
      { ...byId('mcp:github'), entity_id: 'mcp:counted', t3_observation_counts: [1, -2, 3] },
      { ...byId('mcp:github'), entity_id: 'mcp:dated', last_activity: 'yesterday' },
      { ...byId('mcp:github'), entity_id: '' },
      { ...byId('mcp:github'), entity_id: 'mcp:listed', witnessed_by: 'everyone' },
      42,
      { ...byId('mcp:github'), entity_id: 'mcp:twice' },
      { ...byId('mcp:github'), entity_id: 'mcp:twice' },
    ];
    await preview('bad-entries.json', JSON.stringify({ ...sampleBundle(0), entities: entries }));
    expect(await options.locator('.rejected li').allTextContents()).toEqual([
      'entity 1 (mcp:no-scores): talent is missing (an entity needs talent, training, temperament, or the legacy 6-D scores)',
      'entity 2 (mcp:counted): t3_observation_counts[1] must be a whole number from 0 to 9007199254740991, got -2',
      'entity 3 (mcp:dated): last_activity must be a date and time (RFC 3339) or null, got "yesterday"',
      'entity 4: entity_id is empty',
      'entity 5 (mcp:listed): witnessed_by must be a list of entity ids, got "everyone"',
      'entity 6: not an entity (an object with an entity_id), got 42',
      'entity 8 (mcp:twice): the same id as entity 7, which is imported instead',
    ]);
    await options.getByRole('button', { name: 'Cancel' }).click();
  });

  it('names additions, updates and deletions on the button, and lists deletions on a line of their own', async () => {
    const updated = [{ ...byId('mcp:github'), talent: 0.99 }, { ...byId('lct:alice'), talent: 0.99 }];
    for (const entity of updated) {
      entity.last_activity = new Date().toISOString();
    }
    const added = sampleBundle(45).entities.filter((e) => !stored.some((s) => s.entity_id === e.entity_id));
    await preview('replace.json', bundleText({ ...sampleBundle(0), entities: [...updated, ...added] }));
    await options.getByRole('radio', { name: /Replace/ }).check();
    await options.locator('.tile[data-kind="removed"]:not([data-empty])').waitFor();
    expect(await options.locator('.preview .actions .btn').last().textContent()).toBe('Apply: add 5, update 2, delete 38');
    const deletions = options.locator('.deletions');
    expect(await deletions.locator('p').first().textContent()).toBe('38 entities that are not in the file will be deleted:');
    expect(await deletions.locator('.mono').textContent()).toMatch(/^agent:item-000011, agent:item-000017, .* and 30 more$/);
    await screenshot(options, 'options-preview-replace');
    await options.getByRole('button', { name: 'Cancel' }).click();
  });
});
