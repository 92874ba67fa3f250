/** Epoch milliseconds; the engine's only time representation, so hot paths never allocate a `Date`. */
export type EpochMs = number;

/** Where the engine reads the time, so that tests and benchmarks can control it. */
export interface Clock {
  now(): EpochMs;
}

export const systemClock: Clock = { now: () => Date.now() };

export const MS_PER_DAY = 86_400_000;

// RFC 3339 as upstream writes it: any number of fraction digits (Rust writes nanoseconds), and a
// missing zone means UTC (the Python plugin sometimes omits it).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})?$/;

// A one-entry cache of the last timestamp parsed: an entity's last action and last activity are
// usually the same text. Safe as module state: the result depends only on the text, and a call
// runs to its end before another can start (no await), so no caller can see another's value.
let lastText = '';
let lastMs: EpochMs | undefined;

/** Parses an RFC 3339 timestamp to epoch ms (sub-millisecond digits are dropped), or undefined. */
export function parseTimestamp(text: string): EpochMs | undefined {
  if (text !== lastText) {
    lastText = text;
    lastMs = parseOwnFormat(text) ?? parseRfc3339(text);
  }
  return lastMs;
}

/**
 * The fast path for what we write ourselves, `YYYY-MM-DDTHH:MM:SS.sssZ` (`toISOString`): a bundle
 * holds three per entity, and digit arithmetic reads them several times faster than a regex.
 */
function parseOwnFormat(t: string): EpochMs | undefined {
  if (t.length !== 24 || t.charCodeAt(23) !== 90 /* Z */ || t[4] !== '-' || t[7] !== '-' || t[10] !== 'T' ||
      t[13] !== ':' || t[16] !== ':' || t[19] !== '.') return undefined;
  const year = digits(t, 0, 4), month = digits(t, 5, 2), day = digits(t, 8, 2);
  const hour = digits(t, 11, 2), minute = digits(t, 14, 2), second = digits(t, 17, 2), ms = digits(t, 20, 3);
  // NaN (a non-digit) fails every comparison, so it falls through to the general parser's refusal.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 &&
        minute <= 59 && second <= 59 && ms >= 0)) return undefined;
  return utc(year, month, day, hour, minute, second, ms);
}

/** `Date.UTC`, but years 0–99 are those years, not 1900–1999. */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): EpochMs {
  if (year >= 100) return Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.setUTCHours(hour, minute, second, ms);
}

function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

function parseRfc3339(text: string): EpochMs | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m as unknown as string[];
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const offsetHours = Number(zone.slice(1, 3)), offsetMins = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return utc(year, month, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

/** Formats epoch ms as RFC 3339 in UTC, e.g. `2026-11-24T15:01:21.154Z`. */
export function formatTimestamp(ms: EpochMs): string {
  return new Date(ms).toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
