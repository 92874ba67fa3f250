// Issue 13, items 15 and 16: what the stores see. The manifests ask for the browser versions the code
// needs, the toolbar title is localized, the 128 px icon has the Chrome Web Store's 16 px padding;
// and the store screenshots (store/screenshots/, 1280 × 800) are made here from the real pages, so
// they never go stale.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROME_BUILD, launchExtension, type ExtensionBrowser } from './support/chromium.js';
import { FIREFOX_BUILD } from './support/firefox.js';
import { bundleText, sampleBundle } from './support/ui-bundles.js';

const STORE_SHOTS = path.resolve('store/screenshots');
const WIDTH = 1280;
const HEIGHT = 800;

let browser: ExtensionBrowser;
beforeAll(async () => {
  browser = await launchExtension();
});
afterAll(async () => browser?.close());

const manifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

/** Width and height from a PNG's header. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(file);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the manifests', () => {
  it('ask for the versions the code needs (scripts/min-browser-versions.mjs) and localize the toolbar title', async () => {
    expect(manifest(CHROME_BUILD).minimum_chrome_version).toBe('111');
    const firefox = manifest(FIREFOX_BUILD) as { browser_specific_settings: { gecko: { strict_min_version: string } } };
    expect(firefox.browser_specific_settings.gecko.strict_min_version).toBe('140.0');
    expect(manifest(FIREFOX_BUILD).minimum_chrome_version).toBeUndefined();
    // What Chromium shows as the toolbar button's tooltip.
    const title = await browser.worker.evaluate(() =>
      (globalThis as unknown as { chrome: { action: { getTitle(d: object): Promise<string> } } }).chrome.action.getTitle({}));
    expect(title).toBe('Web4 Trust · trust in your tools');
  });

  it('use a 128 px icon with 16 px of transparent padding around 96 px of artwork', async () => {
    const page = await browser.open('popup.html');
    const icon = (manifest(CHROME_BUILD).icons as Record<string, string>)['128']!;
    const alpha = await page.evaluate(async (src) => {
      const image = new Image();
      image.src = `/${src}`;
      await image.decode();
      const canvas = new OffscreenCanvas(128, 128);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, 128, 128);
      const at = (x: number, y: number) => data[(y * 128 + x) * 4 + 3]!;
      let padding = 0;
      for (let y = 0; y < 128; y++) for (let x = 0; x < 128; x++) {
        if ((x < 16 || x >= 112 || y < 16 || y >= 112) && at(x, y) > 0) padding++;
      }
      return { padding, size: [image.naturalWidth, image.naturalHeight], edges: [at(17, 64), at(110, 64), at(64, 17), at(64, 110)] };
    }, icon);
    expect(alpha.size).toEqual([128, 128]);
    expect(alpha.padding).toBe(0);
    // The artwork reaches the 96 px box on every side.
    for (const edge of alpha.edges) expect(edge).toBeGreaterThan(200);
    await page.close();
  });
});

describe('store screenshots', () => {
  beforeAll(async () => {
    mkdirSync(STORE_SHOTS, { recursive: true });
    const options = await browser.open('options.html');
    await options.setInputFiles('#import-file', { name: 'sample.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(240))) });
    await options.getByRole('button', { name: /^Apply/ }).click();
    await options.getByText('Import complete').waitFor();
    await options.close();
  });

  /** The popup as the browser shows it (380 × 560), as a PNG. */
  async function popupShot(prepare: (popup: Page) => Promise<void>): Promise<Buffer> {
    const popup = await browser.open('popup.html');
    await popup.setViewportSize({ width: 380, height: 560 });
    await popup.getByRole('listbox').getByRole('option').first().locator('.row-id').waitFor();
    await prepare(popup);
    const shot = await popup.screenshot();
    await popup.close();
    return shot;
  }

  /** Lays out shots side by side on the store's canvas with a caption, and saves it. */
  async function compose(name: string, caption: string, shots: Buffer[]) {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: WIDTH, height: HEIGHT });
    const images = shots.map((s) => `<img src="data:image/png;base64,${s.toString('base64')}">`).join('');
    await page.setContent(`<style>
      body{margin:0;width:${WIDTH}px;height:${HEIGHT}px;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:28px;
        background:linear-gradient(135deg,#e8edfb,#dff3f6);font:600 30px system-ui,sans-serif;color:#1d2433}
      div{display:flex;gap:40px}img{border-radius:12px;box-shadow:0 12px 40px rgb(0 0 0/22%)}</style>
      <p style="margin:0">${caption}</p><div>${images}</div>`);
    const file = path.join(STORE_SHOTS, `${name}.png`);
    await page.screenshot({ path: file });
    await page.close();
    expect(pngSize(file)).toEqual([WIDTH, HEIGHT]);
  }

  it('show the popup list and an entity, at 1280 × 800', async () => {
    const list = await popupShot(async () => {});
    const detail = await popupShot(async (popup) => {
      await popup.getByRole('searchbox').fill('mcp:filesystem');
      await popup.getByRole('listbox').getByRole('option').filter({ hasText: 'mcp:filesystem' }).click();
      await popup.getByText('Transitive trust').waitFor();
    });
    await compose('1-popup', 'How far to trust each tool, role and session — at a glance', [list, detail]);
  });

  it('show the options page and an import preview, at 1280 × 800', async () => {
    const options = await browser.open('options.html');
    await options.setViewportSize({ width: WIDTH, height: HEIGHT });
    await options.locator('.cell-id').first().waitFor();
    await options.locator('#entities-title').scrollIntoViewIfNeeded();
    let file = path.join(STORE_SHOTS, '2-entities.png');
    await options.screenshot({ path: file });
    expect(pngSize(file)).toEqual([WIDTH, HEIGHT]);

    await options.setInputFiles('#import-file', { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(bundleText(sampleBundle(260))) });
    await options.getByRole('heading', { name: 'Preview of backup.json' }).waitFor();
    await options.locator('.preview').scrollIntoViewIfNeeded();
    file = path.join(STORE_SHOTS, '3-import-preview.png');
    await options.screenshot({ path: file });
    expect(pngSize(file)).toEqual([WIDTH, HEIGHT]);
    await options.close();
  });
});
