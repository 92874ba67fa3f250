import { useShownBridgeStatus } from '@/components/use-bridge.js';
import { popupLine } from '@/utils/pages/bridge-text.js';

/**
 * One quiet line under the title: live on this computer's store, or local only and why, with the
 * writes waiting for the bridge. Its height is kept while nothing is known yet, so nothing below moves.
 */
export function BridgeLine() {
  const { shown, latest } = useShownBridgeStatus();
  const state = shown ? (shown.state === 'live' ? 'live' : shown.problem ? 'problem' : shown.state) : undefined;
  return (
    <p class="bridge-line" role="status" aria-live="polite" data-state={state}>
      {shown && popupLine(shown, latest?.outbox ?? 0)}
    </p>
  );
}
