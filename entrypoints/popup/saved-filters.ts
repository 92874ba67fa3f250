// The popup's filters and sort, kept between openings. localStorage because it reads synchronously:
// the first page's read starts with the saved filters before anything renders, at no extra wait.
import { TRUST_LEVELS, type TrustLevel } from '@/core/index.js';
import { KNOWN_TYPES, SORT_KEYS, type SortKey, type TypeFilter } from '@/utils/api/api-types.js';
import type { Filters } from './filter-bar.js';

const KEY = 'web4-trust.popup-filters';
const TYPES: readonly string[] = [...KNOWN_TYPES, 'other'];

export function loadFilters(fallbackSort: SortKey): Filters {
  const filters: Filters = { query: '', sort: fallbackSort };
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof saved !== 'object' || saved === null) return filters;
    const { query, type, level, sort } = saved as Record<string, unknown>;
    if (typeof query === 'string' && query.length <= 1024) filters.query = query;
    if (typeof type === 'string' && TYPES.includes(type)) filters.type = type as TypeFilter;
    if (typeof level === 'string' && (TRUST_LEVELS as readonly string[]).includes(level)) filters.level = level as TrustLevel;
    if (typeof sort === 'string' && (SORT_KEYS as readonly string[]).includes(sort)) filters.sort = sort as SortKey;
  } catch {
    // Unreadable or blocked storage: start from the defaults.
  }
  return filters;
}

export function saveFilters(filters: Filters): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(filters));
  } catch {
    // Storage full or blocked: the filters are simply not remembered.
  }
}
