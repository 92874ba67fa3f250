import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/confirm-dialog.js';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import { api } from '@/utils/api/api-client.js';
import { serializeBundle } from '@/core/index.js';
import { exportFileName, formatCount } from '@/utils/pages/format.js';

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

export function ExportPanel() {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);

  const exportStore = async () => {
    setBusy(true);
    setMessage(null);
    const result = await api.exportStore();
    setBusy(false);
    if (!result.ok) {
      setMessage({ ok: false, text: result.error.message });
      return;
    }
    const name = exportFileName(new Date());
    download(serializeBundle(result.value), name);
    setMessage({ ok: true, text: i18n.t('export.done', result.value.entities.length, [formatCount(result.value.entities.length), name]) });
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
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);
  const word = i18n.t('deleteAll.word');

  const deleteAll = async () => {
    const result = await api.deleteAll();
    if (result.ok) {
      setMessage({ ok: true, text: i18n.t('deleteAll.done', result.value.deleted, [formatCount(result.value.deleted)]) });
      onDeleted();
    } else {
      setMessage({ ok: false, text: result.error.message });
    }
  };

  return (
    <div class="row-panel danger-zone">
      <div>
        <h3>{i18n.t('deleteAll.title')}</h3>
        <p class="muted small">{i18n.t('deleteAll.help')}</p>
        <ResultMessage outcome={message} />
      </div>
      <button type="button" class="btn btn-danger" onClick={() => setAsking(true)}>{i18n.t('deleteAll.button')}</button>
      {asking && (
        <ConfirmDialog title={i18n.t('deleteAll.confirmTitle')} confirmLabel={i18n.t('deleteAll.confirmButton')} danger
          typeToConfirm={word} onConfirm={() => void deleteAll()} onClose={() => setAsking(false)}>
          <p>{i18n.t('deleteAll.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
