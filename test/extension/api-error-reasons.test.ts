// Issue 13, item 17: background errors carry a reason the pages can say in the user's language.
import { describe, expect, it } from 'vitest';
import { TrustFormatError } from '@/core/index.js';
import { ApiFailure, toApiError } from '@/utils/api/api-failure.js';
import { entityRequest, importRequest, outcomeRequest, settingsPatch, validateRequest } from '@/utils/api/api-schemas.js';
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

describe('validateRequest', () => {
  const issuesOf = (schema: Parameters<typeof validateRequest>[0], input: unknown) => {
    const result = validateRequest(schema, input);
    if (result.ok) throw new Error('expected a refusal');
    return result.issues;
  };

  it('names each bad field with a problem code and the bound it broke, never valibot\'s English', () => {
    expect(issuesOf(settingsPatch, { graceDays: 5000, decayRatePerDay: -1, eventLogCap: 1.5, sweepMinChange: 'x', sessionRetentionDays: Infinity })).toEqual([
      { field: 'decayRatePerDay', problem: 'too-small', params: ['0'] },
      { field: 'graceDays', problem: 'too-large', params: ['3650'] },
      { field: 'eventLogCap', problem: 'not-whole' },
      { field: 'sweepMinChange', problem: 'not-a-number' },
      { field: 'sessionRetentionDays', problem: 'not-a-number' },
    ]);
    expect(issuesOf(settingsPatch, 3)).toEqual([{ field: '', problem: 'wrong-type' }]);
    expect(issuesOf(outcomeRequest, { id: 'mcp:x', success: 'yes', magnitude: 0.1, more: 1 })).toEqual([
      { field: 'success', problem: 'wrong-type' },
      { field: 'more', problem: 'unknown-field' },
    ]);
    expect(issuesOf(importRequest, { mode: 'merge', dryRun: true })).toEqual([{ field: '', problem: 'invalid' }]);
  });

  it('says why an entity id is refused', () => {
    expect(issuesOf(entityRequest, { id: '' })).toEqual([{ field: 'id', problem: 'empty' }]);
    expect(issuesOf(entityRequest, { id: 'x'.repeat(1025) })).toEqual([{ field: 'id', problem: 'too-long', params: ['1024'] }]);
    expect(issuesOf(entityRequest, { id: 'mcp:a\u0007' })).toEqual([{ field: 'id', problem: 'bad-characters' }]);
    expect(issuesOf(entityRequest, { id: 7 })).toEqual([{ field: 'id', problem: 'wrong-type' }]);
    expect(issuesOf(entityRequest, {})).toEqual([{ field: 'id', problem: 'missing' }]);
  });

  it('carries the issues through an ApiFailure to the page', () => {
    const issues = [{ field: 'graceDays', problem: 'too-large' as const, params: ['3650'] }];
    expect(toApiError(new ApiFailure('invalid-request', 'setSettings: graceDays: …', undefined, issues)))
      .toEqual({ code: 'invalid-request', message: 'setSettings: graceDays: …', issues });
  });
});
