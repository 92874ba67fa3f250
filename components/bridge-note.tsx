import { confirmNote, type DestructiveAction } from '@/utils/pages/bridge-text.js';
import { useBridgeStatus } from './use-bridge.js';

/**
 * A confirmation's sentence about this computer's store: that the action acts on it (the bridge is
 * live), or that it will once the extension reconnects. Nothing while the change stays in this browser.
 */
export function BridgeNote({ action }: { action: DestructiveAction }) {
  const text = confirmNote(action, useBridgeStatus());
  return text ? <p class="bridge-note">{text}</p> : null;
}
