import { i18n } from '#i18n';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { dimensionLabel } from '@/components/labels.js';
import { LevelBadge } from '@/components/level-badge.js';
import { BridgeNote } from '@/components/bridge-note.js';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { CopyButton } from '@/components/copy-button.js';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import { ScoreBar } from '@/components/score-bar.js';
import { Skeleton } from '@/components/skeleton.js';
import { TypeChip } from '@/components/type-chip.js';
import { confidenceOf, trustLevelOf, type ChainLink, type Dimension, type TrustLevel } from '@/core/index.js';
import { api } from '@/utils/api/api-client.js';
import type { ApiResult, DirectLink, EntityDetail, TrustEvent } from '@/utils/api/api-types.js';
import { formatCount, formatDateTime, formatPercent, formatRelativeTime, formatScore } from '@/utils/pages/format.js';
import { errorText } from '@/utils/pages/error-text.js';
import { CallsSection } from './calls-section.js';
import { Stat } from './stat.js';

const T3: Dimension[] = ['talent', 'training', 'temperament'];
const V3: Dimension[] = ['valuation', 'veracity', 'validity'];

export function EntityDetailView({ id, storeVersion = 0, onBack, onOpen }: {
  id: string;
  /** Bumped when entities changed on this computer's store: the figures are read again, in place. */
  storeVersion?: number;
  onBack: () => void;
  onOpen: (id: string) => void;
}) {
  const [result, setResult] = useState<ApiResult<EntityDetail> | null>(null);
  // Bumped after a quick action, to read the entity again.
  const [version, setVersion] = useState(0);
  const backRef = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => backRef.current?.focus(), [id]);
  // What is shown stays until the new reading arrives; an older answer never replaces a newer one.
  useEffect(() => {
    let current = true;
    void api.getEntity(id).then((next) => {
      // A reading that failed for a passing reason keeps the figures on screen; a deleted entity says so.
      if (current) setResult((shown) => (!next.ok && shown?.ok && next.error.code !== 'not-found' ? shown : next));
    });
    return () => {
      current = false;
    };
  }, [id, version, storeVersion]);

  return (
    <section class="detail" aria-labelledby="detail-title">
      <div class="detail-bar">
        <button ref={backRef} type="button" class="btn btn-ghost btn-small" onClick={onBack}>
          <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor"
            stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"><path d="M15 18l-6-6 6-6" /></svg>
          {i18n.t('common.back')}
        </button>
      </div>
      <div class="detail-body">
        <div class="detail-id-row">
          <h2 id="detail-title" class="detail-id">{id}</h2>
          <CopyButton text={id} label={i18n.t('copy.label', [id])} />
        </div>
        {result === null && <DetailSkeleton />}
        {result && !result.ok && (
          <div class="notice notice-error" role="alert">
            <p class="notice-title">{i18n.t('detail.loadFailed')}</p>
            <p>{errorText(result.error)}</p>
          </div>
        )}
        {result?.ok && <QuickActions id={id} onDone={() => setVersion((v) => v + 1)} />}
        {result?.ok && <DetailContent detail={result.value} onOpen={onOpen} />}
      </div>
    </section>
  );
}

/** The magnitude of an outcome recorded by hand: the same as a Claude Code hook records. */
const MANUAL_MAGNITUDE = 0.1;

