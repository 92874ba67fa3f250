// Draws the 128 px manifest icon the way the Chrome Web Store asks: the artwork 96 × 96 in the
// middle, with 16 px of transparent padding around it (Firefox takes it as it is). The toolbar sizes
// stay full-bleed (scripts/render-icons.ts). `npx tsx scripts/render-store-icon.ts`; the PNG is committed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve('public/icon');
// The artwork's own box is 4..124 of the 128 viewBox: crop to it, so that it fills the 96 px.
const svg = readFileSync(path.join(dir, 'icon.svg'), 'utf8').replace('viewBox="0 0 128 128"', 'viewBox="4 4 120 120"');

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setViewportSize({ width: 128, height: 128 });
await page.setContent(
  `<style>html,body{margin:0;background:transparent}svg{display:block;width:96px;height:96px;margin:16px}</style>${svg}`,
);
await page.screenshot({ path: path.join(dir, 'store-128.png'), omitBackground: true });
await browser.close();
console.log('wrote public/icon/store-128.png');
