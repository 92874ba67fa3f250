import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A modal confirmation (native <dialog>: focus is trapped and Escape cancels). With `typeToConfirm`,
 * the confirm button stays disabled until that word is typed (in any case). Closing it gives focus
 * back to what had it when it opened (the button that opened it), not to the page's body.
 */
export function ConfirmDialog({ title, children, confirmLabel, danger, typeToConfirm, extraAction, fallbackFocus, onConfirm, onClose }: {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  typeToConfirm?: string;
  /** A further button beside Cancel, e.g. "Export first"; it leaves the dialog open. */
  extraAction?: { label: string; run: () => void } | undefined;
  /** Where focus goes when what opened the dialog is gone (a deleted row's button). */
  fallbackFocus?: () => HTMLElement | null | undefined;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState('');
  useEffect(() => {
    const opener = document.activeElement;
    ref.current?.showModal();
    return () => {
      // After the close, once the page has re-rendered: the opener may have gone with the change.
      requestAnimationFrame(() => {
        // Focus the page already moved on purpose (the action's own choice) stays where it is.
        const current = document.activeElement;
        if (current && current !== document.body && !ref.current?.contains(current)) return;
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        else fallbackFocus?.()?.focus();
      });
    };
  }, []);
  const ready = !typeToConfirm || typed.trim().toLocaleLowerCase() === typeToConfirm.toLocaleLowerCase();

  return (
    <dialog ref={ref} class="dialog" aria-labelledby="dialog-title" onClose={onClose} onCancel={onClose}>
      <form method="dialog" onSubmit={(e) => {
        e.preventDefault();
        if (!ready) return;
        onConfirm();
        ref.current?.close();
      }}>
        <h2 id="dialog-title">{title}</h2>
        <div class="dialog-body">{children}</div>
        {typeToConfirm && (
          <label class="field">
            <span>{i18n.t('dialog.typeToConfirm', [typeToConfirm])}</span>
            <input class="input" value={typed} autocomplete="off" spellcheck={false}
              onInput={(e) => setTyped(e.currentTarget.value)} />
          </label>
        )}
        <div class="dialog-actions">
          {extraAction && <button type="button" class="btn dialog-extra" onClick={extraAction.run}>{extraAction.label}</button>}
          <button type="button" class="btn" onClick={() => ref.current?.close()}>{i18n.t('common.cancel')}</button>
          <button type="submit" class={danger ? 'btn btn-danger-solid' : 'btn btn-primary'} disabled={!ready}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