/** Record a success or a failure, or reset, without leaving the popup. */
function QuickActions({ id, onDone }: { id: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = async (call: () => Promise<ApiResult<unknown>>, done: string) => {
    setBusy(true);
    const result = await call();
    setBusy(false);
    setOutcome(result.ok ? { ok: true, text: done } : { ok: false, text: errorText(result.error) });
    if (result.ok) onDone();
  };
  return (
    <div class="quick-actions" role="group" aria-label={i18n.t('actions.title')}>
      <span class="muted small">{i18n.t('actions.title')}</span>
      <button type="button" class="btn btn-small" disabled={busy} aria-label={i18n.t('actions.successLabel', [id])}
        onClick={() => void run(() => api.recordOutcome(id, true, MANUAL_MAGNITUDE), i18n.t('actions.recorded', [i18n.t('event.success')]))}>
        {i18n.t('actions.success')}
      </button>
      <button type="button" class="btn btn-small" disabled={busy} aria-label={i18n.t('actions.failureLabel', [id])}
        onClick={() => void run(() => api.recordOutcome(id, false, MANUAL_MAGNITUDE), i18n.t('actions.recorded', [i18n.t('event.failure')]))}>
        {i18n.t('actions.failure')}
      </button>
      <button type="button" class="btn btn-small btn-danger" disabled={busy} onClick={() => setAsking(true)}>{i18n.t('actions.reset')}</button>
      <ResultMessage outcome={outcome} inline />
      {asking && (
        <ConfirmDialog title={i18n.t('table.confirmResetTitle')} confirmLabel={i18n.t('common.reset')} danger
          onConfirm={() => void run(() => api.resetEntity(id), i18n.t('actions.wasReset'))} onClose={() => setAsking(false)}>
          <p class="mono">{id}</p>
          <p>{i18n.t('table.confirmResetBody')}</p>
          <BridgeNote action="reset" />
        </ConfirmDialog>
      )}
    </div>
  );
}

function DetailSkeleton() {
  return (
    <div class="detail-skeleton" aria-busy="true" aria-label={i18n.t('popup.loading')}>
      {Array.from({ length: 6 }, (_, i) => <Skeleton key={i} height={14} />)}
    </div>
  );
}

function DetailContent({ detail, onOpen }: { detail: EntityDetail; onOpen: (id: string) => void }) {
  const { entity, chain, events } = detail;
  const now = Date.now();
  const t3Counts = entity.t3_observation_counts;
  const v3Counts = entity.v3_observation_counts;
  const countOf = (d: Dimension) => {
    const i = T3.indexOf(d);
    return i >= 0 ? t3Counts[i]! : v3Counts[V3.indexOf(d)]!;
  };
  const lastActivity = entity.last_activity ?? entity.last_action;
  const lastMs = lastActivity ? Date.parse(lastActivity) : NaN;

  return (
    <>
      <div class="detail-summary">
        <TypeChip type={entity.entity_type} />
        <LevelBadge level={chain.trust_level} />
        <span class="muted" title={i18n.t('entity.t3AverageTitle')}>
          {i18n.t('entity.t3Average')} <strong class="num">{formatScore(chain.t3_average)}</strong>
        </span>
      </div>

      <div class="tensors">
        {[['T3', T3], ['V3', V3]].map(([name, dims]) => (
          <section key={name as string} class="tensor" aria-label={name === 'T3' ? i18n.t('detail.t3') : i18n.t('detail.v3')}>
            <h3>
              <span title={name === 'T3' ? i18n.t('detail.t3Title') : i18n.t('detail.v3Title')}>
                {name === 'T3' ? i18n.t('detail.t3') : i18n.t('detail.v3')}
              </span>
              <HelpLink topic={name === 'T3' ? 't3' : 'v3'} />
            </h3>
            <dl>
              {(dims as Dimension[]).map((d) => {
                const score = entity[d] as number;
                const n = countOf(d);
                return (
                  <div key={d} class="dimension" data-dimension={d}>
                    <dt>{dimensionLabel(d)}</dt>
                    <dd>
                      <span class="num score">{formatScore(score)}</span>
                      <ScoreBar value={score} />
                      <span class="confidence muted">
                        {i18n.t('detail.confidence', [formatPercent(confidenceOf(n))])} ·{' '}
                        {i18n.t('detail.observations', n, [formatCount(n)])}
                      </span>
                    </dd>
                  </div>
                );
              })}
            </dl>
          </section>
        ))}
      </div>

      <section aria-labelledby="activity-title">
        <h3 id="activity-title">{i18n.t('detail.activity')}</h3>
        <dl class="stats">
          <Stat label={i18n.t('detail.actions')} value={formatCount(entity.action_count)} />
          <Stat label={i18n.t('detail.successes')} value={formatCount(entity.success_count)} />
          {/* No outcome yet means no rate: 50% would read as a coin toss that never happened. */}
          <Stat label={i18n.t('detail.successRate')}
            value={entity.action_count ? formatPercent(entity.success_count / entity.action_count) : '—'}
            hint={entity.action_count ? undefined : i18n.t('detail.noActionsYet')} />
          <Stat label={i18n.t('detail.witnesses')} value={formatCount(entity.witness_count)} />
          <Stat label={i18n.t('detail.lastActivity')}
            value={Number.isFinite(lastMs) ? formatRelativeTime(lastMs, now) : i18n.t('detail.never')}
            hint={Number.isFinite(lastMs) ? formatDateTime(lastMs) : undefined} />
          <Stat label={i18n.t('detail.transitiveTrust')} value={formatScore(chain.transitive_trust)}
            hint={i18n.t('detail.transitiveTitle')} level={trustLevelOf(chain.transitive_trust)} />
        </dl>
      </section>

      {/* Recorded by the Claude Code hooks and imported with the entity: the extension records no calls. */}
      {entity.call_evidence && <CallsSection evidence={entity.call_evidence} now={now} />}

      <LinkList title={i18n.t('detail.witnessedBy')} empty={i18n.t('detail.noWitnesses')} direct={detail.direct.witnessedBy}
        further={chain.witnessed_by} counted={entity.witness_count} onOpen={onOpen} />
      <LinkList title={i18n.t('detail.hasWitnessed')} empty={i18n.t('detail.noneWitnessed')} direct={detail.direct.hasWitnessed}
        further={chain.has_witnessed} onOpen={onOpen} />

      <section aria-labelledby="history-title">
        <h3 id="history-title">{i18n.t('detail.history')}</h3>
        {events.length === 0 ? (
          <p class="muted small">{i18n.t('detail.noHistory')}</p>
        ) : (
          <ol class="history">
            {events.map((event) => (
              <li key={event.id}>
                <span class="history-what">{describeEvent(event, entity.entity_id)}</span>
                <time class="muted" dateTime={new Date(event.at).toISOString()} title={formatDateTime(event.at)}>
                  {formatRelativeTime(event.at, now)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** Opens the explanation of a term in a tab of its own (a popup closes when it loses focus). */
function HelpLink({ topic }: { topic: string }) {
  return (
    <a class="help-link" href={`/help.html#${topic}`} target="_blank" rel="noopener">{i18n.t('help.whatIsThis')}</a>
  );
}

/** How many direct links show before "Show all". */
const LINKS_SHOWN = 10;

function LinkList({ title, empty, direct, further, counted, onOpen }: {
  title: string;
  empty: string;
  /** Every id of the entity's own list, newest last. */
  direct: DirectLink[];
  /** The witnessing chain in this direction; its links beyond the first step are shown after the direct ones. */
  further: ChainLink[];
  /** How many there were in all, when the list keeps only the most recent. */
  counted?: number;
  onOpen: (id: string) => void;
}) {
  const [all, setAll] = useState(false);
  const newestFirst = direct.slice().reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, LINKS_SHOWN);
  const indirect = further.filter((link) => link.depth > 1);
  return (
    <section class="links" aria-label={title}>
      <h3>{title} <span class="muted num">{direct.length ? formatCount(direct.length) : ''}</span></h3>
      {counted !== undefined && counted > direct.length && direct.length > 0 && (
        <p class="muted small">{i18n.t('detail.mostRecentOf', [formatCount(direct.length), formatCount(counted)])}</p>
      )}
      {direct.length === 0 ? (
        <p class="muted small">{empty}</p>
      ) : (
        <ul>
          {shown.map((link) => (
            <li key={link.entity_id}>
              <LinkRow id={link.entity_id} level={link.trust_level} score={link.t3_average} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      )}
      {shown.length < direct.length && (
        <button type="button" class="btn btn-small btn-ghost show-all" onClick={() => setAll(true)}>
          {i18n.t('detail.showAll', [formatCount(shown.length), formatCount(direct.length)])}
        </button>
      )}
      {indirect.length > 0 && (
        <>
          <h4 class="muted small further">{i18n.t('detail.furtherAlong')}</h4>
          <ul>
            {indirect.map((link) => (
              <li key={link.entity_id}>
                <LinkRow id={link.entity_id} level={link.trust_level} score={link.t3_average} depth={link.depth} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function LinkRow({ id, level, score, depth, onOpen }: {
  id: string;
  level?: TrustLevel | undefined;
  score?: number | undefined;
  depth?: number;
  onOpen: (id: string) => void;
}) {
  if (level === undefined || score === undefined) {
    // Listed by the entity, but not in the store (deleted, or never imported): nothing to open.
    return (
      <span class="link-row link-missing">
        <span class="row-id">{id}</span>
        <span class="muted small">{i18n.t('detail.notStored')}</span>
      </span>
    );
  }
  return (
    <button type="button" class="link-row" onClick={() => onOpen(id)}>
      <span class="row-id">{id}</span>
      {depth !== undefined && depth > 1 && (
        <span class="depth muted" title={i18n.t('detail.depthTitle', [String(depth)])}>
          {i18n.t('detail.depth', [String(depth)])}
        </span>
      )}
      <LevelBadge level={level} />
      <span class="num">{formatScore(score)}</span>
    </button>
  );
}

/** One line for an event of the log, from this entity's point of view. */
function describeEvent(event: TrustEvent, self: string): string {
  const d = event.details;
  const outcome = d.success === true ? i18n.t('event.success') : d.success === false ? i18n.t('event.failure') : '';
  const magnitude = typeof d.magnitude === 'number' ? ` · ${i18n.t('event.magnitude', [formatScore(d.magnitude)])}` : '';
  switch (event.kind) {
    case 'outcome':
      return `${i18n.t('event.outcome', [outcome])}${magnitude}`;
    case 'witness': {
      const [witness, target] = event.entity_ids;
      if (witness === self && target === self) return `${i18n.t('event.witnessedSelf', [outcome])}${magnitude}`;
      return witness === self
        ? `${i18n.t('event.witnessed', [target ?? '?', outcome])}${magnitude}`
        : `${i18n.t('event.witnessedBy', [witness ?? '?', outcome])}${magnitude}`;
    }
    case 'call':
      return i18n.t('event.call', [typeof d.tool === 'string' ? d.tool : '?', outcome]);
    case 'import':
      return i18n.t('event.import');
    case 'delete':
      return i18n.t('event.delete');
    case 'sweep':
      return i18n.t('event.sweep');
    case 'reset':
      return i18n.t('event.reset');
  }
}
