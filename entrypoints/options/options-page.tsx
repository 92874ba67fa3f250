import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { Skeleton } from '@/components/skeleton.js';
import { useStoreChanged } from '@/components/use-bridge.js';
import { api } from '@/utils/api/api-client.js';
import type { ApiError, StatusResponse } from '@/utils/api/api-types.js';
import { watchBridge } from '@/utils/pages/bridge-watch.js';
import { ComputerPanel } from './computer-panel.js';
import { DeleteAllPanel, ExportPanel } from './data-panel.js';
import { DecayPanel } from './decay-panel.js';
import { EntityTable } from './entity-table.js';
import { ImportPanel } from './import-panel.js';
import { SettingsForm } from './settings-form.js';
import { errorText } from '@/utils/pages/error-text.js';

export function OptionsPage() {
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Bumped after every change to the store, so the entity table reloads.
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);

  const loadStatus = async () => {
    const result = await api.getStatus();
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  };
  useEffect(() => void loadStatus(), []);
  // The page's port (the bridge stays connected while it is open) and the bridge's status, after the first paint.
  useEffect(() => watchBridge(), []);
  // Entities changed on this computer's store: the table and the counts are read again.
  useStoreChanged(changed);

  return (
    <div class="page">
      <header class="page-header">
        <img src="/icon/48.png" width={36} height={36} alt="" />
        <div>
          <h1>{i18n.t('extName')}</h1>
          <p class="muted">{i18n.t('options.subtitle')}</p>
        </div>
      </header>

      <main>
        {error && (
          <div class="notice notice-error" role="alert">
            <p class="notice-title">{i18n.t('options.statusFailed')}</p>
            <p>{errorText(error)}</p>
          </div>
        )}

        <section class="card" aria-labelledby="settings-title">
          <div class="card-head">
            <h2 id="settings-title">{i18n.t('settings.title')}</h2>
            <p class="muted small">
              {i18n.t('settings.intro')}{' '}
              <a href="/help.html#decay" target="_blank" rel="noopener">{i18n.t('help.whatIsThis')}</a>
            </p>
          </div>
          {status ? (
            <SettingsForm settings={status.settings} onSaved={(settings) => {
              setStatus({ ...status, settings });
              // The table shows trust decayed to now with these settings.
              changed();
            }} />
          ) : <div class="card-pad"><Skeleton height={120} /></div>}
          <div class="card-foot">
            <DecayPanel lastSweep={status?.lastSweep ?? null} settings={status?.settings} onSwept={() => {
              void loadStatus();
              changed();
            }} />
          </div>
        </section>

        <section class="card" aria-labelledby="data-title">
          <div class="card-head">
            <h2 id="data-title">{i18n.t('data.title')}</h2>
          </div>
          <div class="card-pad stack">
            <ExportPanel />
            <div>
              <h3>{i18n.t('import.title')}</h3>
              <p class="muted small">{i18n.t('import.help')}</p>
              <ImportPanel onImported={changed} />
            </div>
            <DeleteAllPanel onDeleted={changed} />
          </div>
        </section>

        <ComputerPanel version={version} />

        <section class="card" aria-labelledby="entities-title">
          <div class="card-head">
            <h2 id="entities-title">{i18n.t('table.title')}</h2>
          </div>
          <div class="card-pad">
            <EntityTable version={version} onChanged={changed} />
          </div>
        </section>
      </main>
    </div>
  );
}
