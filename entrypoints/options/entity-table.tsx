import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BridgeNote } from '@/components/bridge-note.js';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { CopyButton } from '@/components/copy-button.js';
import { LevelBadge } from '@/components/level-badge.js';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import { ScoreBar } from '@/components/score-bar.js';
import { TypeChip } from '@/components/type-chip.js';
import { api } from '@/utils/api/api-client.js';
import type { ApiError, EntitySummary, ListEntitiesResponse, SortKey } from '@/utils/api/api-types.js';
import { listEntityPage } from '@/utils/pages/entity-source.js';
import { formatCount, formatDateTime, formatRelativeTime, formatScore } from '@/utils/pages/format.js';
import { errorText } from '@/utils/pages/error-text.js';

const PAGE = 50;

type Pending = { action: 'delete' | 'reset'; entity: EntitySummary };

/** A column's sort: the key it sorts by, and the key for the other direction (trust sorts both ways). */
const COLUMN_SORTS: Record<'entity' | 'score' | 'time', { first: SortKey; second?: SortKey }> = {
  entity: { first: 'name' },
  score: { first: 'trust-desc', second: 'trust-asc' },
  time: { first: 'recent' },
};

export function EntityTable({ version, onChanged }: { version: number; onChanged: () => void }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>('name');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListEntitiesResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<Outcome | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => setOffset(0), [query, sort]);
  useEffect(() => {
    let live = true;
    const q = query.trim();
    const load = async () => {
      const result = await listEntityPage({ sort, offset, limit: PAGE, ...(q && { query: q }) });
      if (!live) return;
      if (result.ok) {
        setPage(result.value);
        setError(null);
      } else setError(result.error);
    };
    const timer = setTimeout(() => void load(), 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, sort, offset, version]);

  const act = async ({ action, entity }: Pending) => {
    const result = action === 'delete' ? await api.deleteEntity(entity.entity_id) : await api.resetEntity(entity.entity_id);
    if (result.ok) {
      setNotice({ ok: true, text: i18n.t(action === 'delete' ? 'table.deleted' : 'table.wasReset', [entity.entity_id]) });
      // The deleted row's buttons go with it: focus stays in the table, on its search.
      if (action === 'delete') searchRef.current?.focus();
      onChanged();
    } else {
      setNotice({ ok: false, text: errorText(result.error) });
    }
  };

  const matching = page?.matching ?? 0;
  const now = Date.now();
  return (
    <div class="entity-table">
      <div class="table-tools">
        <input ref={searchRef} type="search" class="input" value={query} placeholder={i18n.t('popup.searchPlaceholder')}
          aria-label={i18n.t('popup.searchLabel')} onInput={(e) => setQuery(e.currentTarget.value)} spellcheck={false} />
        <span class="muted small num" aria-live="polite">
          {page && matching > 0 && i18n.t('table.showing', [
            formatCount(matching ? offset + 1 : 0), formatCount(Math.min(offset + PAGE, matching)), formatCount(matching),
          ])}
        </span>
      </div>
      <ResultMessage outcome={notice} />
      {error && <p class="field-error" role="alert">{errorText(error)}</p>}
      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">{i18n.t('table.caption')}</caption>
          <thead class="table-head">
            <tr>
              <SortHeader column="entity" label={i18n.t('table.entity')} sort={sort} onSort={setSort} />
              <th scope="col" class="col-level">{i18n.t('table.level')}</th>
              <SortHeader column="score" label={i18n.t('entity.t3Average')} title={i18n.t('entity.t3AverageTitle')}
                class="col-score numeric" sort={sort} onSort={setSort} />
              <SortHeader column="time" label={i18n.t('detail.lastActivity')} class="col-time" sort={sort} onSort={setSort} />
              <th scope="col" class="col-actions"><span class="visually-hidden">{i18n.t('table.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((e) => (
              <tr key={e.entity_id}>
                <td class="cell-id">
                  <div class="id-line">
                    <TypeChip type={e.entity_type} /> <span class="mono" title={e.entity_id}>{e.entity_id}</span>
                    <CopyButton text={e.entity_id} label={i18n.t('copy.label', [e.entity_id])} />
                  </div>
                </td>
                <td><LevelBadge level={e.trust_level} /></td>
                <td class="numeric" data-label={i18n.t('entity.t3Average')}>
                  <span class="score-cell"><span class="num">{formatScore(e.t3_average)}</span><ScoreBar value={e.t3_average} width={48} /></span>
                </td>
                <td class="muted" data-label={i18n.t('detail.lastActivity')}>
                  {e.last_activity === null ? i18n.t('detail.never') : (
                    <time dateTime={new Date(e.last_activity).toISOString()} title={formatDateTime(e.last_activity)}>
                      {formatRelativeTime(e.last_activity, now)}
                    </time>
                  )}
                </td>
                <td class="cell-actions">
                  <button type="button" class="btn btn-small" aria-label={i18n.t('table.resetLabel', [e.entity_id])}
                    onClick={() => setPending({ action: 'reset', entity: e })}>{i18n.t('common.reset')}</button>
                  <button type="button" class="btn btn-small btn-danger" aria-label={i18n.t('table.deleteLabel', [e.entity_id])}
                    onClick={() => setPending({ action: 'delete', entity: e })}>{i18n.t('common.delete')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && matching === 0 && (
          <p class="table-empty muted">{page.total === 0 ? i18n.t('table.emptyStore') : i18n.t('popup.noMatches')}</p>
        )}
      </div>
      {matching > PAGE && (
        <Pager offset={offset} matching={matching} onOffset={setOffset} />
      )}
      {pending && (
        <ConfirmDialog
          title={i18n.t(pending.action === 'delete' ? 'table.confirmDeleteTitle' : 'table.confirmResetTitle')}
          confirmLabel={pending.action === 'delete' ? i18n.t('common.delete') : i18n.t('common.reset')}
          danger
          fallbackFocus={() => searchRef.current}
          onConfirm={() => void act(pending)}
          onClose={() => setPending(null)}
        >
          <p class="mono">{pending.entity.entity_id}</p>
          <p>{i18n.t(pending.action === 'delete' ? 'table.confirmDeleteBody' : 'table.confirmResetBody')}</p>
          <BridgeNote action={pending.action === 'delete' ? 'deleteOne' : 'reset'} />
        </ConfirmDialog>
      )}
    </div>
  );
}

function SortHeader({ column, label, title, class: className, sort, onSort }: {
  column: keyof typeof COLUMN_SORTS;
  label: string;
  title?: string;
  class?: string;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
}) {
  const { first, second } = COLUMN_SORTS[column];
  const active = sort === first || sort === second;
  // Names sort A–Z and trust highest first; recent activity is newest first.
  const direction = !active ? 'none' : sort === 'name' || sort === 'trust-asc' ? 'ascending' : 'descending';
  const next = sort === first && second ? second : first;
  return (
    <th scope="col" class={className} aria-sort={direction}>
      <button type="button" class="sort-button" title={title} onClick={() => onSort(next)}>
        {label}
        <span aria-hidden="true" class="sort-mark">{direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}</span>
      </button>
    </th>
  );
}

/** First, previous, a page number to jump to, next and last. */
function Pager({ offset, matching, onOffset }: { offset: number; matching: number; onOffset: (offset: number) => void }) {
  const pages = Math.ceil(matching / PAGE);
  const page = Math.floor(offset / PAGE) + 1;
  const [typed, setTyped] = useState(String(page));
  useEffect(() => setTyped(String(page)), [page]);
  const go = (n: number) => onOffset((Math.min(pages, Math.max(1, n)) - 1) * PAGE);
  return (
    <nav class="pager" aria-label={i18n.t('table.pages')}>
      <button type="button" class="btn btn-small" disabled={page === 1} onClick={() => go(1)}>{i18n.t('table.first')}</button>
      <button type="button" class="btn btn-small" disabled={page === 1} onClick={() => go(page - 1)}>{i18n.t('table.previous')}</button>
      <form class="page-jump" onSubmit={(e) => {
        e.preventDefault();
        const n = Number(typed);
        if (Number.isInteger(n)) go(n);
        else setTyped(String(page));
      }}>
        <label>
          {i18n.t('table.page')}{' '}
          <input class="input num" inputMode="numeric" value={typed} size={String(pages).length + 1}
            onInput={(e) => setTyped(e.currentTarget.value.replace(/[^0-9]/g, ''))} />
        </label>{' '}
        <span>{i18n.t('table.ofPages', [formatCount(pages)])}</span>
      </form>
      <button type="button" class="btn btn-small" disabled={page === pages} onClick={() => go(page + 1)}>{i18n.t('table.next')}</button>
      <button type="button" class="btn btn-small" disabled={page === pages} onClick={() => go(pages)}>{i18n.t('table.last')}</button>
    </nav>
  );
}
