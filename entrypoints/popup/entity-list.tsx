import { i18n } from '#i18n';
import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';
import { LevelBadge } from '@/components/level-badge.js';
import { ScoreBar } from '@/components/score-bar.js';
import { TypeChip } from '@/components/type-chip.js';
import { useVirtualizer } from '@/components/use-virtualizer.js';
import type { EntityListItem } from '@/utils/api/api-types.js';
import { formatCount, formatScore } from '@/utils/pages/format.js';
import type { EntityPages } from './use-entity-pages.js';

const ROW_HEIGHT = 56;

let firstRowsMarked = false;
/** Marks when real rows first reach the screen; the popup benchmark reads this mark. */
function markFirstRows() {
  if (firstRowsMarked) return;
  firstRowsMarked = true;
  performance.mark('first-rows');
}

function Row({ entity }: { entity: EntityListItem }) {
  const failed = entity.call_failures;
  return (
    <>
      <div class="row-main">
        <span class="row-id" title={entity.entity_id}>{entity.entity_id}</span>
        <span class="row-meta">
          <TypeChip type={entity.entity_type} />
          <LevelBadge level={entity.trust_level} />
          {failed > 0 && <span class="row-failures">{i18n.t('popup.failedCalls', failed, [formatCount(failed)])}</span>}
        </span>
      </div>
      <div class="row-score">
        <span class="num" aria-label={i18n.t('entity.t3AverageValue', [formatScore(entity.t3_average)])}>
          {formatScore(entity.t3_average)}
        </span>
        <ScoreBar value={entity.t3_average} width={56} />
      </div>
    </>
  );
}

export function EntityList({ pages, active, onActiveChange, onOpen, onClearFilters, listRef }: {
  pages: EntityPages;
  active: number;
  onActiveChange: (index: number) => void;
  onOpen: (id: string) => void;
  onClearFilters: () => void;
  listRef: RefObject<HTMLDivElement | null>;
}) {
  const count = pages.count ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 380, height: 360 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (count > 0) pages.ensure(first, last);
  }, [first, last, count, pages.meta]);
  useEffect(() => {
    if (items.length && pages.row(first)) markFirstRows();
  });

  const move = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    onActiveChange(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? 360) / ROW_HEIGHT) - 1);

  const onKeyDown = (e: KeyboardEvent) => {
    const keys: Record<string, number> = {
      ArrowDown: active + 1, ArrowUp: active - 1, PageDown: active + pageRows, PageUp: active - pageRows,
      Home: 0, End: count - 1,
    };
    if (e.key in keys) {
      e.preventDefault();
      move(keys[e.key]!);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const entity = pages.row(active);
      if (entity) {
        e.preventDefault();
        onOpen(entity.entity_id);
      }
    }
  };

  if (pages.count === null) {
    return (
      <div class="entity-list" aria-busy="true" aria-label={i18n.t('popup.loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} class="row row-static" aria-hidden="true"><div class="row-placeholder skeleton" /></div>
        ))}
      </div>
    );
  }
  if (count === 0) {
    return (
      <div class="no-matches" role="status">
        <p>{i18n.t('popup.noMatches')}</p>
        <button type="button" class="btn btn-small" onClick={onClearFilters}>{i18n.t('popup.clearFilters')}</button>
      </div>
    );
  }

  const activeEntity = pages.row(active);
  return (
    <div
      ref={listRef}
      class="entity-list"
      role="listbox"
      tabIndex={0}
      aria-label={i18n.t('popup.listLabel')}
      aria-activedescendant={activeEntity ? `row-${active}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
        {items.map((item) => {
          const entity = pages.row(item.index);
          return (
            <div
              key={item.key}
              id={`row-${item.index}`}
              class="row"
              role="option"
              aria-selected={item.index === active}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
              onClick={() => {
                onActiveChange(item.index);
                if (entity) onOpen(entity.entity_id);
              }}
            >
              {entity ? <Row entity={entity} /> : <div class="row-placeholder skeleton" aria-hidden="true" />}
            </div>
          );
        })}
      </div>
    </div>
  );
}
