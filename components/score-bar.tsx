import { trustLevelOf } from '@/core/index.js';

/**
 * A small bar for a score in [0,1], colored by the level that score falls in. Decorative: the number
 * it stands for is always shown beside it, so it is hidden from assistive technology.
 */
export function ScoreBar({ value, width }: { value: number; width?: number }) {
  const clamped = Math.min(1, Math.max(0, value));
  return (
    <div class="score-bar" style={width ? { width: `${width}px` } : undefined} aria-hidden="true">
      <div class="level-fill" data-level={trustLevelOf(clamped)} style={{ width: `${clamped * 100}%` }} />
    </div>
  );
}
