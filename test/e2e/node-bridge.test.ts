import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_HOST_NAME } from '../../core/index.js';
import { CHROMIUM_EXTENSION_ID, FIREFOX_EXTENSION_ID, installBridge, manifestPath } from '../../node/bridge/bridge-install.js';
import { BIN, ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// `web4-trust bridge install|status|uninstall` in a scratch HOME, through the built executable.

let box: Sandbox;
const cli = (...args: string[]) => runBin(args, { env: box.env });
beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

describe('bridge install', () => {
  it('writes a launcher that runs this Node and CLI by absolute path, and a manifest per browser', async () => {
    const installed = await cli('bridge', 'install');
    expect(installed.code).toBe(0);
    const launcher = path.join(box.home, '.web4', 'bridge', 'web4-trust-native-host');
    const script = fs.readFileSync(launcher, 'utf8');
    expect(script).toContain(`exec '${process.execPath}' '${BIN}' native-host "$@"`);
    // The sandbox sets $WEB4_TRUST_DIR: the browser does not share this shell, so the launcher carries it.
    expect(script).toContain(`WEB4_TRUST_STORE='${box.store}'; export WEB4_TRUST_STORE`);
    expect(fs.statSync(launcher).mode & 0o111).not.toBe(0);
    const chromium = JSON.parse(fs.readFileSync(path.join(box.home, '.config/chromium/NativeMessagingHosts/web4_trust.json'), 'utf8'));
    expect(chromium).toEqual({
      name: BRIDGE_HOST_NAME, description: expect.any(String) as string, path: launcher, type: 'stdio',
      allowed_origins: [`chrome-extension://${CHROMIUM_EXTENSION_ID}/`],
    });
    const firefox = JSON.parse(fs.readFileSync(path.join(box.home, '.mozilla/native-messaging-hosts/web4_trust.json'), 'utf8'));
    expect(firefox.allowed_extensions).toEqual([FIREFOX_EXTENSION_ID]);
    for (const folder of ['.config/google-chrome', '.config/BraveSoftware/Brave-Browser', '.config/microsoft-edge']) {
      expect(fs.existsSync(path.join(box.home, folder, 'NativeMessagingHosts/web4_trust.json'))).toBe(true);
    }
  });

  it('status: the launcher runs and names the store; uninstall removes exactly what install wrote', async () => {
    const profile = path.join(box.home, 'profile');
    await cli('bridge', 'install', '--browser', 'chromium', '--user-data-dir', profile, '--extension-id', 'abcdefghijklmnopabcdefghijklmnop');
    const manifest = path.join(profile, 'NativeMessagingHosts', 'web4_trust.json');
    expect(JSON.parse(fs.readFileSync(manifest, 'utf8')).allowed_origins).toEqual([
      `chrome-extension://${CHROMIUM_EXTENSION_ID}/`, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/',
    ]);
    const status = JSON.parse((await cli('bridge', 'status', '--browser', 'chromium', '--user-data-dir', profile, '--json')).stdout);
    expect(status.browsers).toEqual([expect.objectContaining({ browser: 'chromium', manifest, installed: true, runs: true, store: box.store, problem: null })]);
    // Another program's manifest in a folder we did not write to stays.
    const foreign = manifestPath('firefox', { home: box.home });
    fs.mkdirSync(path.dirname(foreign), { recursive: true });
    fs.writeFileSync(foreign, JSON.stringify({ name: 'web4_trust', path: '/opt/other/host', type: 'stdio' }));
    const removed = await cli('bridge', 'uninstall', '--browser', 'all', '--user-data-dir', profile);
    expect(removed.stdout).toContain(`Removed ${manifest}`);
    expect(fs.existsSync(manifest)).toBe(false);
    expect(fs.existsSync(path.join(box.home, '.web4/bridge/web4-trust-native-host'))).toBe(false);
    expect(fs.existsSync(foreign)).toBe(true);
  });

  it('status says when nothing is installed or the launcher is broken (exit code 1)', async () => {
    const none = await cli('bridge', 'status', '--browser', 'firefox');
    expect(none).toMatchObject({ code: 1, stdout: `firefox: not installed (${path.join(box.home, '.mozilla/native-messaging-hosts/web4_trust.json')})\n` });
    await cli('bridge', 'install', '--browser', 'firefox');
    fs.writeFileSync(path.join(box.home, '.web4/bridge/web4-trust-native-host'), '#!/bin/sh\nexit 3\n');
    const broken = JSON.parse((await cli('bridge', 'status', '--browser', 'firefox', '--json')).stdout);
    expect(broken.browsers[0]).toMatchObject({ runs: false, problem: 'the launcher does not run: exit code 3' });
  });

  it('refuses what cannot work: Windows, an npx cache copy, a bad extension id', async () => {
    expect(() => installBridge({ browsers: ['chrome'], script: BIN, home: box.home, platform: 'win32' })).toThrow(/not supported on win32 yet/);
    expect(() => installBridge({ browsers: ['chrome'], script: '/home/u/.npm/_npx/1/node_modules/web4-trust/dist/bin/web4-trust.cjs', home: box.home }))
      .toThrow(/npm i -g web4-trust/);
    expect(await cli('bridge', 'install', '--extension-id', 'nope')).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a Chromium extension id') as string });
    expect(fs.existsSync(path.join(box.home, '.web4/bridge'))).toBe(false);
    expect(await cli('bridge', 'install', '--browser', 'safari')).toMatchObject({ code: 2 });
  });
});
