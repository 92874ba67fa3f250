import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionBrowser } from './support/chromium.js';
import {
  firstConnectionMerges, hookShowsInPopup, hostDownThenBack, liveOn, popupWriteReachesCli, status,
} from './support/bridge-scenarios.js';
import { value } from './support/extension-api.js';
import { ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// The live bridge in real Chromium with the real host: `bridge install` writes the host manifest
// into the profile's NativeMessagingHosts/ (Chromium reads it there with --user-data-dir).

let box: Sandbox;
let profile: string;
let browser: ExtensionBrowser;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
  profile = path.join(box.home, 'chromium-profile');
  fs.mkdirSync(profile, { recursive: true });
});
afterEach(async () => {
  await browser.close();
  box.cleanup();
});

const install = () => runBin(['bridge', 'install', '--browser', 'chromium', '--user-data-dir', profile], { env: box.env });

describe('the live bridge in Chromium', () => {
  it('a hook call shows in the open popup; a popup write reaches the CLI; the host down and back loses nothing', async () => {
    expect((await install()).code).toBe(0);
    browser = await launchExtension({ userDataDir: profile, env: box.env });
    expect(browser.extensionId).toBe('aoflmkmcepchkjponjbbhapcbokmopdc');
    const popup = await browser.open('popup.html');
    await liveOn(popup);
    expect(await status(popup)).toMatchObject({ state: 'live', problem: null });
    const ms = await hookShowsInPopup(box, popup);
    expect(ms).toBeGreaterThan(0);
    await popupWriteReachesCli(box, popup);
    await hostDownThenBack(box, popup);
  });

  it('without the host installed: local only, saying so; the first connection merges 10,000 entities from each side', async () => {
    browser = await launchExtension({ userDataDir: profile, env: box.env });
    const options = await browser.open('options.html');
    await value(options, 'syncBridge');
    expect(await status(options)).toMatchObject({ state: 'local', problem: { kind: 'not-installed' } });
    await firstConnectionMerges(box, options, async () => {
      expect((await install()).code).toBe(0);
    });
  });
});
