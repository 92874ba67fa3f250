import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';
import {
  firstConnectionMerges, hookShowsInPopup, hostDownThenBack, liveOn, popupWriteReachesCli, status,
} from './support/bridge-scenarios.js';
import { value } from './support/extension-api.js';
import { ensureBuilt, runBin, sandbox, type Sandbox } from './support/node-bin.js';

// The live bridge in real Firefox with the real host. Firefox finds host manifests only in
// ~/.mozilla/native-messaging-hosts/, so the browser runs with the sandbox's HOME.

let box: Sandbox;
let browser: FirefoxExtension;
beforeAll(() => ensureBuilt());
beforeEach(() => {
  box = sandbox();
});
afterEach(async () => {
  await browser.close();
  box.cleanup();
});

const install = () => runBin(['bridge', 'install', '--browser', 'firefox'], { env: box.env });

describe('the live bridge in Firefox', () => {
  it('a hook call shows in the open popup; a popup write reaches the CLI; the host down and back loses nothing', async () => {
    expect((await install()).code).toBe(0);
    browser = await launchFirefoxExtension({ env: box.env });
    const popup = await browser.open('popup.html');
    await liveOn(popup);
    expect(await status(popup)).toMatchObject({ state: 'live', problem: null, store: { kind: 'folder', location: box.store } });
    await hookShowsInPopup(box, popup);
    await popupWriteReachesCli(box, popup);
    await hostDownThenBack(box, popup);
  });

  it('without the host installed: local only, saying so; the first connection merges 10,000 entities from each side', async () => {
    browser = await launchFirefoxExtension({ env: box.env });
    const options = await browser.open('options.html');
    await value(options, 'syncBridge');
    expect(await status(options)).toMatchObject({ state: 'local', problem: { kind: 'not-installed' } });
    await firstConnectionMerges(box, options, async () => {
      expect((await install()).code).toBe(0);
    });
  });
});
