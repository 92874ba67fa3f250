import { i18n } from '#i18n';

/** An entity's type (the part of its id before the first `:`). */
export function TypeChip({ type }: { type: string }) {
  return (
    <span class="type-chip" title={i18n.t('entity.typeTitle', [type || i18n.t('entity.noType')])}>
      {type || '—'}
    </span>
  );
}
