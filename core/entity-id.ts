import { describeValue } from './errors.js';

export const MAX_ENTITY_ID_LENGTH = 1024;

/** Why `value` is not a valid entity id, or undefined when it is one. */
export function entityIdProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `expected an entity id string, got ${describeValue(value)}`;
  if (value.length === 0) return 'an entity id must not be empty';
  if (value.length > MAX_ENTITY_ID_LENGTH) {
    return `an entity id must be at most ${MAX_ENTITY_ID_LENGTH} characters, got ${value.length}`;
  }
  return characterProblem(value);
}

// One pass over the UTF-16 units, not three regular expressions: compiling those, `\p{Cs}` among
// them, cost a fresh hook process ~0.4 ms, and a hook checks two or three ids.
function characterProblem(id: string): string | undefined {
  let bidi = false;
  let loneSurrogate = false;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    // C0 controls, DEL and C1 controls: invisible in a UI, dangerous in a terminal.
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'an entity id must not contain control characters';
    if (c < 0x61c) continue;
    // Bidirectional marks, embeddings, overrides and isolates: they can make one id display as another.
    if (c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) bidi = true;
    // A UTF-16 surrogate without its pair is not a character: such ids all become U+FFFD in UTF-8,
    // so `mcp:\ud800` and `mcp:\udc00` would share one file name.
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(id.charCodeAt(i + 1))) i++;
    else if (c >= 0xd800 && c <= 0xdfff) loneSurrogate = true;
  }
  if (bidi) return 'an entity id must not contain bidirectional control characters';
  if (loneSurrogate) return 'an entity id must be well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

const isLowSurrogate = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

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
