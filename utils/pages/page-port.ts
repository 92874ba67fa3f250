// The port each extension page holds open to the background for as long as it lives: while any is
// open, the background keeps the live bridge to this computer's store connected (see BridgeLink).
// Opening it never waits for anything, so a sleeping background does not delay the page.
import { browser } from 'wxt/browser';
import { PAGE_PORT } from './page-port-name.js';

/** Waits before opening the port again after the background went away (a stopped worker, an unloaded event page). */
export const PAGE_PORT_RETRY_MS = 1000;

/** What this module needs of `browser.runtime` (tests pass a fake). */
export interface PortRuntime {
  /** Chromium's error of the last call; read in onDisconnect so that it is not logged as unchecked. */
  readonly lastError?: unknown;
  connect(info: { name: string }): {
    onDisconnect: { addListener(listener: () => void): void };
    disconnect(): void;
  };
}

interface Held {
  release(): void;
}

let held: Held | undefined;

/**
 * Opens this page's port, once per page, and opens it again whenever the background went away
 * meanwhile (so that a restarted background knows the page is still open). The page closing closes it.
 */
export function holdPagePort(runtime: PortRuntime = browser.runtime as unknown as PortRuntime, retryMs = PAGE_PORT_RETRY_MS): void {
  held ??= hold(runtime, retryMs);
}

/** Closes the port and stops re-opening it (tests; a page closing does this by itself). */
export function releasePagePort(): void {
  held?.release();
  held = undefined;
}

function hold(runtime: PortRuntime, retryMs: number): Held {
  let released = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let port: ReturnType<PortRuntime['connect']> | undefined;
  const open = () => {
    timer = undefined;
    if (released) return;
    try {
      port = runtime.connect({ name: PAGE_PORT });
    } catch {
      // The extension was reloaded or removed under this page: there is no background to tell.
      port = undefined;
      return;
    }
    port.onDisconnect.addListener(() => {
      checkLastError(runtime);
      port = undefined;
      if (!released) timer = setTimeout(open, retryMs);
    });
  };
  open();
  return {
    release() {
      released = true;
      if (timer) clearTimeout(timer);
      port?.disconnect();
      port = undefined;
    },
  };
}

/** Reads the error, so that Chromium does not log it as unchecked: the background going away is expected. */
function checkLastError(runtime: PortRuntime): unknown {
  return runtime.lastError;
}
