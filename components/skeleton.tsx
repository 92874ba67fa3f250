/** A shimmering placeholder shown while data loads. */
export function Skeleton({ width, height = 12 }: { width?: number | string; height?: number }) {
  return <div class="skeleton" style={{ width: width ?? '100%', height: `${height}px` }} aria-hidden="true" />;
}
