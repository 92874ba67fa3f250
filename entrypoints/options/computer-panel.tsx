import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CopyButton } from '@/components/copy-button.js';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import { Skeleton } from '@/components/skeleton.js';
import { useShownBridgeStatus } from '@/components/use-bridge.js';
import type { BridgeStatus } from '@/utils/api/api-types.js';
import {
  BRIDGE_INSTALL_COMMAND, allowCommand, isChromiumExtensionId, problemText, storeKindText, syncResultText,
} from '@/utils/pages/bridge-text.js';
import { syncBridgeNow } from '@/utils/pages/bridge-watch.js';
import { listEntityPage } from '@/utils/pages/entity-source.js';
import { formatCount, formatDateTime, formatRelativeTime } from '@/utils/pages/format.js';

/** How often "Last sync: 2 minutes ago" is brought up to date. */
const CLOCK_MS = 30_000;

/**
 * "This computer": the live bridge to the store the command line and the Claude Code hooks use —
 * live or local and why, the store, the last sync, the counts on both sides, the writes waiting, what
 * to run when the bridge is missing, and *Sync now*. `version` changes when the entities here did.
 */
export function ComputerPanel({ version }: { version: number }) {
  const { shown, latest, waited } = useShownBridgeStatus();
  const [browserCount, setBrowserCount] = useState<number | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), CLOCK_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => setNow(Date.now()), [latest?.lastSync]);
  useEffect(() => {
    let current = true;
    void listEntityPage({ sort: 'name', offset: 0, limit: 1 }).then((page) => {
      if (current && page.ok) setBrowserCount(page.value.total);
    });
    return () => {
      current = false;
    };
  }, [version]);

  const sync = async () => {
    setSyncing(true);
    setOutcome(null);
    const result = await syncBridgeNow();
    setSyncing(false);
    setOutcome(syncResultText(result));
  };

  return (
    <section class="card" aria-labelledby="computer-title">
      <div class="card-head">
        <h2 id="computer-title">{i18n.t('computer.title')}</h2>
        <p class="muted small">{i18n.t('computer.intro')}</p>
      </div>
      <div class="card-pad computer">
        {shown ? <BridgeState status={shown} />
          : latest === null && (waited ? <p class="muted">{i18n.t('computer.unknown')}</p> : <Skeleton height={40} />)}
        {latest && <Facts status={latest} browserCount={browserCount} now={now} />}
      </div>
      <div class="card-foot sync-row">
        <ResultMessage outcome={outcome} />
        <button type="button" class="btn" onClick={() => void sync()} disabled={syncing}>
          {syncing ? i18n.t('computer.syncing') : i18n.t('computer.syncNow')}
        </button>
      </div>
    </section>
  );
}

function BridgeState({ status }: { status: BridgeStatus }) {
  const { state, problem } = status;
  const label = state === 'live' ? i18n.t('bridge.live') : state === 'connecting' && !problem ? i18n.t('bridge.connecting') : i18n.t('bridge.localOnly');
  return (
    <div class="bridge-state">
      <p class="bridge-state-label" role="status" data-state={state === 'live' ? 'live' : problem ? 'problem' : state}>{label}</p>
      {state === 'live' && <p>{i18n.t('computer.live')}</p>}
      {state === 'local' && !problem && <p>{i18n.t('computer.local')}</p>}
      {problem && (
        <div class={problem.kind === 'not-installed' ? 'notice bridge-problem' : 'notice notice-error bridge-problem'}>
          <p>{problemText(problem.kind)}</p>
          {problem.kind === 'not-installed' && <Command intro={i18n.t('computer.install')} command={BRIDGE_INSTALL_COMMAND} />}
          {problem.kind === 'forbidden' && isChromiumExtensionId(browser.runtime.id) && (
            <Command intro={i18n.t('computer.allow')} command={allowCommand(browser.runtime.id)} />
          )}
          <details class="error-detail small">
            <summary>{i18n.t('error.details')}</summary>
            <p class="mono">{problem.message}</p>
          </details>
        </div>
      )}
    </div>
  );
}

/** A command to run in a terminal, with *Copy*. */
function Command({ intro, command }: { intro: string; command: string }) {
  return (
    <div class="command-block">
      <p>{intro}</p>
      <div class="command">
        <code class="mono">{command}</code>
        <CopyButton text={command} label={i18n.t('computer.copyCommand')} />
      </div>
      <p class="muted small">{i18n.t('computer.then')}</p>
    </div>
  );
}

function Facts({ status, browserCount, now }: { status: BridgeStatus; browserCount: number | null; now: number }) {
  const { store, hostVersion, lastSync, hostEntities, outbox } = status;
  const notCounted = i18n.t('computer.notCounted');
  return (
    <dl class="facts">
      <div>
        <dt>{i18n.t('computer.store')}</dt>
        <dd>
          {store ? (
            <><span class="mono store-location">{store.location}</span> <span class="muted">({storeKindText(store.kind)})</span></>
          ) : <span class="muted">{i18n.t('computer.noStore')}</span>}
        </dd>
      </div>
      {hostVersion && (
        <div>
          <dt>{i18n.t('computer.bridgeVersion')}</dt>
          <dd>{i18n.t('computer.bridgeVersionValue', [hostVersion])}</dd>
        </div>
      )}
      <div>
        <dt>{i18n.t('computer.lastSync')}</dt>
        <dd>
          {lastSync === null ? i18n.t('computer.neverSynced') : (
            <time dateTime={new Date(lastSync).toISOString()} title={formatDateTime(lastSync)}>{formatRelativeTime(lastSync, now)}</time>
          )}
        </dd>
      </div>
      <div>
        <dt>{i18n.t('computer.entities')}</dt>
        <dd class="num">
          {i18n.t('computer.inBrowser', [browserCount === null ? notCounted : formatCount(browserCount)])}
          {' · '}
          {i18n.t('computer.onComputer', [hostEntities === null ? notCounted : formatCount(hostEntities)])}
        </dd>
      </div>
      <div>
        <dt>{i18n.t('computer.outbox')}</dt>
        <dd class="num">
          {outbox === 0 ? i18n.t('computer.outboxNone')
            : status.state === 'live' ? formatCount(outbox) : i18n.t('computer.outboxCount', outbox, [formatCount(outbox)])}
        </dd>
      </div>
    </dl>
  );
}
