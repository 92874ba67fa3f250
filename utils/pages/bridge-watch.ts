// What a page knows of the live bridge to this computer's store, kept once per page: the page's port
// to the background, the bridge's status (asked once, then followed through `bridgeStatus`
// notifications) and `storeChanged` notifications, gathered so that a burst of them makes one re-read.
// The messaging library allows one listener per notification type in a page: every component
// subscribes here instead.
import type { ApiResult, BridgeStatus } from '../api/api-types.js';
import { callApi, onPageNotification } from '../api/messaging.js';
import { holdPagePort } from './page-port.js';

/** Notifications of changes within this long make one re-read, at most this long after the first. */
export const STORE_CHANGED_WAIT_MS = 100;
/** Tries at asking the status while the background is starting (a stopped worker may drop the first). */
const STATUS_TRIES = 3;
const STATUS_RETRY_MS = 500;

let status: BridgeStatus | null = null;
const statusListeners = new Set<(status: BridgeStatus) => void>();
/** Notifications received so far: an answer asked for before one of them is older than it. */
let notifications = 0;
let watching = false;

const storeListeners = new Set<() => void>();
let storeTimer: ReturnType<typeof setTimeout> | undefined;
let storeSubscribed = false;

function setStatus(next: BridgeStatus): void {
  status = next;
  for (const listener of [...statusListeners]) listener(next);
}

/**
 * Starts following the bridge, once per page: holds the page's port (so that the background connects
 * while the page is open), listens for status changes and asks the status. Never waits.
 */
export function watchBridge(): void {
  if (watching) return;
  watching = true;
  onPageNotification('bridgeStatus', ({ data }) => {
    notifications++;
    setStatus(data);
  });
  holdPagePort();
  void askStatus(STATUS_TRIES);
}

async function askStatus(tries: number): Promise<void> {
  const seen = notifications;
  const result = await callApi('getBridgeStatus');
  // A notification that arrived meanwhile is at least as new as this answer.
  if (notifications !== seen) return;
  if (result.ok) setStatus(result.value);
  else if (tries > 1) setTimeout(() => void askStatus(tries - 1), STATUS_RETRY_MS);
}

/** The latest status, or null before the background has told. */
export function bridgeStatusNow(): BridgeStatus | null {
  return status;
}

/** Calls `listener` with each new status; returns the unsubscribe. */
export function onBridgeStatus(listener: (status: BridgeStatus) => void): () => void {
  statusListeners.add(listener);
  return () => statusListeners.delete(listener);
}

/** *Sync now*: connects (or syncs, when connected); the status it answers with is everyone's at once. */
export async function syncBridgeNow(): Promise<ApiResult<BridgeStatus>> {
  const result = await callApi('syncBridge');
  if (result.ok) setStatus(result.value);
  return result;
}

/**
 * Calls `listener` when entities changed in the extension's store from outside the page (this
 * computer's store, through the bridge): once for a burst of notifications, at most
 * STORE_CHANGED_WAIT_MS after its first. Returns the unsubscribe.
 */
export function onStoreChanged(listener: () => void): () => void {
  if (!storeSubscribed) {
    storeSubscribed = true;
    onPageNotification('storeChanged', () => {
      storeTimer ??= setTimeout(() => {
        storeTimer = undefined;
        for (const each of [...storeListeners]) each();
      }, STORE_CHANGED_WAIT_MS);
    });
  }
  storeListeners.add(listener);
  return () => storeListeners.delete(listener);
}
