// The name of the port each extension page holds open to the background (see page-port.ts). Its own
// module, free of imports, so that the background's bridge can share it without the pages loading
// the bridge's code (or its types: pages that import utils/bridge change the order tsc checks the store in).

/** The name of the port each extension page opens to the background, so that it knows a page is open. */
export const PAGE_PORT = 'web4-trust-page';
