// `npm start`: builds the extension for Chrome and Firefox, says where to load it, and opens
// Chromium with it loaded when there is a display to show it on.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });

const chrome = path.resolve('.output/chrome-mv3');
const firefox = path.resolve('.output/firefox-mv3');
console.log(`
Web4 Trust is built.
  Chrome / Chromium: chrome://extensions → Developer mode → "Load unpacked" → ${chrome}
  Firefox:           about:debugging#/runtime/this-firefox → "Load Temporary Add-on…" → ${firefox}/manifest.json
`);

const chromium = '/usr/bin/chromium';
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('No display found, so Chromium was not opened. Run `npm run dev` for live reload while developing.');
} else if (!existsSync(chromium)) {
  console.log(`${chromium} is not installed (apt-get install chromium), so it was not opened.`);
} else {
  const profile = path.resolve('tmp/chromium-profile');
  mkdirSync(profile, { recursive: true });
  const args = [`--user-data-dir=${profile}`, `--load-extension=${chrome}`, '--no-first-run', 'chrome://extensions'];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox'); // Chromium refuses to run as root otherwise
  spawn(chromium, args, { detached: true, stdio: 'ignore' }).unref();
  console.log('Opened Chromium with the extension loaded (profile in tmp/chromium-profile).');
}
