import { beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EntityTrust } from '@/core/index.js';
import { handleApiMessage } from '@/utils/api/background-api.js';
import { UPLOAD_CHUNK_CHARS, callApi, importInPieces, importPieces } from '@/utils/api/messaging.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { OWN, OWN_PAGE, freshDb, testServices, type TestServices } from './helpers.js';

let db: TrustDb;
let services: TestServices;
let sent: { type: string; size: number }[];

beforeEach(async () => {
  fakeBrowser.reset();
  db = await freshDb();
  services = testServices(db);
  sent = [];
  (fakeBrowser.runtime as { lastError?: unknown }).lastError = undefined;
  // Chrome's callback-style sendMessage, delivering to the background handler as a page would.
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: { type: string; data: unknown }, reply: (r: unknown) => void) => {
    sent.push({ type: message.type, size: JSON.stringify(message).length });
    void handleApiMessage(message.type as 'getStatus', message.data, OWN_PAGE, OWN, services).then((res) => reply({ res }));
  }) as never);
  return () => db.close();
});

it('sends a long import text in pieces, each well under the message limit, and imports it whole', async () => {
  const entities = Array.from({ length: 30 }, (_, i) => EntityTrust.create(`mcp:server-${i}`, Date.UTC(2026, 0, 1)).toJSON());
  const text = JSON.stringify({ format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00.000Z', entities });
  const pieceChars = 1000;

  const result = await importInPieces({ text, mode: 'replace', dryRun: false }, pieceChars);
  expect(result).toMatchObject({ ok: true, value: { applied: true } });
  if (result.ok) expect([...result.value.added].sort()).toEqual(entities.map((e) => e.entity_id).sort());
  expect(sent.map((m) => m.type)).toEqual([
    ...Array.from({ length: Math.ceil(text.length / pieceChars) }, () => 'uploadChunk'), 'importStore',
  ]);
  // A message is at most a piece with its quotes escaped (2×) and a small envelope, so the default
  // piece keeps messages well under Chromium's 64 MiB limit.
  expect(Math.max(...sent.map((m) => m.size))).toBeLessThan(2 * pieceChars + 200);
  expect(2 * UPLOAD_CHUNK_CHARS + 200).toBeLessThan(64 * 1024 * 1024);
});

it('sends a short import text as it is', async () => {
  const result = await callApi('importStore', { text: '[]', mode: 'merge', dryRun: false });
  expect(result).toMatchObject({ ok: true, value: { applied: true } });
  expect(sent.map((m) => m.type)).toEqual(['importStore']);
});

it('refuses pieces out of order and an unknown upload, changing nothing', async () => {
  expect(await callApi('uploadChunk', { upload: 'u', index: 1, text: '[' })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  expect(await callApi('importStore', { upload: 'nope', mode: 'merge', dryRun: false })).toMatchObject({
    ok: false, error: { code: 'bad-input', message: expect.stringMatching(/unknown.*send the file again/) },
  });
  expect(await callApi('exportStore')).toMatchObject({ ok: true, value: { entities: [] } });
});

it('turns a transport failure into an error result instead of a rejection', async () => {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((() => {
    throw new Error('Message length exceeded maximum allowed length.');
  }) as never);
  expect(await callApi('getStatus')).toEqual({
    ok: false, error: { code: 'internal', message: 'could not reach the background for getStatus: Message length exceeded maximum allowed length.' },
  });
});

it('says when the background stopped mid-call, so that pages can offer to retry', async () => {
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((() => {
    throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
  }) as never);
  const result = await callApi('sweepNow');
  expect(result).toMatchObject({ ok: false, error: { code: 'interrupted', message: expect.stringMatching(/^the background stopped before it answered sweepNow/) } });
});

it('sends a file read in pieces as those pieces, never joined on the page', async () => {
  const entities = Array.from({ length: 3 }, (_, i) => EntityTrust.create(`mcp:piece-${i}`, Date.UTC(2026, 0, 1)).toJSON());
  const text = JSON.stringify({ format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00.000Z', entities });
  const pieces = [text.slice(0, 100), text.slice(100, 250), text.slice(250)];
  const result = await importPieces(pieces, { mode: 'merge', dryRun: false });
  expect(result).toMatchObject({ ok: true, value: { added: entities.map((e) => e.entity_id) } });
  expect(sent.map((m) => m.type)).toEqual(['uploadChunk', 'uploadChunk', 'uploadChunk', 'importStore']);
  // One piece (or none, an empty file) is the text itself.
  sent = [];
  expect(await importPieces([], { mode: 'merge', dryRun: true })).toMatchObject({ ok: false, error: { code: 'bad-input' } });
  expect(sent.map((m) => m.type)).toEqual(['importStore']);
});

it('calls an upload the background lost (it was stopped and started again) an interrupted import', async () => {
  // The background loses the first piece, as a restarted one does.
  let calls = 0;
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(((message: { type: string; data: { index?: number } }, reply: (r: unknown) => void) => {
    const data = message.type === 'uploadChunk' && ++calls === 2 ? { ...message.data, upload: 'restarted' } : message.data;
    void handleApiMessage(message.type as 'getStatus', data, OWN_PAGE, OWN, services).then((res) => reply({ res }));
  }) as never);
  const result = await importPieces(['[', ']', ''], { mode: 'merge', dryRun: false });
  expect(result).toEqual({ ok: false, error: { code: 'interrupted', message: expect.stringMatching(/^the background stopped during the upload \(upload restarted: expected piece 0, got 1/) } });
  expect(await callApi('exportStore')).toMatchObject({ ok: true, value: { entities: [] } });
});
