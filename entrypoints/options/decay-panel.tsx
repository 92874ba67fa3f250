import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { api } from '@/utils/api/api-client.js';
import type { SweepResult } from '@/utils/api/api-types.js';
import { formatCount, formatDateTime, formatRelativeTime } from '@/utils/pages/format.js';

export function DecayPanel({ lastSweep, onSwept }: { lastSweep: SweepResult | null; onSwept: () => void }) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    const result = await api.sweepNow();
    setRunning(false);
    if (result.ok) onSwept();
    else setError(result.error.message);
  };

  return (
    <div class="decay-panel">
      <div>
        <p class="last-sweep" aria-live="polite">
          {lastSweep ? (
            <>
              {i18n.t('decay.lastSweep')}{' '}
              <time dateTime={new Date(lastSweep.finished_at).toISOString()} title={formatDateTime(lastSweep.finished_at)}>
                {formatRelativeTime(lastSweep.finished_at, Date.now())}
              </time>
            </>
          ) : i18n.t('decay.neverSwept')}
        </p>
        {lastSweep && (
          <p class="muted small">
            {i18n.t('decay.sweepSummary', [
              formatCount(lastSweep.scanned), formatCount(lastSweep.changed), formatCount(lastSweep.removed),
              formatCount(Math.round(lastSweep.duration_ms)),
            ])}
          </p>
        )}
        {error && <p class="field-error" role="alert">{error}</p>}
      </div>
      <button type="button" class="btn" onClick={() => void run()} disabled={running}>
        {running ? i18n.t('decay.running') : i18n.t('decay.runNow')}
      </button>
    </div>
  );
}
