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
    permissions: ['alarms', 'unlimitedStorage'],
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
