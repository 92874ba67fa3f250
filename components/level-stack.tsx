import { i18n } from '#i18n';
import { TRUST_LEVELS, type TrustLevel } from '@/core/index.js';
import { formatCount } from '@/utils/pages/format.js';
import { levelLabel } from './labels.js';

/**
 * Counts per trust level as one stacked bar, with a legend that spells the numbers out. `compact`
 * (the popup) leaves the legend out: the bar's label and tooltip carry the numbers, and the level
 * filter lists them.
 */
export function LevelStack({ byLevel, total, compact = false }: { byLevel: Record<TrustLevel, number>; total: number; compact?: boolean }) {
  const summary = TRUST_LEVELS.map((l) => `${levelLabel(l)}: ${formatCount(byLevel[l])}`).join(', ');
  return (
    <div class="level-summary">
      <div class="level-stack" role="img" aria-label={i18n.t('levels.barLabel', [summary])} title={summary}>
        {total > 0 &&
          TRUST_LEVELS.filter((l) => byLevel[l] > 0).map((l) => (
            <div key={l} class="level-fill" data-level={l} style={{ flexGrow: byLevel[l] }} />
          ))}
      </div>
      {!compact && <ul class="level-legend" aria-hidden="true">
        {TRUST_LEVELS.map((l) => (
          <li key={l}>
            <span class="swatch level-fill" data-level={l} />
            {levelLabel(l)} <strong class="num">{formatCount(byLevel[l])}</strong>
          </li>
        ))}
      </ul>}
    </div>
  );
}
