import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { ResultMessage, type Outcome } from '@/components/result-message.js';
import {
  MAX_EVENT_LOG_CAP, MAX_GRACE_DAYS, MAX_SESSION_RETENTION_DAYS, MAX_SWEEP_PERIOD_MINUTES, MIN_SWEEP_PERIOD_MINUTES,
} from '@/utils/api/api-schemas.js';
import { api } from '@/utils/api/api-client.js';
import type { Settings } from '@/utils/api/api-types.js';
import { DEFAULT_SETTINGS } from '@/utils/db/settings.js';
import { formatCount } from '@/utils/pages/format.js';
import { errorText, issueText } from '@/utils/pages/error-text.js';

type Key = keyof Settings;

interface FieldSpec {
  key: Key;
  label: string;
  help: string;
  min: number;
  max: number;
  integer?: boolean;
  unit?: string;
  /** A field that may be null: the label of the checkbox that makes it so (the number is then ignored). */
  none?: string;
}

function fields(): FieldSpec[] {
  return [
    { key: 'decayRatePerDay', label: i18n.t('settings.decayRate'), help: i18n.t('settings.decayRateHelp'), min: 0, max: 1 },
    { key: 'graceDays', label: i18n.t('settings.graceDays'), help: i18n.t('settings.graceDaysHelp'), min: 0, max: MAX_GRACE_DAYS, unit: i18n.t('settings.unitDays') },
    {
      key: 'sweepPeriodMinutes', label: i18n.t('settings.sweepPeriod'), help: `${i18n.t('settings.sweepPeriodHelp')} ${i18n.t('settings.sweepPeriodLimit')}`,
      min: MIN_SWEEP_PERIOD_MINUTES, max: MAX_SWEEP_PERIOD_MINUTES, unit: i18n.t('settings.unitMinutes'),
    },
    {
      key: 'eventLogCap', label: i18n.t('settings.eventLogCap'), help: i18n.t('settings.eventLogCapHelp'),
      min: 0, max: MAX_EVENT_LOG_CAP, integer: true, unit: i18n.t('settings.unitEvents'),
    },
    { key: 'sweepMinChange', label: i18n.t('settings.sweepMinChange'), help: i18n.t('settings.sweepMinChangeHelp'), min: 0, max: 1 },
    {
      key: 'sessionRetentionDays', label: i18n.t('settings.sessionRetention'), help: i18n.t('settings.sessionRetentionHelp'),
      min: 0, max: MAX_SESSION_RETENTION_DAYS, unit: i18n.t('settings.unitDays'), none: i18n.t('settings.keepForever'),
    },
  ];
}

/** What a field's input shows: its value, or the default when it is null (so that unticking "none" offers a number). */
function textOf(settings: Settings, key: Key): string {
  return String(settings[key] ?? DEFAULT_SETTINGS[key]);
}

/**
 * What may be typed into a number field: a leading minus, digits and one decimal point (a comma
 * counts as one). Letters never get in; a minus or a fraction does, so that the field can say why
 * it is not allowed.
 */
export function numericText(typed: string): string {
  const sign = typed.trimStart().startsWith('-') ? '-' : '';
  const digits = typed.replace(/,/g, '.').replace(/[^0-9.]/g, '');
  const point = digits.indexOf('.');
  return sign + (point < 0 ? digits : digits.slice(0, point + 1) + digits.slice(point + 1).replace(/\./g, ''));
}

/** The problem with a typed value, or undefined when it is acceptable. */
function problemOf(spec: FieldSpec, raw: string): string | undefined {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return i18n.t('settings.errorNumber');
  if (spec.integer && !Number.isInteger(value)) return i18n.t('settings.errorInteger');
  if (value < spec.min || value > spec.max) return i18n.t('settings.errorRange', [formatCount(spec.min), formatCount(spec.max)]);
  return undefined;
}

