/** What came of an action the person took. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * Says how an action went: announced politely as a status when it worked, at once as an alert when
 * it did not. Renders nothing without an outcome; `inline` for a place inside a line of controls.
 */
export function ResultMessage({ outcome, inline = false }: { outcome: Outcome | null; inline?: boolean }) {
  if (!outcome) return null;
  const Tag = inline ? 'span' : 'p';
  return <Tag class={outcome.ok ? 'save-ok' : 'field-error'} role={outcome.ok ? 'status' : 'alert'}>{outcome.text}</Tag>;
}
