/**
 * Thrown when JSON does not describe valid trust data. The message starts with the JSON path of the
 * offending value, e.g. `entities[12].training: expected a number in [0,1], got "high"`.
 */
export class TrustFormatError extends Error {
  override readonly name = 'TrustFormatError';

  constructor(
    /** Where the problem is, e.g. `entities[12].training`; empty for the document itself. */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }

  /** The same problem, with its path placed inside `prefix` (e.g. `entities[12]`). */
  within(prefix: string): TrustFormatError {
    if (!this.path) return new TrustFormatError(prefix, this.problem);
    return new TrustFormatError(this.path.startsWith('[') ? prefix + this.path : at(prefix, this.path), this.problem);
  }
}

/** Appends a field or index to a JSON path: `entities[3]` + `training` → `entities[3].training`. */
export function at(path: string, field: string | number): string {
  if (typeof field === 'number') return `${path}[${field}]`;
  return path ? `${path}.${field}` : field;
}

/** Describes a JSON value briefly for an error message: `"high"`, `-3`, `null`, `an array`, `an object`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object' && value !== null) return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return String(value as number | boolean | bigint | symbol);
}
