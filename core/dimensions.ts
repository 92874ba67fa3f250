/** The six trust dimensions, in the order of upstream's observation-count arrays: T3 then V3. */
export const DIMENSIONS = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type T3Dimension = 'talent' | 'training' | 'temperament';
export type V3Dimension = 'valuation' | 'veracity' | 'validity';

// Indexes into an entity's score and count arrays.
export const TALENT = 0;
export const TRAINING = 1;
export const TEMPERAMENT = 2;
export const VALUATION = 3;
export const VERACITY = 4;
export const VALIDITY = 5;

export const TRUST_LEVELS = ['high', 'medium-high', 'medium', 'low', 'minimal'] as const;
export type TrustLevel = (typeof TRUST_LEVELS)[number];

/** The level a T3 average falls in: ≥ 0.8 high, ≥ 0.6 medium-high, ≥ 0.4 medium, ≥ 0.2 low, else minimal. */
export function trustLevelOf(t3Average: number): TrustLevel {
  if (t3Average >= 0.8) return 'high';
  if (t3Average >= 0.6) return 'medium-high';
  if (t3Average >= 0.4) return 'medium';
  if (t3Average >= 0.2) return 'low';
  return 'minimal';
}

/** Low or minimal: the levels the badge counts, hooks mention first, and `--ask-below low` asks about. */
export function isLowTrust(level: TrustLevel): boolean {
  return level === 'low' || level === 'minimal';
}

/** How much a dimension's score is backed by evidence: min(1, ln(1 + count) / ln 10). */
export function confidenceOf(observationCount: number): number {
  return Math.min(1, Math.log1p(observationCount) / Math.LN10);
}
