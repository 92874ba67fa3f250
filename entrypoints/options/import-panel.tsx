import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BridgeNote } from '@/components/bridge-note.js';
import { api } from '@/utils/api/api-client.js';
import type { ImportSummary, KeptReasons } from '@/utils/api/api-types.js';
import { describeRejected } from '@/utils/pages/rejected-entry.js';
import { compareIds } from '@/core/index.js';
import { formatBytes, formatCount } from '@/utils/pages/format.js';
import { onPageNotification, type ImportProgress } from '@/utils/api/messaging.js';
import { readFilePieces } from './read-file.js';
import { errorText } from '@/utils/pages/error-text.js';

type Mode = ImportSummary['mode'];
type Stage =
  | { stage: 'idle' }
  | { stage: 'reading'; file: File; loaded: number }
  | { stage: 'checking'; file: File; pieces: readonly string[]; mode: Mode }
  | { stage: 'preview'; file: File; pieces: readonly string[]; summary: ImportSummary }
  | { stage: 'applying'; file: File; summary: ImportSummary }
  | { stage: 'done'; file: File; summary: ImportSummary }
  | { stage: 'error'; file?: File; message: string; detail?: string; retry?: () => void };

/** Whether a plan would change nothing. */
function isNoChange({ added, updated, removed }: ImportSummary): boolean {
  return added.length === 0 && updated.length === 0 && removed.length === 0;
}

/** How many rejected entries the preview lists one by one; the rest are counted. */
const REJECTED_SHOWN = 50;
/** How many ids a line of the preview names before "and N more". */
const IDS_NAMED = 8;

export function ImportPanel({ onImported }: { onImported: () => void }) {
  const [state, setState] = useState<Stage>({ stage: 'idle' });
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const run = useRef(0);

  useEffect(() => onPageNotification('importProgress', ({ data }) => setProgress(data)), []);

  const check = async (file: File, pieces: readonly string[], mode: Mode, id: number) => {
    setState({ stage: 'checking', file, pieces, mode });
    setProgress(null);
    const result = await api.importPieces(pieces, mode, true);
    if (id !== run.current) return;
    setState(result.ok
      ? { stage: 'preview', file, pieces, summary: result.value }
      : { stage: 'error', file, message: errorText(result.error), detail: result.error.message });
  };

  const choose = async (file: File | undefined) => {
    if (!file) return;
    const id = ++run.current;
    setState({ stage: 'reading', file, loaded: 0 });
    try {
      const pieces = await readFilePieces(file, (loaded) => {
        if (id === run.current) setState({ stage: 'reading', file, loaded });
      });
      if (id === run.current) await check(file, pieces, 'merge', id);
    } catch (error) {
      if (id === run.current) setState({ stage: 'error', file, message: i18n.t('error.readFile'), detail: error instanceof Error ? error.message : String(error) });
    }
  };

  const apply = async (file: File, pieces: readonly string[], summary: ImportSummary) => {
    const id = ++run.current;
    setState({ stage: 'applying', file, summary });
    setProgress(null);
    const result = await api.importPieces(pieces, summary.mode, false);
    if (id !== run.current) return;
    if (result.ok) {
      setState({ stage: 'done', file, summary: result.value });
      onImported();
    } else if (result.error.code === 'interrupted') {
      // An import is one transaction, so it either committed before the background stopped or
      // changed nothing. A dry run (which wakes the background) tells which.
      const check = await api.importPieces(pieces, summary.mode, true);
      if (id !== run.current) return;
      if (check.ok && isNoChange(check.value)) {
        setState({ stage: 'done', file, summary });
        onImported();
      } else {
        setState({ stage: 'error', file, message: i18n.t('import.interrupted'), retry: () => void apply(file, pieces, summary) });
      }
    } else {
      setState({ stage: 'error', file, message: errorText(result.error), detail: result.error.message });
    }
  };

  const reset = () => {
    run.current++;
    setState({ stage: 'idle' });
    if (inputRef.current) inputRef.current.value = '';
  };

  const busy = state.stage === 'reading' || state.stage === 'checking' || state.stage === 'applying';

  return (
    <div class="import">
      <div
        class="dropzone"
        data-dragging={dragging || undefined}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          if (!busy) void choose(e.dataTransfer?.files[0]);
        }}
      >
        <svg width="28" height="28" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor"
          stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
          <path d="M12 15V3m0 0-4 4m4-4 4 4" /><path d="M4 15v3a3 3 0 0 0 3 3h10a3 3 0 0 0 3-3v-3" />
        </svg>
        <p>
          {i18n.t('import.dropHint')}{' '}
          <label class="file-label">
            <input ref={inputRef} id="import-file" type="file" accept=".json,application/json" class="visually-hidden"
              disabled={busy} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
            <span>{i18n.t('import.chooseFile')}</span>
          </label>
        </p>
        <p class="muted small">{i18n.t('import.formats')}</p>
      </div>

      <div class="import-status" aria-live="polite">
        {state.stage === 'reading' && (
          <Progress label={i18n.t('import.reading', [state.file.name])}
            fraction={state.file.size ? state.loaded / state.file.size : undefined}
            detail={`${formatBytes(state.loaded)} / ${formatBytes(state.file.size)}`} />
        )}
        {state.stage === 'checking' && <Progress label={i18n.t('import.checking', [state.file.name])} progress={progress} />}
        {state.stage === 'applying' && <Progress label={i18n.t('import.applying')} progress={progress} />}
        {state.stage === 'preview' && (
          <Preview file={state.file} summary={state.summary}
            onMode={(mode) => void check(state.file, state.pieces, mode, run.current)}
            onConfirm={() => void apply(state.file, state.pieces, state.summary)}
            onCancel={reset} />
        )}
        {state.stage === 'done' && (
          <div class="notice notice-success" role="status">
            <p class="notice-title">{i18n.t('import.doneTitle')}</p>
            <p>{i18n.t('import.doneSummary', [
              formatCount(state.summary.added.length), formatCount(state.summary.updated.length),
              formatCount(state.summary.unchanged.length), formatCount(state.summary.removed.length),
            ])}</p>
            {state.summary.rejected.length > 0 && (
              <p>{i18n.t('import.doneRejected', state.summary.rejected.length, [formatCount(state.summary.rejected.length)])}</p>
            )}
            <button type="button" class="btn btn-small" onClick={reset}>{i18n.t('import.another')}</button>
          </div>
        )}
        {state.stage === 'error' && (
          <div class="notice notice-error" role="alert">
            <p class="notice-title">
              {state.file && !state.retry ? i18n.t('import.rejectedFile', [state.file.name]) : i18n.t('import.failed')}
            </p>
            <p class="error-message">{state.message}</p>
            {state.detail && (
              <details class="error-detail small">
                <summary>{i18n.t('error.details')}</summary>
                <p class="mono">{state.detail}</p>
              </details>
            )}
            <p class="muted small">{i18n.t('import.untouched')}</p>
            {state.retry && <button type="button" class="btn btn-small btn-primary" onClick={state.retry}>{i18n.t('import.retry')}</button>}
            <button type="button" class="btn btn-small" onClick={reset}>{i18n.t('import.tryAnother')}</button>
          </div>
        )}
      </div>
    </div>
  );
}

