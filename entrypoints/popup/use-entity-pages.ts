// Loads the list page by page as the person scrolls, so 10,000 entities cost a few small reads.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ApiError, EntityListItem, ListEntitiesRequest, ListEntitiesResponse } from '@/utils/api/api-types.js';
import { listEntityPage, takePrefetched } from '@/utils/pages/entity-source.js';

export const PAGE_SIZE = 100;

export type ListQuery = Omit<ListEntitiesRequest, 'offset' | 'limit'>;
export type ListMeta = Omit<ListEntitiesResponse, 'items'>;

/** What the popup shows when it opens. */
export const INITIAL_SORT = 'recent' as const;

export function pageRequest(query: ListQuery, page: number): ListEntitiesRequest {
  return { ...query, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
}

export interface EntityPages {
  /** Totals of the latest full response, or null before the first one. */
  meta: ListMeta | null;
  /** How many rows the list has (the matching count), or null before the first response. */
  count: number | null;
  error: ApiError | null;
  row(index: number): EntityListItem | undefined;
  /** Asks for the pages covering rows `start`..`end` (inclusive) if they are not loaded yet. */
  ensure(start: number, end: number): void;
  /** Reads everything again from the first page (new filters, or after an error). */
  reload(): void;
  /**
   * Reads the pages in view again and swaps them in at once (the store changed elsewhere): the rows
   * on screen stay until then, so nothing flickers and the list keeps its place.
   */
  refresh(): void;
}

export function useEntityPages(query: ListQuery): EntityPages {
  const [meta, setMeta] = useState<ListMeta | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [, setVersion] = useState(0);
  // `pages` fills for the current filters; `shown` keeps the previous results on screen until then.
  const pages = useRef(new Map<number, EntityListItem[]>());
  const shown = useRef(pages.current);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  /** The generation of a refresh under way: its pages are shown only together. */
  const refreshing = useRef<number | null>(null);
  /** The pages last asked for by the list: those in view. */
  const inView = useRef<[number, number]>([0, 0]);
  const queryRef = useRef(query);
  queryRef.current = query;

  const load = useCallback((page: number) => {
    if (requested.current.has(page)) return;
    requested.current.add(page);
    const gen = generation.current;
    const request = pageRequest(queryRef.current, page);
    const read = (page === 0 && takePrefetched(request)) || listEntityPage(request);
    void read.then((result) => {
      if (gen !== generation.current) return; // the filters changed meanwhile
      if (!result.ok) {
        requested.current.delete(page);
        setError(result.error);
        return;
      }
      const { items, ...totals } = result.value;
      pages.current.set(page, items);
      if (refreshing.current === gen) return; // shown with the refresh's own pages
      shown.current = pages.current;
      setMeta(totals);
      setError(null);
      setVersion((v) => v + 1);
    });
  }, []);

  const key = JSON.stringify(query);
  const reload = useCallback(() => {
    generation.current++;
    refreshing.current = null;
    pages.current = new Map();
    requested.current = new Set();
    load(0);
  }, [load]);
  useEffect(reload, [key, reload]);

  const refresh = useCallback(() => {
    // Nothing on screen yet (or the first read failed): a plain reload.
    if (shown.current.size === 0) {
      reload();
      return;
    }
    const gen = ++generation.current;
    refreshing.current = gen;
    const fresh = new Map<number, EntityListItem[]>();
    pages.current = fresh;
    const [first, last] = inView.current;
    const wanted = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    requested.current = new Set(wanted);
    void Promise.all(wanted.map((page) => listEntityPage(pageRequest(queryRef.current, page)))).then((results) => {
      if (gen !== generation.current) return; // the filters changed, or a newer refresh began
      refreshing.current = null;
      let totals: ListMeta | undefined;
      for (const [i, result] of results.entries()) {
        if (!result.ok) {
          // Keep what is on screen; the next change or scroll reads again.
          pages.current = shown.current;
          requested.current = new Set(shown.current.keys());
          return;
        }
        const { items, ...rest } = result.value;
        fresh.set(wanted[i]!, items);
        totals = rest;
      }
      shown.current = fresh;
      if (totals) setMeta(totals);
      setError(null);
      setVersion((v) => v + 1);
    });
  }, [reload]);

  return {
    meta,
    count: meta?.matching ?? null,
    error,
    row: (index) => shown.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    ensure(start, end) {
      inView.current = [Math.floor(start / PAGE_SIZE), Math.floor(end / PAGE_SIZE)];
      for (let p = inView.current[0]; p <= inView.current[1]; p++) load(p);
    },
    reload,
    refresh,
  };
}
