// Issue 13, item 17: background errors carry a reason the pages can say in the user's language.
import { describe, expect, it } from 'vitest';
import { TrustFormatError } from '@/core/index.js';
import { ApiFailure, toApiError } from '@/utils/api/api-failure.js';
import { StorageError } from '@/utils/db/transaction.js';

describe('toApiError', () => {
  it('names why a file cannot be imported, from the message the store wraps', () => {
    expect(toApiError(new TrustFormatError('', 'version: version 7 is newer than this app reads (1); update Web4 Trust')))
      .toMatchObject({ code: 'bad-input', reason: 'newer-version', params: ['7'] });
    expect(toApiError(new TrustFormatError('', 'version: expected a whole number ≥ 1, got "x"'))).toMatchObject({ reason: 'bad-version' });
    expect(toApiError(new TrustFormatError('', 'format: expected "web4-trust-store", got "other"'))).toMatchObject({ reason: 'wrong-format' });
    expect(toApiError(new TrustFormatError('', 'expected a web4-trust-store bundle, an array of entities or one entity, got 3')))
      .toMatchObject({ reason: 'not-a-store' });
  });

  it('keeps the reason an ApiFailure gives, and spots a full disk', () => {
    expect(toApiError(new ApiFailure('bad-input', 'the file is empty', 'empty-file'))).toEqual({ code: 'bad-input', message: 'the file is empty', reason: 'empty-file' });
    expect(toApiError(new ApiFailure('not-found', 'there is no entity "x"'))).toEqual({ code: 'not-found', message: 'there is no entity "x"' });
    expect(toApiError(new DOMException('over quota', 'QuotaExceededError'))).toMatchObject({ code: 'storage', reason: 'quota' });
    expect(toApiError(new DOMException('aborted', 'AbortError'))).not.toHaveProperty('reason');
    expect(toApiError(new StorageError('QuotaExceededError: the disk is full'))).toMatchObject({ code: 'storage', reason: 'quota' });
  });
});
