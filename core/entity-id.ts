import { describeValue } from './errors.js';

export const MAX_ENTITY_ID_LENGTH = 1024;

// C0 controls, DEL and C1 controls: invisible in a UI, dangerous in a terminal.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
// Bidirectional marks, embeddings, overrides and isolates: they can make one id display as another.
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// A UTF-16 surrogate without its pair is not a character: such ids all become U+FFFD in UTF-8, so
// `mcp:\ud800` and `mcp:\udc00` would share one file name.
const LONE_SURROGATE = /\p{Cs}/u;
// All three at once: valid ids (nearly all) pass one test.
const ANY_REFUSED = new RegExp([CONTROL_CHARACTER, BIDI_CONTROL, LONE_SURROGATE].map((r) => r.source).join('|'), 'u');

/** Why `value` is not a valid entity id, or undefined when it is one. */
export function entityIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected an entity id string, got ${describeValue(value)}`;
  if (value.length === 0) return 'an entity id must not be empty';
  if (value.length > MAX_ENTITY_ID_LENGTH) {
    return `an entity id must be at most ${MAX_ENTITY_ID_LENGTH} characters, got ${value.length}`;
  }
  if (!ANY_REFUSED.test(value)) return undefined;
  if (CONTROL_CHARACTER.test(value)) return 'an entity id must not contain control characters';
  if (BIDI_CONTROL.test(value)) return 'an entity id must not contain bidirectional control characters';
  // What is left of ANY_REFUSED.
  return 'an entity id must be well-formed Unicode (it has a lone surrogate)';
}

/** Throws a `TypeError` (wrong type) or `RangeError` (bad string) unless `id` is a valid entity id. */
export function assertEntityId(id: unknown): asserts id is string {
  const problem = entityIdProblem(id);
  if (problem === undefined) return;
  throw typeof id === 'string' ? new RangeError(problem) : new TypeError(problem);
}

/** `mcp:filesystem` → `mcp`; an id without `:` has type `""`. */
export function entityTypeOf(id: string): string {
  const colon = id.indexOf(':');
  return colon === -1 ? '' : id.slice(0, colon);
}

/** `mcp:filesystem` → `filesystem`; an id without `:` is its own name. */
export function entityNameOf(id: string): string {
  return id.slice(id.indexOf(':') + 1);
}
