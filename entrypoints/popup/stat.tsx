import { LevelBadge } from '@/components/level-badge.js';
import type { TrustLevel } from '@/core/index.js';

/** One figure of the detail view's stat grids (inside a `<dl class="stats">`); `hint` is its tooltip. */
export function Stat({ label, value, hint, level }: { label: string; value: string; hint?: string | undefined; level?: TrustLevel }) {
  return (
    <div class="stat">
      <dt class="muted">{label}</dt>
      <dd class="num" title={hint}>
        {value}
        {level && <> <LevelBadge level={level} /></>}
      </dd>
    </div>
  );
}
