// A small benchmark harness: every `bench/*.bench.ts` exports a default `(bench: Bench) => Promise<void>`.

export interface Row {
  /** What was measured, e.g. `EntityTrust.updateFromOutcome`. */
  name: string;
  /** The figure, e.g. 12_300_000. */
  value: number;
  /** Its unit, e.g. `ops/s`, `ms`, `entities/s`. */
  unit: string;
  /** The goal, e.g. `≥ 10.7 M/s (upstream Rust)`, shown beside the figure. */
  target?: string;
}

export interface Bench {
  report(row: Row): void;
}

/** Median of the runs. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Runs `body(n)` (which must do n operations) `runs` times after a warm-up and returns the median
 * operations per second.
 */
export async function opsPerSecond(
  body: (n: number) => void | Promise<void>,
  { n, runs = 7 }: { n: number; runs?: number },
): Promise<number> {
  await body(Math.min(n, 10_000));
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await body(n);
    rates.push(n / ((performance.now() - start) / 1000));
  }
  return median(rates);
}

/** Median wall time in ms of `runs` runs of `body`. */
export async function medianMs(body: () => unknown, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    await body();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function formatValue(value: number, unit: string): string {
  if (unit.endsWith('/s')) {
    if (value >= 1e6) return `${(value / 1e6).toFixed(2)} M ${unit}`;
    if (value >= 1e3) return `${(value / 1e3).toFixed(1)} k ${unit}`;
  }
  return `${value.toFixed(value < 10 ? 2 : 0)} ${unit}`;
}
