/** Whether `error` is a Node system error with this `code` (ENOENT, EEXIST, …). */
export function isErrno(error: unknown, code: string): error is NodeJS.ErrnoException {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/** `ENOSPC: no space left on device` — the code and its meaning, without the path Node adds (callers name the file). */
export function describeErrno(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (code === undefined) return error.message;
  const meaning = /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? (error.message !== code ? error.message : undefined);
  return meaning ? `${code}: ${meaning}` : syscall ? `${code} (${syscall})` : code;
}

/**
 * Why `JSON.parse` refused a text, without quoting it (V8's message can echo the text: a file's
 * secrets must not end up in a terminal or a log): where, when V8 says, or that it ends too early.
 */
export function describeJsonError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated/i.test(message)) return 'not JSON (it ends too early: truncated?)';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return 'not JSON';
  if (Number(position) >= text.trimEnd().length) return 'not JSON (it ends too early: truncated?)';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return `not JSON (at line ${line}, column ${Number(position) - before.lastIndexOf('\n')})`;
}
