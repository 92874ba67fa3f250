import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';

/** Copies `text` to the clipboard and says so beside the button for a moment (and to screen readers). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = () => navigator.clipboard.writeText(text).then(() => setState('copied'), () => setState('failed'));

  return (
    <span class="copy">
      <button type="button" class="btn btn-ghost btn-small btn-icon copy-button" aria-label={label} title={label} onClick={() => void copy()}>
        <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2"
          stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="9" width="12" height="12" rx="2" /><path d="M5 15V5a2 2 0 0 1 2-2h10" /></svg>
      </button>
      <span class="copy-status small" role="status">
        {state === 'copied' ? i18n.t('copy.done') : state === 'failed' ? i18n.t('copy.failed') : ''}
      </span>
    </span>
  );
}
