/**
 * The first `count` of `items` in the order of `compare`, sorted: what a page of a sorted list needs,
 * without sorting the whole list. Most items are turned away by one comparison with the last kept,
 * so 100,000 rows cost ~100,000 comparisons instead of ~1.7 million. Ties keep `items`' order, as
 * a stable sort would. Beyond a few thousand kept, sorting everything is as fast: it does that.
 */
export function firstInOrder<T>(items: readonly T[], compare: (a: T, b: T) => number, count: number): T[] {
  if (count <= 0) return [];
  if (count > SELECT_AT_MOST) return items.slice().sort(compare).slice(0, count);
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === count && compare(item, kept[count - 1]!) >= 0) continue;
    // After every kept item that is not after it (ties stay in arrival order).
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(item, kept[middle]!) < 0) high = middle;
      else low = middle + 1;
    }
    kept.splice(low, 0, item);
    if (kept.length > count) kept.pop();
  }
  return kept;
}

/** How many items a selection keeps at most before a whole sort is cheaper (insertions move them all). */
const SELECT_AT_MOST = 2000;
