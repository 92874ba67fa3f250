// Failures as the API reports them: a code the page can act on, and a message a person can read.
import { TrustFormatError } from '@/core/index.js';
import { DatabaseVersionError } from '../db/trust-db.js';
import { StorageError } from '../db/transaction.js';
import type { ApiError, ApiErrorCode } from './api-types.js';

/** Thrown by a handler to answer with a specific error code. */
export class ApiFailure extends Error {
  constructor(readonly code: ApiErrorCode, message: string) {
    super(message);
  }
}

export function notFound(id: string): ApiFailure {
  return new ApiFailure('not-found', `there is no entity ${JSON.stringify(id)}`);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) return { code: error.code, message: error.message };
  if (error instanceof TrustFormatError) return { code: 'bad-input', message: error.message };
  if (error instanceof StorageError || error instanceof DatabaseVersionError) return { code: 'storage', message: error.message };
  if (error instanceof RangeError || error instanceof TypeError) return { code: 'invalid-request', message: error.message };
  if (error instanceof DOMException) return { code: 'storage', message: `${error.name}: ${error.message}` };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'unexpected failure' };
}
