// Draws the extension icon (public/icon/icon.svg) as PNGs at every size the manifests use, with the
// Chromium already on this machine: `npx tsx scripts/render-icons.ts`. The PNGs are committed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const SIZES = [16, 32, 48, 96, 128];
const dir = path.resolve('public/icon');
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: path.join(dir, `${size}.png`), omitBackground: true });
}
await browser.close();
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} in ${path.relative(process.cwd(), dir)}`);
