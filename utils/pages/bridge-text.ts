// The live bridge in the user's words: the popup's line, the options page's sentences, and which
// status a page shows while the background is still connecting.
import { i18n } from '#i18n';
import type { ApiResult, BridgeProblemKind, BridgeStatus } from '../api/api-types.js';
import { errorText } from './error-text.js';
import { formatCount } from './format.js';

/**
 * What installs the bridge. `npx web4-trust` from npm's cache cannot install it (the cache is emptied
 * at will, and the launcher would point into it), so the command line is installed first.
 */
export const BRIDGE_INSTALL_COMMAND = 'npm i -g web4-trust && web4-trust bridge install';

/** The command that allows one more Chromium extension id (a build with an id of its own). */
export function allowCommand(extensionId: string): string {
  return `web4-trust bridge install --extension-id ${extensionId}`;
}

/** Whether `id` is a Chromium extension id (Firefox's are fixed and always allowed). */
export function isChromiumExtensionId(id: string): boolean {
  return /^[a-p]{32}$/.test(id);
}

/** How long a page shows nothing while the background is still connecting, before it says so. */
export const SETTLE_MS = 1500;

/**
 * Whether a status says how things stand: live, or local for a known reason. Connecting, and local
 * without a reason (the moment before a page's connection starts), are on the way to one of those.
 */
export function isSettled(status: BridgeStatus): boolean {
  return status.state === 'live' || status.problem !== null;
}

/**
 * The status a page shows: the current one once settled; until then the last settled one, or
 * nothing for the first SETTLE_MS (`waited` false), so that opening a page does not flash
 * "Connecting…" for the tenth of a second a connection takes.
 */
export function shownStatus(current: BridgeStatus | null, lastSettled: BridgeStatus | null, waited: boolean): BridgeStatus | null {
  if (current === null) return null;
  if (isSettled(current)) return current;
  return lastSettled ?? (waited ? current : null);
}

/** The popup's line: "Live · this computer's store", "Local only · install the bridge", with "· 3 changes waiting". */
export function popupLine(shown: BridgeStatus, outbox: number): string {
  let text: string;
  if (shown.state === 'live') text = i18n.t('bridge.live');
  else if (shown.problem) text = i18n.t('bridge.localWhy', [shortReason(shown.problem.kind)]);
  else if (shown.state === 'connecting') text = i18n.t('bridge.connecting');
  else text = i18n.t('bridge.localOnly');
  return outbox > 0 ? `${text} · ${waitingText(outbox)}` : text;
}

export function waitingText(outbox: number): string {
  return i18n.t('bridge.waiting', outbox, [formatCount(outbox)]);
}

/** A few words for the popup: what to do, or what is wrong. */
export function shortReason(kind: BridgeProblemKind): string {
  switch (kind) {
    case 'not-installed': return i18n.t('bridge.why.notInstalled');
    case 'forbidden': return i18n.t('bridge.why.forbidden');
    case 'version': return i18n.t('bridge.why.version');
    case 'disconnected': return i18n.t('bridge.why.disconnected');
    case 'error': return i18n.t('bridge.why.error');
  }
}

/** The options page's sentence for a problem. */
export function problemText(kind: BridgeProblemKind): string {
  switch (kind) {
    case 'not-installed': return i18n.t('bridge.problem.notInstalled');
    case 'forbidden': return i18n.t('bridge.problem.forbidden');
    case 'version': return i18n.t('bridge.problem.version');
    case 'disconnected': return i18n.t('bridge.problem.disconnected');
    case 'error': return i18n.t('bridge.problem.error');
  }
}

/** A problem as the end of "Could not sync: …". */
export function problemReason(kind: BridgeProblemKind): string {
  switch (kind) {
    case 'not-installed': return i18n.t('bridge.reason.notInstalled');
    case 'forbidden': return i18n.t('bridge.reason.forbidden');
    case 'version': return i18n.t('bridge.reason.version');
    case 'disconnected': return i18n.t('bridge.reason.disconnected');
    case 'error': return i18n.t('bridge.reason.error');
  }
}

export function storeKindText(kind: NonNullable<BridgeStatus['store']>['kind']): string {
  return kind === 'postgres' ? i18n.t('computer.kindPostgres') : i18n.t('computer.kindFolder');
}

/**
 * What a change made now does to this computer's store: `now` while live; `later` while not, once
 * the extension has been connected (its writes then wait in the outbox and are replayed); null when
 * it stays in this browser (or nothing is known yet).
 */
export function reachOfChanges(status: BridgeStatus | null): 'now' | 'later' | null {
  if (!status) return null;
  if (status.state === 'live') return 'now';
  return status.linked || status.outbox > 0 ? 'later' : null;
}

export type DestructiveAction = 'deleteAll' | 'deleteOne' | 'reset' | 'import';

/** The sentence a confirmation adds about this computer's store, or null when the change stays here. */
export function confirmNote(action: DestructiveAction, status: BridgeStatus | null): string | null {
  switch (reachOfChanges(status)) {
    case null: return null;
    case 'later': return i18n.t('bridge.note.later');
    case 'now': break;
  }
  switch (action) {
    case 'deleteAll': return i18n.t('bridge.note.deleteAll');
    case 'deleteOne': return i18n.t('bridge.note.deleteOne');
    case 'reset': return i18n.t('bridge.note.reset');
    case 'import': return i18n.t('bridge.note.import');
  }
}

/** What *Sync now* came to, in words: synced (with this computer's count), or why not. */
export function syncResultText(result: ApiResult<BridgeStatus>): { ok: boolean; text: string } {
  if (!result.ok) return { ok: false, text: errorText(result.error) };
  const { state, problem, hostEntities } = result.value;
  if (state === 'live') {
    return {
      ok: true,
      text: hostEntities === null ? i18n.t('computer.syncedNoCount') : i18n.t('computer.synced', hostEntities, [formatCount(hostEntities)]),
    };
  }
  return { ok: false, text: problem ? i18n.t('computer.syncFailed', [problemReason(problem.kind)]) : i18n.t('computer.syncFailedPlain') };
}
