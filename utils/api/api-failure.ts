// Failures as the API reports them: a code the page can act on, and a message a person can read.
import { TrustFormatError } from '@/core/index.js';
import { DatabaseVersionError } from '../db/trust-db.js';
import { StorageError } from '../db/transaction.js';
import type { ApiError, ApiErrorCode, ApiErrorReason, ApiIssue } from './api-types.js';

/** Thrown by a handler to answer with a specific error code. */
export class ApiFailure extends Error {
  constructor(readonly code: ApiErrorCode, message: string, readonly reason?: ApiErrorReason, readonly issues?: ApiIssue[]) {
    super(message);
  }
}

export function notFound(id: string): ApiFailure {
  return new ApiFailure('not-found', `there is no entity ${JSON.stringify(id)}`);
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiFailure) {
    return {
      code: error.code, message: error.message,
      ...(error.reason && { reason: error.reason }), ...(error.issues?.length && { issues: error.issues }),
    };
  }
  if (error instanceof TrustFormatError) return { code: 'bad-input', message: error.message, ...formatReason(error) };
  if (error instanceof StorageError || error instanceof DatabaseVersionError) return { code: 'storage', message: error.message, ...quotaReason(error) };
  if (error instanceof RangeError || error instanceof TypeError) return { code: 'invalid-request', message: error.message };
  if (error instanceof DOMException) return { code: 'storage', message: `${error.name}: ${error.message}`, ...quotaReason(error) };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message || 'unexpected failure' };
}

/**
 * The reason of a file the core cannot read as a whole, from where its problem is. The store's import
 * wraps the plan's error with an empty path, so the path is read from the start of the message.
 */
function formatReason(error: TrustFormatError): Pick<ApiError, 'reason' | 'params'> {
  const [, path = '', problem = error.message] = /^(format|version|entities): (.*)$/s.exec(error.message) ?? [];
  switch (path) {
    case 'format': return { reason: 'wrong-format' };
    case 'version': {
      const newer = /^version (\d+) is newer/.exec(problem);
      return newer ? { reason: 'newer-version', params: [newer[1]!] } : { reason: 'bad-version' };
    }
    default: return { reason: 'not-a-store' };
  }
}

function quotaReason(error: Error): Pick<ApiError, 'reason'> {
  return /quota/i.test(`${error.name} ${error.message}`) ? { reason: 'quota' } : {};
}
