import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { api } from '@/utils/api/api-client.js';
import type { Settings, SweepResult } from '@/utils/api/api-types.js';
import { listEntityPage } from '@/utils/pages/entity-source.js';
import { errorText } from '@/utils/pages/error-text.js';
import { formatCount, formatDateTime, formatRelativeTime } from '@/utils/pages/format.js';

export function DecayPanel({ lastSweep, settings, onSwept }: {
  lastSweep: SweepResult | null;
  settings: Settings | undefined;
  onSwept: () => void;
}) {
  // What the sweep covers, counted when asked (null: not asking; `counted` false: the count failed).
  const [asking, setAsking] = useState<{ counted: false } | { counted: true; entities: number; sessions: number } | null>(null);
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
  const ask = async () => {
    const page = await listEntityPage({ sort: 'name', offset: 0, limit: 1 });
    setAsking(page.ok ? { counted: true, entities: page.value.total, sessions: page.value.byType.session ?? 0 } : { counted: false });
  };
  const retention = settings?.sessionRetentionDays;
  const keepsSessions = retention === null || retention === undefined;

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
      <button type="button" class="btn" onClick={() => void ask()} disabled={running}>
        {running ? i18n.t('decay.running') : i18n.t('decay.runNow')}
      </button>
      {asking && (
        <ConfirmDialog title={i18n.t('decay.confirmTitle')} confirmLabel={i18n.t('decay.confirmButton')}
          onConfirm={() => void run()} onClose={() => setAsking(null)}>
          <p>
            {asking.counted
              ? i18n.t('decay.confirmCount', asking.entities, [formatCount(asking.entities)])
              : i18n.t('decay.confirmBody')}
          </p>
          {(!asking.counted || asking.entities > 0) && (
            <p>
              {keepsSessions
                ? i18n.t('decay.confirmKeepsSessions')
                : asking.counted
                  ? i18n.t('decay.confirmRemovesSessionsOf', asking.sessions, [formatCount(asking.sessions), formatCount(retention)])
                  : i18n.t('decay.confirmRemovesSessions', [formatCount(retention)])}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
