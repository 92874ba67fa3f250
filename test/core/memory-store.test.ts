import { MemoryTrustStore } from '../../core/index.js';
import { describeTrustStoreContract } from '../contract/trust-store-contract.js';

describeTrustStoreContract('MemoryTrustStore', async ({ clock }) => ({ store: new MemoryTrustStore({ clock }) }));
