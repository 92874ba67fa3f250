import { i18n } from '#i18n';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { levelLabel } from '@/components/labels.js';
import { TRUST_LEVELS, type TrustLevel } from '@/core/index.js';
import { KNOWN_TYPES, type SortKey, type TypeFilter } from '@/utils/api/api-types.js';
import { formatCount } from '@/utils/pages/format.js';

export interface Filters {
  query: string;
  type?: TypeFilter | undefined;
  level?: TrustLevel | undefined;
  sort: SortKey;
}

const TYPE_CHIPS: TypeFilter[] = [...KNOWN_TYPES, 'other'];
const SORTS: SortKey[] = ['recent', 'trust-desc', 'trust-asc', 'name', 'failures'];
const SEARCH_DELAY_MS = 120;

function sortLabel(sort: SortKey): string {
  switch (sort) {
    case 'recent': return i18n.t('sort.recent');
    case 'trust-desc': return i18n.t('sort.trustDesc');
    case 'trust-asc': return i18n.t('sort.trustAsc');
    case 'name': return i18n.t('sort.name');
    case 'failures': return i18n.t('sort.failures');
  }
}

function typeCount(byType: Record<string, number>, chip: TypeFilter): number {
  if (chip !== 'other') return byType[chip] ?? 0;
  const known = new Set<string>(KNOWN_TYPES);
  return Object.entries(byType).reduce((sum, [type, n]) => (known.has(type) ? sum : sum + n), 0);
}

export function FilterBar({ filters, onChange, byType, byLevel }: {
  filters: Filters;
  /** Changes some filters; the others keep their latest values. */
  onChange: (patch: Partial<Filters>) => void;
  byType: Record<string, number> | undefined;
  byLevel: Record<TrustLevel, number> | undefined;
}) {
  // The box updates at once; the list follows after a short pause in typing.
  const [text, setText] = useState(filters.query);
  useEffect(() => setText(filters.query), [filters.query]);
  useEffect(() => {
    if (text === filters.query) return;
    const timer = setTimeout(() => onChange({ query: text }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  // Search is where a person starts: it has the focus when the popup opens.
  const searchRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => searchRef.current?.focus(), []);
  // Type and level take one row only when asked for (or when one is set, so it is never hidden).
  const active = (filters.type ? 1 : 0) + (filters.level ? 1 : 0);
  const [open, setOpen] = useState(active > 0);

  return (
    <div class="filter-bar" role="search">
      <div class="filter-row">
        <div class="search">
          <svg width="15" height="15" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2"
            stroke-linecap="round"><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></svg>
          <input ref={searchRef} type="search" class="input" value={text} placeholder={i18n.t('popup.searchPlaceholder')}
            aria-label={i18n.t('popup.searchLabel')} onInput={(e) => setText(e.currentTarget.value)}
            spellcheck={false} autocomplete="off" />
        </div>
        <button type="button" class="btn btn-small filters-toggle" aria-expanded={open} aria-controls="more-filters"
          data-active={active > 0 || undefined} onClick={() => setOpen(!open)}>
          {active ? i18n.t('popup.filtersActive', [String(active)]) : i18n.t('popup.filters')}
        </button>
        <label class="sort">
          <span class="visually-hidden">{i18n.t('popup.sortLabel')}</span>
          <select class="select" value={filters.sort} title={i18n.t('popup.sortLabel')}
            onChange={(e) => onChange({ sort: e.currentTarget.value as SortKey })}>
            {SORTS.map((s) => <option key={s} value={s}>{sortLabel(s)}</option>)}
          </select>
        </label>
      </div>
      <div id="more-filters" class="more-filters" hidden={!open}>
        <div class="chips" role="group" aria-label={i18n.t('popup.typeFilter')}>
          {TYPE_CHIPS.map((chip) => {
            const pressed = filters.type === chip;
            const count = byType && typeCount(byType, chip);
            return (
              <button key={chip} type="button" class="chip" aria-pressed={pressed}
                onClick={() => onChange({ type: pressed ? undefined : chip })}>
                {chip === 'other' ? i18n.t('popup.typeOther') : chip}
                {count !== undefined && <span class="chip-count num">{formatCount(count)}</span>}
              </button>
            );
          })}
        </div>
        <label class="level-filter">
          <span class="visually-hidden">{i18n.t('popup.levelFilter')}</span>
          <select class="select" value={filters.level ?? ''}
            onChange={(e) => onChange({ level: (e.currentTarget.value || undefined) as TrustLevel | undefined })}>
            <option value="">{i18n.t('popup.allLevels')}</option>
            {TRUST_LEVELS.map((l) => (
              <option key={l} value={l}>{levelLabel(l)}{byLevel ? ` (${formatCount(byLevel[l])})` : ''}</option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
