import { MAX_CHAIN_DEPTH, TRUST_LEVELS, type TrustLevel } from '../../core/index.js';
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
