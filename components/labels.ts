// Translated words for the core's enumerations.
import { i18n } from '#i18n';
import type { Dimension, FailureKind, TrustLevel } from '@/core/index.js';

export function levelLabel(level: TrustLevel): string {
  switch (level) {
    case 'high': return i18n.t('level.high');
    case 'medium-high': return i18n.t('level.mediumHigh');
    case 'medium': return i18n.t('level.medium');
    case 'low': return i18n.t('level.low');
    case 'minimal': return i18n.t('level.minimal');
  }
}

export function dimensionLabel(dimension: Dimension): string {
  return i18n.t(`dimension.${dimension}`);
}

/** Why a call failed, in plain words. */
export function failureKindLabel(kind: FailureKind): string {
  return i18n.t(`failure.${kind}`);
}
