import type { TrustLevel } from '@/core/index.js';
import { levelLabel } from './labels.js';

/** A trust level as a colored pill with its word, so it never relies on color alone. */
export function LevelBadge({ level }: { level: TrustLevel }) {
  return (
    <span class="badge" data-level={level}>
      {levelLabel(level)}
    </span>
  );
}
