import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { BridgeNote } from '@/components/bridge-note.js';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import { api } from '@/utils/api/api-client.js';
import { serializeBundle } from '@/core/index.js';
import { exportFileName, formatCount } from '@/utils/pages/format.js';
import { listEntityPage } from '@/utils/pages/entity-source.js';
import { errorText } from '@/utils/pages/error-text.js';

/** Saves `text` as a download named `name` (a Blob behind a temporary link). */
function download(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Exports the store as a download; says how it went. */
async function exportToFile(): Promise<Outcome> {
  const result = await api.exportStore();
  if (!result.ok) return { ok: false, text: errorText(result.error) };
  const name = exportFileName(new Date());
  download(serializeBundle(result.value), name);
  return { ok: true, text: i18n.t('export.done', result.value.entities.length, [formatCount(result.value.entities.length), name]) };
}

export function ExportPanel() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);

  const exportStore = async () => {
    setBusy(true);
    setMessage(null);
    const outcome = await exportToFile();
    setBusy(false);
    setMessage(outcome);
  };

  return (
    <div class="row-panel">
      <div>
        <h3>{i18n.t('export.title')}</h3>
        <p class="muted small">{i18n.t('export.help')}</p>
        <ResultMessage outcome={message} />
      </div>
      <button type="button" class="btn" onClick={() => void exportStore()} disabled={busy}>
        {busy ? i18n.t('export.working') : i18n.t('export.button')}
      </button>
    </div>
  );
}

export function DeleteAllPanel({ onDeleted }: { onDeleted: () => void }) {
  // The number of entities that would go, once counted; null while not asking.
  const [asking, setAsking] = useState<number | null>(null);
  const [message, setMessage] = useState<Outcome | null>(null);
  const [exported, setExported] = useState<Outcome | null>(null);
  const word = i18n.t('deleteAll.word');

  const ask = async () => {
    setExported(null);
    const page = await listEntityPage({ sort: 'name', offset: 0, limit: 1 });
    setAsking(page.ok ? page.value.total : -1);
  };

  const deleteAll = async () => {
    const result = await api.deleteAll();
    if (result.ok) {
      setMessage({ ok: true, text: i18n.t('deleteAll.done', result.value.deleted, [formatCount(result.value.deleted)]) });
      onDeleted();
    } else {
      setMessage({ ok: false, text: errorText(result.error) });
    }
  };

  return (
    <div class="row-panel danger-zone">
      <div>
        <h3>{i18n.t('deleteAll.title')}</h3>
        <p class="muted small">{i18n.t('deleteAll.help')}</p>
        <ResultMessage outcome={message} />
      </div>
      <button type="button" class="btn btn-danger" onClick={() => void ask()}>{i18n.t('deleteAll.button')}</button>
      {asking !== null && (
        <ConfirmDialog title={i18n.t('deleteAll.confirmTitle')} confirmLabel={i18n.t('deleteAll.confirmButton')} danger
          typeToConfirm={word} onConfirm={() => void deleteAll()} onClose={() => setAsking(null)}
          extraAction={{ label: i18n.t('deleteAll.exportFirst'), run: () => void exportToFile().then(setExported) }}>
          <p>
            {asking >= 0 ? i18n.t('deleteAll.confirmCount', asking, [formatCount(asking)]) : i18n.t('deleteAll.confirmBody')}{' '}
            {i18n.t('deleteAll.cannotUndo')}
          </p>
          <BridgeNote action="deleteAll" />
          <ResultMessage outcome={exported} />
        </ConfirmDialog>
      )}
    </div>
  );
}
