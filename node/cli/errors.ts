/** Bad usage of the command line (exit code 2), as opposed to an operation that failed (exit code 1). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
