import { describe } from 'vitest';
import { describeTrustStoreContract } from '../contract/trust-store-contract.js';
import { openTestStore, postgresUrl } from '../support/postgres.js';

describe.skipIf(!postgresUrl)('PostgresTrustStore on a real server', () => {
  describeTrustStoreContract('PostgresTrustStore', async ({ clock }) => {
    const { store, drop } = await openTestStore({ clock });
    return { store, close: drop };
  });
});
