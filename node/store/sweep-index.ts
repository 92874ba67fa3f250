import fs from 'node:fs';
import type { DecayConfig, EpochMs, SweepRule } from '../../core/index.js';
import { writeFileAtomicSync } from '../fs/atomic-write.js';

/** The sweep index's file in the store folder: not `.json`, so that no tool takes it for an entity. */
export const SWEEP_INDEX_NAME = '.sweep-index';

const FORMAT = 1;
/** Per file: inode, size, modification and change times (ms), and until when sweeps keep it. */
const FIELDS = 5;

/**
 * What the last sweep learned of each entity file: until when no sweep does anything to it
 * (`sweepKeepsUntil`), for as long as the file is the one it read (same inode, size, modification
 * and change times). A sweep reads only the files that changed since or fell due, so a sweep right
 * after another reads no file. It is a cache: a missing, damaged or foreign index, or one made with
 * other decay settings, only makes a sweep read every file.
 *
 * The one change it can miss: another program rewriting a file in place, to the same size, within
 * the file system's timestamp resolution of a sweep reading it. Then that file's decay is written
 * back when it falls due by its old content rather than its new one. Reads never use the index.
 */
export class SweepIndex {
  readonly #settings: string;
  /** The moment of the sweep that made it (its entries may come from earlier ones). */
  readonly #madeAt: EpochMs;
  // Flat arrays rather than an object per file: 100,000 files load and save several times faster.
  readonly #names: string[];
  readonly #numbers: (number | null)[];
  /** Where the next lookup looks first: a sweep asks in the order the last one recorded. */
  #cursor = 0;
  #positions: Map<string, number> | undefined;
  /** Whether anything was recorded that the loaded index did not already say. */
  #changed = false;

  private constructor(settings: string, madeAt: EpochMs, names: string[] = [], numbers: (number | null)[] = []) {
    this.#settings = settings;
    this.#madeAt = madeAt;
    this.#names = names;
    this.#numbers = numbers;
  }

  /** An empty index, for what a sweep at `now` with these settings learns. */
  static empty(now: EpochMs, decay: DecayConfig, rule: SweepRule): SweepIndex {
    // Infinity (sessions kept forever) becomes null in JSON text: still one key per setting.
    return new SweepIndex(JSON.stringify([decay.ratePerDay, decay.graceDays, rule.minChange, rule.sessionRetentionDays]), now);
  }

  /**
   * The index at `filePath` for a sweep at `now`, if it was made with these settings at or before
   * `now`; otherwise an empty one. What it says holds from the moment it was made on: at an earlier
   * moment (a clock set back) an entity's scores stand higher, and a sweep may write them.
   */
  static load(filePath: string, now: EpochMs, decay: DecayConfig, rule: SweepRule): SweepIndex {
    const index = SweepIndex.empty(now, decay, rule);
    let saved: unknown;
    try {
      saved = JSON.parse(fs.readFileSync(filePath, 'utf8'));
    } catch {
      return index;
    }
    if (!isSavedIndex(saved) || saved.format !== FORMAT || saved.settings !== index.#settings || !(saved.made_at <= now)) return index;
    return new SweepIndex(index.#settings, saved.made_at, saved.names, saved.numbers);
  }

  get size(): number {
    return this.#names.length;
  }

  /** Until when sweeps keep file `name` as it is now (`stats`): -Infinity if the index does not know. */
  keepsUntil(name: string, stats: fs.Stats): EpochMs {
    const at = this.#find(name);
    if (at === undefined) return -Infinity;
    const n = this.#numbers;
    const o = at * FIELDS;
    const same = n[o] === stats.ino && n[o + 1] === stats.size && n[o + 2] === stats.mtimeMs && n[o + 3] === stats.ctimeMs;
    return same ? n[o + 4] ?? Infinity : -Infinity;
  }

  /** Records what a sweep learned of file `name`; `known` says the index it loaded knew it already. */
  record(name: string, stats: fs.Stats, keepsUntil: EpochMs, known = false): void {
    this.#names.push(name);
    this.#numbers.push(stats.ino, stats.size, stats.mtimeMs, stats.ctimeMs, keepsUntil);
    if (!known) this.#changed = true;
  }

  /**
   * Writes the index atomically, unless it says just what `loaded` said. A folder that cannot take
   * it (full, read-only) only costs the next sweep its reads, so that is not an error.
   */
  saveUnlessSame(filePath: string, loaded: SweepIndex): void {
    if (!this.#changed && this.size === loaded.size) return;
    // JSON writes Infinity as null, which load reads back as Infinity.
    const text = JSON.stringify({ format: FORMAT, settings: this.#settings, made_at: this.#madeAt, names: this.#names, numbers: this.#numbers });
    try {
      writeFileAtomicSync(filePath, text);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error)) throw error;
    }
  }

  #find(name: string): number | undefined {
    let at: number | undefined = this.#cursor;
    if (this.#names[at] !== name) {
      this.#positions ??= new Map(this.#names.map((n, i) => [n, i]));
      at = this.#positions.get(name);
      if (at === undefined) return undefined;
    }
    this.#cursor = at + 1;
    return at;
  }
}

interface SavedIndex {
  format: unknown;
  settings: unknown;
  made_at: number;
  names: string[];
  numbers: (number | null)[];
}

function isSavedIndex(value: unknown): value is SavedIndex {
  if (typeof value !== 'object' || value === null) return false;
  const { made_at: madeAt, names, numbers } = value as Record<string, unknown>;
  return typeof madeAt === 'number' && Array.isArray(names) && Array.isArray(numbers) && numbers.length === names.length * FIELDS
    && names.every((name: unknown) => typeof name === 'string')
    && numbers.every((number: unknown) => typeof number === 'number' || number === null);
}
