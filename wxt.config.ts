import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  // Messages live in locales/<lang>.yml; the manifest's name and description come from there too.
  modules: ['@wxt-dev/i18n/module'],
  // The Firefox sources zip: leave out test scratch space (it can hold a running browser's sockets).
  zip: { excludeSources: ['tmp/**', 'dist/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // nativeMessaging: the live bridge to this computer's store (`web4-trust bridge install`). Required, not
    // optional: see README, The live bridge.
    permissions: ['alarms', 'unlimitedStorage', 'nativeMessaging'],
    // 128 px with the 16 px transparent padding the Chrome Web Store asks for; the smaller sizes fill
    // their square, as toolbars want.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/store-128.png' },
    // What the code needs, found by `node scripts/min-browser-versions.mjs`: color-mix() (Chrome 111,
    // Firefox 113), container queries (105, 110), inert (102, 112); Firefox's data_collection_permissions
    // needs 140.
    ...(browser !== 'firefox' && {
      minimum_chrome_version: '111',
      // The public key fixes the extension's id (aoflmkmcepchkjponjbbhapcbokmopdc), which the bridge's host
      // manifest allows; the private key stays out of the repository (see README, The live bridge).
      key: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA20cLQGKEmZUD9BwNmuKrHWUGEGAEFO0LHs5rQMQPwItf+d0uFi+kAQcUKnpj1JkEJtV/liAozIiVjtYXkDHkatXbsKtNVc+9JFDg1pFEmVsFh8EgyZBRvCDQUSfdhJJSDDq/OR9FhwM65v0aRixCwX67gpNyeqLkhierbcCH+E8PTbNiZVYaubYHoOELpqcSVMHvYvzC8w4sN27bYiENL1EHmfnq6cIVpxp3p/XENNH5V2gJaCC5VoR7yHE5r6XUX9H6NmtiKAb5g2WGN7L7dj6bPLtFs3RlSgInvqCtyiQyzaZhqOwihHKq6miCKfU4tdJAR4IplrfxWiO5oGuW6wIDAQAB',
    }),
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'web4-trust@web4.dev',
          // data_collection_permissions arrived in Firefox 140 (desktop) and 142 (Android).
          strict_min_version: '140.0',
          data_collection_permissions: { required: ['none'] },
        },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
});
