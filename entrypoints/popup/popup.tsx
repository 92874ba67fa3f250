import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { LevelStack } from '@/components/level-stack.js';
import { Skeleton } from '@/components/skeleton.js';
import { useStoreChanged } from '@/components/use-bridge.js';
import { watchBridge } from '@/utils/pages/bridge-watch.js';
import { formatCount } from '@/utils/pages/format.js';
import { BridgeLine } from './bridge-line.js';
import { EmptyState } from './empty-state.js';
import { LazyEntityDetail, preloadDetail } from './lazy-detail.js';
import { EntityList } from './entity-list.js';
import { FilterBar, type Filters } from './filter-bar.js';
import { saveFilters } from './saved-filters.js';
import { useEntityPages, type ListQuery } from './use-entity-pages.js';
import { errorText } from '@/utils/pages/error-text.js';

function openOptions() {
  void browser.runtime.openOptionsPage();
  window.close();
}

/** The list request for some filters; main.tsx prefetches with it, so both must build it alike. */
export function listQuery(filters: Filters): ListQuery {
  const query = filters.query.trim();
  return {
    sort: filters.sort,
    ...(query && { query }),
    ...(filters.type && { type: filters.type }),
    ...(filters.level && { level: filters.level }),
  };
}

export function Popup({ initialFilters }: { initialFilters: Filters }) {
  const [filters, setFilters] = useState<Filters>(initialFilters);
  // The detail views opened so far, so that Back retraces witness links one by one.
  const [trail, setTrail] = useState<string[]>([]);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const pages = useEntityPages(listQuery(filters));
  const { meta } = pages;
  const openId = trail.at(-1);
  const filtered = listQuery(filters);
  const isFiltered = Object.keys(filtered).length > 1;

  // New filters: the first match is the active row, the list starts from the top, and they are
  // remembered for the next opening.
  // Once the list is on screen, the detail's code loads while the person reads it.
  useEffect(() => {
    if (meta) requestIdleCallback(() => void preloadDetail());
  }, [meta !== null]);

  // The port and the bridge's status wake a sleeping background: only once the first rows (or the
  // error) have been painted, so that they never wait for it.
  const shownFirst = meta !== null || pages.error !== null;
  useEffect(() => {
    if (shownFirst) requestAnimationFrame(() => setTimeout(watchBridge, 0));
  }, [shownFirst]);

  // Entities changed on this computer's store: the list and an open detail read theirs again, in place.
  const [storeVersion, setStoreVersion] = useState(0);
  useStoreChanged(() => {
    pages.refresh();
    setStoreVersion((v) => v + 1);
  });
  // Fewer rows than before: the active one stays within the list.
  const matching = meta?.matching ?? 0;
  useEffect(() => {
    if (active > 0 && active >= matching) setActive(Math.max(0, matching - 1));
  }, [matching]);

  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    setActive(0);
    if (listRef.current) listRef.current.scrollTop = 0;
    saveFilters(filters);
  }, [filters]);

  const back = () => {
    setTrail((t) => t.slice(0, -1));
    if (trail.length === 1) requestAnimationFrame(() => listRef.current?.focus());
  };
  // Escape leaves a detail wherever the focus is (even before the detail has taken it).
  const backRef = useRef(back);
  backRef.current = back;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && listRef.current?.closest('[hidden]')) {
        e.preventDefault();
        backRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="popup">
      {/* Covered by an open detail: out of the tab order then, so no hidden button takes focus. */}
      <header class="popup-header" inert={openId !== undefined}>
        <div class="title-row">
          <img src="/icon/32.png" width={20} height={20} alt="" />
          <h1>{i18n.t('extName')}</h1>
          <span class="total muted num" role="status">
            {meta && (isFiltered
              ? i18n.t('popup.matchCount', [formatCount(meta.matching), formatCount(meta.total)])
              : i18n.t('popup.entityCount', meta.total, [formatCount(meta.total)]))}
          </span>
          <button type="button" class="btn btn-ghost btn-icon" onClick={openOptions}
            title={i18n.t('popup.openOptions')} aria-label={i18n.t('popup.openOptions')}>
            <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor"
              stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
              <circle cx="12" cy="12" r="3" />
              <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
            </svg>
          </button>
        </div>
        <BridgeLine />
        {meta ? meta.total > 0 && <LevelStack byLevel={meta.byLevel} total={meta.total} compact /> : <Skeleton height={8} />}
      </header>

      <main class="popup-main">
      {pages.error && !meta && (
        <div class="notice notice-error popup-error" role="alert">
          <p class="notice-title">{i18n.t('popup.loadFailed')}</p>
          <p>{errorText(pages.error)}</p>
          <button type="button" class="btn btn-small" onClick={() => pages.reload()}>{i18n.t('common.retry')}</button>
        </div>
      )}

      {meta && meta.total === 0 ? (
        <div class="empty-view"><EmptyState onOpenOptions={openOptions} /></div>
      ) : (
        <div class="list-view" hidden={openId !== undefined}>
          <FilterBar filters={filters} onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
            byType={meta?.byType} byLevel={meta?.byLevel} />
          <EntityList
            pages={pages}
            active={active}
            onActiveChange={setActive}
            onOpen={(id) => setTrail([id])}
            onClearFilters={() => setFilters((f) => ({ query: '', sort: f.sort }))}
            listRef={listRef}
          />
        </div>
      )}

      {openId !== undefined && (
        <LazyEntityDetail key={openId} id={openId} storeVersion={storeVersion} onBack={back}
          onOpen={(id) => setTrail((t) => [...t, id])} />
      )}
      </main>
    </div>
  );
}
