// Preact bindings for what a page knows of the live bridge (utils/pages/bridge-watch.ts).
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BridgeStatus } from '@/utils/api/api-types.js';
import { bridgeStatusNow, onBridgeStatus, onStoreChanged } from '@/utils/pages/bridge-watch.js';
import { SETTLE_MS, isSettled, shownStatus } from '@/utils/pages/bridge-text.js';

/** The bridge's latest status (null before the background has told); the page calls `watchBridge()` once. */
export function useBridgeStatus(): BridgeStatus | null {
  const [status, setStatus] = useState(bridgeStatusNow);
  useEffect(() => {
    setStatus(bridgeStatusNow());
    return onBridgeStatus(setStatus);
  }, []);
  return status;
}

/**
 * The status to show (see `shownStatus`): settled ones at once, the way there only after SETTLE_MS,
 * and meanwhile what was shown before. Also gives the latest status, for figures such as the outbox,
 * and whether SETTLE_MS have passed.
 */
export function useShownBridgeStatus(): { shown: BridgeStatus | null; latest: BridgeStatus | null; waited: boolean } {
  const latest = useBridgeStatus();
  const lastSettled = useRef<BridgeStatus | null>(null);
  if (latest && isSettled(latest)) lastSettled.current = latest;
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setWaited(true), SETTLE_MS);
    return () => clearTimeout(timer);
  }, []);
  return { shown: shownStatus(latest, lastSettled.current, waited), latest, waited };
}

/** Calls `onChange` (the latest one given) after entities changed from outside the page, once per burst. */
export function useStoreChanged(onChange: () => void): void {
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => onStoreChanged(() => ref.current()), []);
}
