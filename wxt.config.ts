import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// See https://wxt.dev/api/config.html
export default defineConfig({
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Web4 Trust',
    description: 'See and manage local trust (T3/V3) in Web4 entities: MCP servers, roles, sessions.',
    permissions: ['alarms', 'unlimitedStorage'],
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'web4-trust@web4.dev',
          strict_min_version: '128.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
