// Issue 13, item 11: the pages speak plainly, and the technical terms are a tooltip or a "What is
// this?" link away, on a page inside the extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yViolations } from './support/a11y.js';
import { launchExtension, screenshot, type ExtensionBrowser } from './support/chromium.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
  const options = await browser.open('options.html');
  await options.setInputFiles('#import-file', { name: 'sample.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle())) });
  await options.getByRole('button', { name: /^Apply/ }).click();
  await options.getByText('Import complete').waitFor();
  await options.getByRole('button', { name: 'Save faded trust now…' }).click();
  await options.getByRole('dialog').getByRole('button', { name: 'Save now' }).click();
  await options.getByText(/^Inactive trust last saved/).waitFor();
  await options.close();
});
afterAll(async () => browser?.close());

const JARGON = [/\bT3\b/, /\bV3\b/, /distance above/, /\d ms\b/, /applied now/i, /Decay applied/];

describe('plain words', () => {
  it('the popup detail names the score groups in words, the terms as tooltips and a What is this? link', async () => {
    const popup = await browser.open('popup.html');
    await popup.setViewportSize({ width: 380, height: 560 });
    await popup.getByRole('listbox').getByRole('option').filter({ hasText: 'mcp:filesystem' }).click();
    const detail = popup.getByRole('region', { name: 'mcp:filesystem' });
    await detail.getByText('Transitive trust').waitFor();
    const text = await detail.innerText();
    for (const term of JARGON) expect(text).not.toMatch(term);
    expect(await detail.getByText('How well it acts').getAttribute('title')).toBe('T3: talent, training, temperament');
    expect(await detail.getByText('What its work is worth').getAttribute('title')).toBe('V3: valuation, veracity, validity');

    const [help] = await Promise.all([
      browser.context.waitForEvent('page'),
      detail.getByRole('region', { name: 'How well it acts' }).getByRole('link', { name: 'What is this?' }).click(),
    ]);
    await help.waitForURL(/help\.html#t3$/);
    await help.getByRole('heading', { name: 'How well it acts (T3)' }).waitFor();
    expect(await help.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'How well it acts (T3)', 'What its work is worth (V3)', 'Trust levels', 'Confidence and observations',
      'Trust fades when an entity is inactive (decay)', 'Trust including witnesses (transitive trust)',
    ]);
    expect(await a11yViolations(help)).toEqual([]);
    await screenshot(help, 'help-page');
    await help.close();
    await popup.close();
  });

  it('the options page explains decay without jargon, and links to the explanation', async () => {
    const options = await browser.open('options.html');
    await options.getByText(/^Inactive trust last saved/).waitFor();
    const text = await options.locator('main').innerText();
    for (const term of JARGON) expect(text).not.toMatch(term);
    expect(await options.locator('#settings-title ~ p a').getAttribute('href')).toBe('/help.html#decay');
    await options.close();
  });
});
