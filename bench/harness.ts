// The bench's rows and how they are measured: every `bench/*.bench.ts` exports a default
// `(bench: Bench) => Promise<void>` that reports rows. A row is a median over several runs after a
// warm-up, with its spread, beside a reference measured in the same run (alternating with it, so
// both see the same machine load), the ratio of the two, and targets checked against the median.

/** A measured figure: the median of `runs` runs, and the lowest and highest of them. */
export interface Stats {
  median: number;
  low: number;
  high: number;
  runs: number;
}

export interface Target {
  /** e.g. `≥ 13.5 M entities/s`. */
  text: string;
  pass: boolean;
}

export interface Row {
  /** What was measured, as a user would do it. */
  name: string;
  /** `entities/s`, `updates/s`, `ms`, `s`, `MB` or `B`: rates end in `/s`, every other unit is a cost. */
  unit: string;
  value: Stats;
  /** The bare operation the row is compared with, measured in the same run, in the same unit. */
  reference?: { name: string; value: Stats };
  /** What the row costs (time, memory, bytes) divided by what the reference costs: 2 = twice the reference's. */
  ratio?: number;
  targets: Target[];
  /** Upstream's figure, as a labelled reference; never a measured row. */
  upstream?: string;
  note?: string;
}

export interface Bench {
  report(row: Omit<Row, 'ratio' | 'targets'> & { targets?: Target[] }): Row;
}

/** A row as results.json holds it (and scripts/bench-table.mjs reads it), from bench file `file`. */
export function resultRow(file: string, { name, unit, value, reference, ratio, targets, upstream, note }: Row) {
  return {
    file, name, unit,
    value: value.median,
    spread: { low: value.low, high: value.high, runs: value.runs },
    reference: reference && { name: reference.name, value: reference.value.median, spread: { low: reference.value.low, high: reference.value.high } },
    ratio,
    target: targets.map((t) => t.text).join('; ') || undefined,
    targets,
    pass: targets.length ? targets.every((t) => t.pass) : undefined,
    upstream, note,
    // As printed, for scripts/bench-table.mjs.
    shown: { value: formatStats(value, unit), reference: reference && formatStats(reference.value, unit) },
  };
}

export type ResultRow = ReturnType<typeof resultRow>;

export function stats(values: readonly number[]): Stats {
  if (values.length === 0) throw new Error('no runs');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, low: sorted[0]!, high: sorted.at(-1)!, runs: sorted.length };
}

export const isRate = (unit: string): boolean => unit.endsWith('/s');

/** Cost ratio of `value` to `reference` (for rates, the inverse of theirs). */
export function costRatio(unit: string, value: number, reference: number): number {
  return isRate(unit) ? reference / value : value / reference;
}

/**
 * Runs each body once to warm up, then `runs` rounds of every body in turn; each call returns its
 * own measurement (so that set-up stays outside it). Resolves to every body's measurements.
 */
export async function alternate<K extends string>(
  runs: number, bodies: Record<K, () => number | Promise<number>>, { warmUp = true } = {},
): Promise<Record<K, Stats>> {
  const keys = Object.keys(bodies) as K[];
  if (warmUp) for (const key of keys) await bodies[key]();
  const samples = Object.fromEntries(keys.map((key) => [key, [] as number[]])) as unknown as Record<K, number[]>;
  for (let run = 0; run < runs; run++) for (const key of keys) samples[key].push(await bodies[key]());
  return Object.fromEntries(keys.map((key) => [key, stats(samples[key])])) as Record<K, Stats>;
}

/** Wall time of `body` in ms. */
export async function timeMs(body: () => unknown): Promise<number> {
  const start = performance.now();
  await body();
  return performance.now() - start;
}

/** Wall time of a synchronous `body` in ms. */
export function timeMsSync(body: () => unknown): number {
  const start = performance.now();
  body();
  return performance.now() - start;
}

/** Operations per second from a count and a time in ms. */
export const perSecond = (count: number, ms: number): number => count / (ms / 1000);

/** `value` in another unit, e.g. ms to s: `scaled(value, 1 / 1000)`. */
export const scaled = (value: Stats, factor: number): Stats =>
  ({ median: value.median * factor, low: value.low * factor, high: value.high * factor, runs: value.runs });

/** A figure that was taken once (a size, a count): a Stats of one run. */
export const once = (value: number): Stats => ({ median: value, low: value, high: value, runs: 1 });

/**
 * A row's note on the least work its target asks for, measured in the same run: called a measured
 * limit only when that work alone misses the target (`limits`), which on a busy machine it may not.
 */
export function leastWork(text: string, limits: boolean): string {
  return limits ? `measured limit: ${text}` : `least work: ${text}`;
}

export function atLeast(value: Stats, limit: number, unit: string): Target {
  return { text: `≥ ${formatValue(limit, unit)}`, pass: value.median >= limit };
}

export function atMost(value: Stats, limit: number, unit: string): Target {
  return { text: `≤ ${formatValue(limit, unit)}`, pass: value.median <= limit };
}

/** The row's cost at most `limit` times the reference's. */
export function ratioAtMost(value: Stats, reference: Stats, unit: string, limit: number, what: string): Target {
  return { text: `≤ ${limit}× ${what}`, pass: costRatio(unit, value.median, reference.median) <= limit };
}

/** The row at most `limit` (in its unit) above the reference, e.g. a hook against `node -e 0`. */
export function overAtMost(value: Stats, reference: Stats, limit: number, unit: string, what: string): Target {
  return { text: `≤ ${what} + ${formatValue(limit, unit)}`, pass: value.median - reference.median <= limit };
}

/** How a figure of `unit` around `value` is written: divided by `divisor`, with `digits` decimals, then `suffix`. */
function scaleOf(value: number, unit: string): { divisor: number; digits: number; suffix: string } {
  const magnitude = Math.abs(value);
  if (isRate(unit)) {
    if (magnitude >= 1e6) return { divisor: 1e6, digits: magnitude >= 1e8 ? 0 : 2, suffix: ` M ${unit}` };
    if (magnitude >= 1e4) return { divisor: 1e3, digits: magnitude >= 1e5 ? 0 : 1, suffix: ` k ${unit}` };
    return { divisor: 1, digits: 0, suffix: ` ${unit}` };
  }
  if (unit === 'B') return { divisor: 1, digits: 0, suffix: ' B' };
  if (unit === 'ms') return { divisor: 1, digits: magnitude < 100 ? 1 : 0, suffix: ' ms' };
  if (unit === 's') return { divisor: 1, digits: 2, suffix: ' s' };
  return { divisor: 1, digits: magnitude < 10 ? 2 : 1, suffix: ` ${unit}` };
}

const written = (value: number, { divisor, digits }: { divisor: number; digits: number }): string =>
  (value / divisor).toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatValue(value: number, unit: string): string {
  const scale = scaleOf(value, unit);
  return written(value, scale) + scale.suffix;
}

/** `12.30 M entities/s` for one run, else with the spread in the same scale: `12.30 M entities/s (12.10–12.90)`. */
export function formatStats(value: Stats, unit: string): string {
  const scale = scaleOf(value.median, unit);
  const median = written(value.median, scale) + scale.suffix;
  return value.runs === 1 ? median : `${median} (${written(value.low, scale)}–${written(value.high, scale)})`;
}
