import { DEFAULT_SWEEP_RULE, MAX_CHAIN_DEPTH, TRUST_LEVELS, type SweepRule, type TrustLevel } from '../../core/index.js';
import { UsageError } from './errors.js';

/** `--success` / `--failure`: exactly one of them. */
export function outcomeOf(options: { success?: boolean; failure?: boolean }): boolean {
  if (options.success === options.failure) throw new UsageError('give exactly one of --success and --failure');
  return options.success === true;
}

export function magnitudeOf(text: string | undefined, fallback = 0.1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`--magnitude must be a number (it is clamped to [0,1]), got ${JSON.stringify(text)}`);
  }
  return value;
}

export function depthOf(text: string | undefined, fallback = 3): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_CHAIN_DEPTH) {
    throw new UsageError(`--depth must be a whole number from 1 to ${MAX_CHAIN_DEPTH}, got ${JSON.stringify(text)}`);
  }
  return value;
}

export function levelOf(text: string | undefined): TrustLevel | undefined {
  if (text === undefined) return undefined;
  if ((TRUST_LEVELS as readonly string[]).includes(text)) return text as TrustLevel;
  throw new UsageError(`--level must be one of ${TRUST_LEVELS.join(', ')}, got ${JSON.stringify(text)}`);
}

export function oneOf<T extends string>(option: string, text: string | undefined, choices: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if ((choices as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`${option} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
}

/** `--min-change` and `--keep-sessions` of `decay`. */
export function sweepRuleOf(minChange: string | undefined, keepSessions: string | undefined): SweepRule {
  const rule = { ...DEFAULT_SWEEP_RULE };
  if (minChange !== undefined) {
    const value = Number(minChange);
    if (minChange.trim() === '' || !(value >= 0 && value <= 1)) {
      throw new UsageError(`--min-change must be a number from 0 to 1, got ${JSON.stringify(minChange)}`);
    }
    rule.minChange = value;
  }
  if (keepSessions !== undefined) {
    const value = keepSessions === 'forever' ? Infinity : Number(keepSessions);
    if (keepSessions.trim() === '' || !(value >= 0)) {
      throw new UsageError(`--keep-sessions must be a number of days or "forever", got ${JSON.stringify(keepSessions)}`);
    }
    rule.sessionRetentionDays = value;
  }
  return rule;
}
