// What the CLI knows of a PostgreSQL store's URL without loading the client.

/** Whether a `--store` value names a PostgreSQL server rather than a folder. */
export function isPostgresUrl(store: string): boolean {
  return /^postgres(ql)?:\/\//i.test(store);
}

/** The URL with its password replaced by `***`: what output, logs and errors may show. */
export function redactUrl(url: string): string {
  // Not `new URL`: a malformed URL must still never be printed with its password.
  return url
    .replace(/^(postgres(?:ql)?:\/\/[^:/@?#]*):[^@/?#]*@/i, '$1:***@')
    .replace(/([?&]password=)[^&#]*/gi, '$1***');
}
