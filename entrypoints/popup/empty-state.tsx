import { i18n } from '#i18n';

/** What the extension is, for a store with nothing in it yet. */
export function EmptyState({ onOpenOptions }: { onOpenOptions: () => void }) {
  return (
    <div class="empty-state">
      <img src="/icon/96.png" width={64} height={64} alt="" />
      <h2>{i18n.t('empty.title')}</h2>
      <p>{i18n.t('empty.what')}</p>
      <p class="muted">{i18n.t('empty.how')}</p>
      <button type="button" class="btn btn-primary" onClick={onOpenOptions}>{i18n.t('empty.importButton')}</button>
    </div>
  );
}
