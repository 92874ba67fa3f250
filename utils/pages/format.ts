// Small, pure formatting helpers shared by the popup and the options page.

/** A score in [0,1] to exactly 3 decimals, e.g. 0.5015 → "0.502". */
export function formatScore(score: number): string {
  return score.toFixed(3);
}

/** A fraction as a whole percentage, e.g. 0.875 → "88%". */
export function formatPercent(fraction: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(fraction);
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A call's duration in the unit that reads best, e.g. "850 ms", "1.2 sec", "2.5 min". */
export function formatDuration(ms: number, locale?: string): string {
  // Seconds up to what rounds to 59.9, so that 59,990 ms reads "1 min" rather than "60 sec".
  const [unit, value] = ms < 1000 ? ['millisecond', ms] as const
    : ms < 59_950 ? ['second', ms / 1000] as const : ['minute', ms / 60_000] as const;
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "3 hours ago", "yesterday", "now": the largest unit that fits, rounded toward zero. */
export function formatRelativeTime(at: number, now: number, locale?: string): string {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const diff = at - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.trunc(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** A full local date and time, for tooltips beside a relative time. */
export function formatDateTime(at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** `web4-trust-store-YYYY-MM-DD.json`, dated in local time (the day the person exported it). */
export function exportFileName(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `web4-trust-store-${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}.json`;
}

export function formatBytes(bytes: number, locale?: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: i ? 1 : 0,
  }).format(value);
}