export function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const specs = fields();
  const toText = (s: Settings) => Object.fromEntries(specs.map((f) => [f.key, textOf(s, f.key)])) as Record<Key, string>;
  const toNone = (s: Settings) => Object.fromEntries(specs.map((f) => [f.key, s[f.key] === null])) as Record<Key, boolean>;
  const [text, setText] = useState(() => toText(settings));
  const [none, setNone] = useState(() => toNone(settings));
  const [touched, setTouched] = useState<Partial<Record<Key, boolean>>>({});
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Outcome | null>(null);
  // What the background refused of the last save, by field (until that field changes).
  const [refused, setRefused] = useState<Partial<Record<Key, string>>>({});
  useEffect(() => {
    setText(toText(settings));
    setNone(toNone(settings));
  }, [settings]);

  const valueOf = (f: FieldSpec): number | null => (none[f.key] ? null : Number(text[f.key]));
  const problems = Object.fromEntries(specs.map((f) => [f.key, none[f.key] ? undefined : problemOf(f, text[f.key])])) as Record<Key, string | undefined>;
  const valid = specs.every((f) => !problems[f.key]);
  const dirty = specs.some((f) => valueOf(f) !== settings[f.key]);

  const save = async (e: Event) => {
    e.preventDefault();
    setTouched(Object.fromEntries(specs.map((f) => [f.key, true])));
    if (!valid || !dirty) return;
    setSaving(true);
    const patch = Object.fromEntries(specs.map((f) => [f.key, valueOf(f)])) as unknown as Settings;
    const result = await api.setSettings(patch);
    setSaving(false);
    if (result.ok) {
      onSaved(result.value);
      setMessage({ ok: true, text: i18n.t('settings.saved') });
      setRefused({});
    } else {
      setMessage({ ok: false, text: errorText(result.error) });
      const keys = new Set<string>(specs.map((f) => f.key));
      setRefused(Object.fromEntries((result.error.issues ?? [])
        .filter((issue) => keys.has(issue.field))
        .map((issue) => [issue.field, issueText(issue)])));
    }
  };

  return (
    <form class="settings-form" onSubmit={(event) => void save(event)} noValidate>
      <div class="fields">
        {specs.map((f) => {
          const problem = (touched[f.key] || text[f.key] !== textOf(settings, f.key) ? problems[f.key] : undefined) ?? refused[f.key];
          const id = `setting-${f.key}`;
          return (
            <div key={f.key} class="field">
              <label for={id}>{f.label}</label>
              <div class="input-unit">
                {/* Text, not type=number: Firefox lets letters into number fields and Chrome silently
                    drops them; here both keep only digits and one decimal point. */}
                <input id={id} name={f.key} class="input num" type="text" inputMode={f.integer ? 'numeric' : 'decimal'}
                  autocomplete="off" spellcheck={false} value={text[f.key]} disabled={none[f.key]}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby={`${id}-help${problem ? ` ${id}-error` : ''}`}
                  onInput={(e) => {
                    const typed = e.currentTarget.value;
                    const clean = numericText(typed);
                    if (clean !== typed) e.currentTarget.value = clean;
                    setText({ ...text, [f.key]: clean });
                    setRefused({ ...refused, [f.key]: undefined });
                    setMessage(null);
                  }}
                  onBlur={() => setTouched({ ...touched, [f.key]: true })} />
                {f.unit && <span class="unit muted">{f.unit}</span>}
                {f.none !== undefined && (
                  <label class="none-choice">
                    <input type="checkbox" name={`${f.key}-none`} checked={none[f.key]} onChange={(e) => {
                      setNone({ ...none, [f.key]: e.currentTarget.checked });
                      setRefused({ ...refused, [f.key]: undefined });
                      setMessage(null);
                    }} />
                    {f.none}
                  </label>
                )}
              </div>
              <p id={`${id}-help`} class="help muted">
                {f.help} {i18n.t('settings.allowed', [formatCount(f.min), formatCount(f.max)])}
              </p>
              {problem && <p id={`${id}-error`} class="field-error" role="alert">{problem}</p>}
            </div>
          );
        })}
      </div>
      <div class="actions">
        <ResultMessage outcome={message} inline />
        <button type="button" class="btn" disabled={!dirty || saving} onClick={() => {
          setText(toText(settings));
          setNone(toNone(settings));
          setTouched({});
        }}>{i18n.t('settings.revert')}</button>
        <button type="submit" class="btn btn-primary" disabled={!dirty || !valid || saving}>{i18n.t('common.save')}</button>
      </div>
    </form>
  );
}
