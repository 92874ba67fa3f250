// Runs a body inside an IndexedDB transaction so that it commits whole or not at all.
/** An IndexedDB failure (quota, aborted transaction…); when it is thrown, nothing was changed. */
export class StorageError extends Error {
  override name = 'StorageError';
}

/** What this needs of an `idb` transaction. */
interface Transaction {
  readonly done: Promise<void>;
  abort(): void;
}

/**
 * Awaits `body`, then the commit. If `body` throws (a bad input, a failed request), the
 * transaction is aborted, so that its earlier writes are undone, and the error is rethrown;
 * IndexedDB failures come back as `StorageError`.
 */
export async function inTransaction<T>(tx: Transaction, body: () => Promise<T>): Promise<T> {
  const { done } = tx;
  done.catch(() => {}); // observed below; this only keeps an abort from being reported as unhandled
  try {
    const result = await body();
    await done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already committed or aborted
    }
    throw asStorageError(error);
  }
}

/** Wraps DOM exceptions (IndexedDB's errors) in a `StorageError` with a message a person can act on. */
export function asStorageError(error: unknown): unknown {
  if (!(error instanceof DOMException) && !(error instanceof Error && /^(Abort|Quota|Unknown|Data|Constraint|Version|InvalidState|TransactionInactive)/.test(error.name))) {
    return error;
  }
  const { name, message } = error as Error;
  const reason = name === 'QuotaExceededError'
    ? 'the browser has no storage space left for the extension'
    : `${name}${message ? `: ${message}` : ''}`;
  return new StorageError(`the database refused the change (${reason}); nothing was changed`);
}

/**
 * Collects a transaction's request promises. If the transaction is aborted before they are
 * awaited together, each one rejects; marking them handled here keeps that from being reported
 * as unhandled (the abort itself reaches the caller through `inTransaction`).
 */
export class PendingWrites {
  readonly #pending: Promise<unknown>[] = [];

  add(request: Promise<unknown>): void {
    request.catch(() => {});
    this.#pending.push(request);
  }

  /** Resolves when every request has succeeded; rejects with the first failure. */
  async all(): Promise<void> {
    await Promise.all(this.#pending);
  }
}
