// Installs whatever a fresh clone is missing: npm packages, Debian's Chromium and Firefox ESR
// (browsers always come from the system, never from a test tool's download), and Debian's
// PostgreSQL (the tests start a throwaway cluster of it; without it they skip, and say so).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync('package-lock.json').mtimeMs > statSync(installed).mtimeMs) {
  console.log('setup: installing npm packages (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

const system = { chromium: '/usr/bin/chromium', 'firefox-esr': '/usr/bin/firefox-esr', postgresql: '/usr/lib/postgresql' };
const missing = Object.keys(system).filter((pkg) => !existsSync(system[pkg]));
if (missing.length > 0) {
  if (process.getuid?.() !== 0) {
    const browsers = missing.filter((pkg) => pkg !== 'postgresql');
    console.error(`setup: please install ${missing.join(' and ')}: sudo apt-get install -y ${missing.join(' ')}`);
    // Without PostgreSQL its tests are skipped (with a notice); without a browser nothing can run.
    if (browsers.length > 0) process.exit(1);
  } else {
    console.log(`setup: installing ${missing.join(', ')} with apt`);
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', ...missing]);
  }
}
