import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { api } from '@/utils/api/api-client.js';
import type { Settings, SweepResult } from '@/utils/api/api-types.js';
import { errorText } from '@/utils/pages/error-text.js';
import { formatCount, formatDateTime, formatRelativeTime } from '@/utils/pages/format.js';

export function DecayPanel({ lastSweep, settings, onSwept }: {
  lastSweep: SweepResult | null;
  settings: Settings | undefined;
  onSwept: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setRunning(true);
    setError(null);
    const result = await api.sweepNow();
    setRunning(false);
    if (result.ok) onSwept();
    else setError(errorText(result.error));
  };
  const retention = settings?.sessionRetentionDays;

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
            ])}
          </p>
        )}
        {error && <p class="field-error" role="alert">{error}</p>}
      </div>
      <button type="button" class="btn" onClick={() => setAsking(true)} disabled={running}>
        {running ? i18n.t('decay.running') : i18n.t('decay.runNow')}
      </button>
      {asking && (
        <ConfirmDialog title={i18n.t('decay.confirmTitle')} confirmLabel={i18n.t('decay.confirmButton')}
          onConfirm={() => void run()} onClose={() => setAsking(false)}>
          <p>{i18n.t('decay.confirmBody')}</p>
          <p>
            {retention === null || retention === undefined
              ? i18n.t('decay.confirmKeepsSessions')
              : i18n.t('decay.confirmRemovesSessions', [formatCount(retention)])}
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