function Progress({ label, fraction, detail, progress }: {
  label: string;
  fraction?: number | undefined;
  detail?: string | undefined;
  progress?: ImportProgress | null;
}) {
  // The background reports how far it got for large files; until it does, the bar is indeterminate.
  const value = fraction ?? (progress && progress.total ? progress.done / progress.total : undefined);
  const text = detail ?? (progress && progress.total
    ? i18n.t('import.progressCount', [formatCount(progress.done), formatCount(progress.total)]) : '');
  return (
    <div class="progress-block">
      <div class="progress-label">
        <span>{label}</span>
        <span class="muted num">{text}</span>
      </div>
      <div class="progress" role="progressbar" aria-label={label}
        aria-valuemin={0} aria-valuemax={100} aria-valuenow={value === undefined ? undefined : Math.round(value * 100)}
        data-indeterminate={value === undefined || undefined}>
        <div style={value === undefined ? undefined : { width: `${Math.round(value * 100)}%` }} />
      </div>
    </div>
  );
}

function Preview({ file, summary, onMode, onConfirm, onCancel }: {
  file: File;
  summary: ImportSummary;
  onMode: (mode: Mode) => void;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const tiles: [string, string, number][] = [
    ['added', i18n.t('import.added'), summary.added.length],
    ['updated', i18n.t('import.updated'), summary.updated.length],
    ['unchanged', i18n.t('import.unchanged'), summary.unchanged.length],
    ['removed', i18n.t('import.removed'), summary.removed.length],
    ['rejected', i18n.t('import.rejected'), summary.rejected.length],
  ];
  const changes = summary.added.length + summary.updated.length + summary.removed.length;
  // "Apply 40 changes" would hide 33 deletions: name each kind of change.
  const parts = [
    summary.added.length && i18n.t('import.partAdd', [formatCount(summary.added.length)]),
    summary.updated.length && i18n.t('import.partUpdate', [formatCount(summary.updated.length)]),
    summary.removed.length && i18n.t('import.partDelete', [formatCount(summary.removed.length)]),
  ].filter(Boolean).join(', ');

  return (
    <section class="preview" aria-labelledby="preview-title">
      <h3 id="preview-title">{i18n.t('import.previewTitle', [file.name])}</h3>
      <p class="muted small">{i18n.t('import.previewNote', [formatBytes(file.size)])}</p>
      <ul class="tiles">
        {tiles.map(([key, label, n]) => (
          <li key={key} class="tile" data-kind={key} data-empty={n === 0 || undefined}>
            <span class="tile-count num">{formatCount(n)}</span>
            <span class="tile-label">{label}</span>
          </li>
        ))}
      </ul>

      {summary.kept && <KeptReasonsList kept={summary.kept} />}

      {summary.removed.length > 0 && (
        <div class="notice notice-error deletions">
          <p>{i18n.t('import.deletions', summary.removed.length, [formatCount(summary.removed.length)])}</p>
          <p class="mono small">
            {firstIds(summary.removed, IDS_NAMED).join(', ')}
            {summary.removed.length > IDS_NAMED && ` ${i18n.t('import.andMore', [formatCount(summary.removed.length - IDS_NAMED)])}`}
          </p>
        </div>
      )}

      {summary.rejected.length > 0 && (
        <details class="rejected" open={summary.rejected.length <= 5}>
          <summary>{i18n.t('import.rejectedList', summary.rejected.length, [formatCount(summary.rejected.length)])}</summary>
          {/* It scrolls when long: focusable, so that a keyboard can scroll it too. */}
          <ul tabIndex={0} aria-label={i18n.t('import.rejectedListLabel')}>
            {summary.rejected.slice(0, REJECTED_SHOWN).map((r) => (
              <li key={r.index}>{describeRejected(r)}</li>
            ))}
          </ul>
          {summary.rejected.length > REJECTED_SHOWN && (
            <p class="muted small">{i18n.t('import.moreRejected', [formatCount(summary.rejected.length - REJECTED_SHOWN)])}</p>
          )}
        </details>
      )}

      <fieldset class="modes">
        <legend>{i18n.t('import.modeLegend')}</legend>
        <label class="mode">
          <input type="radio" name="import-mode" value="merge" checked={summary.mode === 'merge'} onChange={() => onMode('merge')} />
          <span><strong>{i18n.t('import.merge')}</strong> <span class="muted">{i18n.t('import.mergeHelp')}</span></span>
        </label>
        <label class="mode">
          <input type="radio" name="import-mode" value="replace" checked={summary.mode === 'replace'} onChange={() => onMode('replace')} />
          <span><strong>{i18n.t('import.replace')}</strong> <span class="muted">{i18n.t('import.replaceHelp')}</span></span>
        </label>
      </fieldset>

      {changes > 0 && <BridgeNote action="import" />}

      <div class="actions">
        <button type="button" class="btn" onClick={onCancel}>{i18n.t('common.cancel')}</button>
        <button ref={confirmRef} type="button" class={summary.removed.length ? 'btn btn-danger-solid' : 'btn btn-primary'}
          disabled={changes === 0} onClick={onConfirm}>
          {changes === 0 ? i18n.t('import.nothingToDo') : i18n.t('import.confirmParts', [parts])}
        </button>
      </div>
    </section>
  );
}

/** Why entities the file also has stay as they are, so "unchanged" never hides a copy that differs. */
function KeptReasonsList({ kept }: { kept: KeptReasons }) {
  return (
    <ul class="kept-reasons small">
      {kept.identical > 0 && <li>{i18n.t('import.keptIdentical', kept.identical, [formatCount(kept.identical)])}</li>}
      {kept.storedNewer > 0 && <li>{i18n.t('import.keptNewer', kept.storedNewer, [formatCount(kept.storedNewer)])}</li>}
      {kept.tied > 0 && (
        <li>
          {i18n.t('import.keptTied', kept.tied, [formatCount(kept.tied)])}{' '}
          <span class="mono">{kept.tiedIds.slice(0, IDS_NAMED).join(', ')}</span>
          {kept.tied > IDS_NAMED && ` ${i18n.t('import.andMore', [formatCount(kept.tied - IDS_NAMED)])}`}
        </li>
      )}
    </ul>
  );
}

/** The first `n` of `ids` in id order (the plan lists them in storage order). */
function firstIds(ids: readonly string[], n: number): string[] {
  return ids.slice().sort(compareIds).slice(0, n);
}
