// Installs whatever a fresh clone is missing: npm packages, and Debian's Chromium and Firefox ESR
// (browsers always come from the system, never from a test tool's download).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
  console.log('setup: installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const browsers = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr' };
const missing = Object.keys(browsers).filter((pkg) => !existsSync(browsers[pkg]));
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    console.error(`setup: please install ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`setup: installing ${missing.join(', ')} with apt`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing]);
}
