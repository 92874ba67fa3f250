import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY } from '@/core/index.js';
import { handleApiMessage, isOwnPage, type Sender } from '@/utils/api/background-api.js';
import { recentEvents } from '@/utils/db/event-log.js';
import type { ApiCall, ApiResponse } from '@/utils/api/messaging.js';
import type { TrustDb } from '@/utils/db/schema.js';
import { OWN, OWN_PAGE, entityWithTrust, freshDb, testServices, type TestServices } from './helpers.js';

let db: TrustDb;
let services: TestServices;
beforeEach(async () => {
  db = await freshDb();
  services = testServices(db);
  return () => db.close();
});

function call<K extends ApiCall>(type: K, data?: unknown, sender: Sender = OWN_PAGE): Promise<ApiResponse<K>> {
  return handleApiMessage(type, data, sender, OWN, services);
}

async function value<K extends ApiCall>(type: K, data?: unknown) {
  const result = await call(type, data);
  if (!result.ok) throw new Error(`${type} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as Extract<ApiResponse<K>, { ok: true }>['value'];
}

const exported = async () => JSON.stringify(await value('exportStore'));

describe('outcomes, witnesses and entity detail', () => {
  it('records an outcome exactly as the core does, and shows it with its history', async () => {
    const entity = await value('recordOutcome', { id: 'mcp:fs', success: true, magnitude: 0.1 });
    const expected = EntityTrust.create('mcp:fs', services.clock.now());
    expected.updateFromOutcome(true, 0.1, services.clock.now());
    expect(entity).toEqual(expected.toJSON());
    expect(entity.training).toBeCloseTo(0.5025, 12);

    await value('recordWitness', { witnessId: 'session:s', targetId: 'mcp:fs', success: true, magnitude: 0.5 });
    const detail = await value('getEntity', { id: 'mcp:fs' });
    expect(detail.events.map((e) => e.kind)).toEqual(['witness', 'outcome']);
    expect(detail.chain.witnessed_by.map((l) => l.entity_id)).toEqual(['session:s']);
    expect(detail.entity.witnessed_by).toEqual(['session:s']);
  });

  it('asks for a badge refresh only when an entity moves into or out of low trust', async () => {
    await value('recordOutcome', { id: 'mcp:fs', success: true, magnitude: 0.1 });
    await value('recordWitness', { witnessId: 'session:s', targetId: 'mcp:fs', success: true, magnitude: 0.5 });
    expect(services.changes).toBe(0);
    await value('importStore', { bundle: [entityWithTrust('mcp:low', 0.3, services.clock.now())], mode: 'merge', dryRun: false });
    expect(services.changes).toBe(1);
    for (let i = 0; i < 20; i++) await value('recordOutcome', { id: 'mcp:low', success: true, magnitude: 1 });
    expect(services.changes).toBe(2);
    await value('deleteEntity', { id: 'mcp:fs' });
    expect(services.changes).toBe(2);
  });

  it('says not-found for an unknown entity', async () => {
    for (const type of ['getEntity', 'deleteEntity', 'resetEntity'] as const) {
      expect(await call(type, { id: 'mcp:nobody' })).toEqual({
        ok: false, error: { code: 'not-found', message: 'there is no entity "mcp:nobody"' },
      });
    }
  });

  it('resets an entity to neutral and deletes it, logging both', async () => {
    await value('recordOutcome', { id: 'mcp:a', success: false, magnitude: 1 });
    const fresh = await value('resetEntity', { id: 'mcp:a' });
    expect(fresh.training).toBe(0.5);
    expect(fresh.action_count).toBe(0);
    expect(await value('deleteEntity', { id: 'mcp:a' })).toEqual({ deleted: true });
    expect((await recentEvents(db, 5)).map((e) => e.kind)).toEqual(['delete', 'reset', 'outcome']);
  });
});

describe('validation', () => {
  it.each([
    ['recordOutcome', { id: 'mcp:a', success: true, magnitude: null }, 'magnitude: magnitude must be a number'],
    ['recordOutcome', { id: 'mcp:a', success: true, magnitude: Infinity }, 'magnitude: magnitude must be a finite number'],
    ['recordOutcome', { id: 'mcp:a', success: 'yes', magnitude: 1 }, 'success: success must be true or false'],
    ['recordOutcome', { id: '', success: true, magnitude: 1 }, 'id: an entity id must not be empty'],
    ['recordOutcome', { success: true, magnitude: 1 }, 'id: missing'],
    ['recordOutcome', { id: 7, success: true, magnitude: 1 }, 'id: expected an entity id string'],
    ['recordWitness', { witnessId: 'a', targetId: 'b\u0007', success: true, magnitude: 1 }, 'targetId: an entity id must not contain control characters'],
    ['listEntities', { sort: 'random', offset: 0, limit: 10 }, 'sort: sort must be one of trust-desc, trust-asc, recent, name, failures'],
    ['listEntities', { sort: 'name', offset: -1, limit: 10 }, 'offset: offset must be at least 0'],
    ['listEntities', { sort: 'name', offset: 0, limit: 5000 }, 'limit: limit must be at most 1000'],
    ['setSettings', { sweepPeriodMinutes: 0.1 }, 'sweepPeriodMinutes: sweep period must be at least 1 minute (browsers run alarms at most once a minute)'],
    ['setSettings', { decayRatePerDay: 2 }, 'decayRatePerDay: decay rate per day must be at most 1'],
    ['setSettings', { eventLogCap: 10.5 }, 'eventLogCap: event-log cap must be a whole number'],
    ['setSettings', { sweepMinChange: 1.5 }, 'sweepMinChange: minimum sweep change must be at most 1'],
    ['setSettings', { sweepMinChange: -0.001 }, 'sweepMinChange: minimum sweep change must be at least 0'],
    ['setSettings', { sweepMinChange: null }, 'sweepMinChange: minimum sweep change must be a number'],
    ['setSettings', { sessionRetentionDays: -1 }, 'sessionRetentionDays: session retention must be at least 0 days'],
    ['setSettings', { sessionRetentionDays: 'forever' }, 'sessionRetentionDays: session retention must be a number'],
    ['setSettings', { sessionRetentionDays: 1e6 }, 'sessionRetentionDays: session retention must be at most 36500 days'],
    ['importStore', { mode: 'merge', dryRun: false }, 'give exactly one of text, bundle or upload'],
    ['sweepNow', 'please', 'this call takes no data'],
  ] as const)('%s(%j) → invalid-request naming the field', async (type, data, message) => {
    const result = await call(type, data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-request');
      expect(result.error.message).toContain(message);
    }
    expect(await value('exportStore')).toMatchObject({ entities: [] });
  });

  it('refuses unknown fields', async () => {
    const result = await call('recordOutcome', { id: 'mcp:a', success: true, magnitude: 1, admin: true });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'recordOutcome: admin: unknown field', issues: [{ field: 'admin', problem: 'unknown-field' }] },
    });
  });
});

describe('who may call', () => {
  it.each<[string, Sender]>([
    ['a web page', { id: OWN.id, url: 'https://evil.example/page', origin: 'https://evil.example' }],
    ['another extension', { id: 'other-extension', url: 'chrome-extension://other-extension/page.html' }],
    ['an unknown sender', {}],
    ['a page claiming our id from another origin', { id: OWN.id, url: 'chrome-extension://other-extension/x.html' }],
  ])('refuses %s and changes nothing', async (_what, sender) => {
    await value('recordOutcome', { id: 'mcp:a', success: true, magnitude: 1 });
    const before = await exported();
    for (const [type, data] of [
      ['recordOutcome', { id: 'mcp:a', success: false, magnitude: 1 }],
      ['deleteAll', undefined],
      ['importStore', { text: '[]', mode: 'replace', dryRun: false }],
      ['setSettings', { decayRatePerDay: 1 }],
    ] as const) {
      expect(await call(type, data, sender)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await exported()).toBe(before);
  });

  it('accepts only its own pages', () => {
    expect(isOwnPage(OWN_PAGE, OWN.id, OWN.baseUrl)).toBe(true);
    expect(isOwnPage({ id: OWN.id, url: 'moz-extension://uuid/popup.html' }, OWN.id, 'moz-extension://uuid/')).toBe(true);
    expect(isOwnPage({ id: OWN.id, url: 'not a url' }, OWN.id, OWN.baseUrl)).toBe(false);
  });
});

describe('import and export', () => {
  it('refuses a file that is not JSON with a clear message, and keeps the store', async () => {
    await value('recordOutcome', { id: 'mcp:a', success: true, magnitude: 1 });
    const before = await exported();
    for (const [text, message] of [
      ['{"format": "web4-trust-store", "entities": [', /not valid JSON/],
      ['', /the file is empty/],
      ['{"format":"web4-trust-store","version":2,"entities":[]}', /version 2 is newer/],
      ['{"format":"something","version":1,"entities":[]}', /format: expected "web4-trust-store"/],
    ] as const) {
      const result = await call('importStore', { text, mode: 'replace', dryRun: false });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad-input', message } });
    }
    expect(await exported()).toBe(before);
  });

  it('previews without writing, then applies, with progress; export → import → export is byte-identical', async () => {
    const now = services.clock.now();
    const bundle = { format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00Z', entities: [
      entityWithTrust('mcp:a', 0.9, now), entityWithTrust('role:b', 0.1, now), { entity_id: 'bad', training: 'x' },
    ] };
    const preview = await value('importStore', { text: JSON.stringify(bundle), mode: 'merge', dryRun: true });
    expect(preview).toMatchObject({ applied: false, added: ['mcp:a', 'role:b'], rejected: [{ index: 2, entity_id: 'bad' }] });
    expect((await value('exportStore')).entities).toEqual([]);

    const applied = await value('importStore', { bundle, mode: 'merge', dryRun: false });
    expect(applied).toMatchObject({ applied: true, added: ['mcp:a', 'role:b'], updated: [], removed: [] });
    expect(services.progress.at(-1)).toEqual({ phase: 'done', done: 1, total: 1 });
    expect(services.progress.some((p) => p.phase === 'write' && p.done === 2 && p.total === 2)).toBe(true);

    const first = await exported();
    const again = await value('importStore', { text: first, mode: 'replace', dryRun: false });
    expect(again.unchanged).toEqual(['mcp:a', 'role:b']);
    expect(await exported()).toBe(first);
  });

  it('keeps the call evidence the hooks recorded through import and export, unchanged', async () => {
    const now = services.clock.now();
    const server = EntityTrust.fromJSON(entityWithTrust('mcp:github', 0.7, now));
    const calls = [
      { tool: 'create_issue', success: true, durationMs: 420 },
      { tool: 'create_issue', success: false, failureKind: 'timeout', durationMs: 30_000 },
      { tool: 'search', success: false, failureKind: 'unreachable', retryLoop: true },
    ] as const;
    calls.forEach((call, i) => server.recordCall(call, now - 1000 + i));
    const json = server.toJSON();
    expect(json.call_evidence).toMatchObject({ calls: 3, failures: 2, retry_loops: 1 });
    const bundle = { format: 'web4-trust-store', version: 1, exported_at: '2026-01-01T00:00:00Z', entities: [json] };

    await value('importStore', { text: JSON.stringify(bundle), mode: 'merge', dryRun: false });
    const [entity] = (await value('exportStore')).entities;
    expect(entity).toEqual(json);
    expect((await value('getEntity', { id: 'mcp:github' })).entity.call_evidence).toEqual(json.call_evidence);
    expect((await value('listEntities', { sort: 'failures', offset: 0, limit: 1 })).items[0]).toMatchObject({
      entity_id: 'mcp:github', call_failures: 2, recent_failure_rate: 2 / 3,
    });
    // Export → import → export is byte-identical with the evidence too.
    const first = await exported();
    expect((await value('importStore', { text: first, mode: 'replace', dryRun: false })).unchanged).toEqual(['mcp:github']);
    expect(await exported()).toBe(first);
  });

  it('deletes all data', async () => {
    await value('recordWitness', { witnessId: 'session:s', targetId: 'mcp:a', success: true, magnitude: 1 });
    expect(await value('deleteAll')).toEqual({ deleted: 2 });
    expect((await value('listEntities', { sort: 'name', offset: 0, limit: 10 })).total).toBe(0);
  });
});

describe('settings, sweeps and status', () => {
  const DEFAULTS = { decayRatePerDay: 0.01, graceDays: 1, sweepPeriodMinutes: 60, eventLogCap: 10_000, sweepMinChange: 0.001, sessionRetentionDays: 90 };

  it('starts from the defaults and applies a partial change', async () => {
    expect(await value('getSettings')).toEqual(DEFAULTS);
    expect(await value('setSettings', { sweepPeriodMinutes: 30 })).toEqual({ ...DEFAULTS, sweepPeriodMinutes: 30 });
    expect(services.periods).toEqual([30]);
    expect((await value('getStatus')).settings.sweepPeriodMinutes).toBe(30);
  });

  it('keeps the sweep rule settings: a minimum change, and a session retention in days or null (forever)', async () => {
    expect(await value('setSettings', { sweepMinChange: 0.05, sessionRetentionDays: null })).toEqual({
      ...DEFAULTS, sweepMinChange: 0.05, sessionRetentionDays: null,
    });
    expect(await value('getSettings')).toMatchObject({ sweepMinChange: 0.05, sessionRetentionDays: null });
    // A change of another setting leaves "forever" as it is; a number replaces it.
    expect(await value('setSettings', { graceDays: 2 })).toMatchObject({ graceDays: 2, sessionRetentionDays: null });
    expect(await value('setSettings', { sessionRetentionDays: 7.5, sweepMinChange: 0 })).toMatchObject({ sweepMinChange: 0, sessionRetentionDays: 7.5 });
    expect(await value('getSettings')).toEqual({ ...DEFAULTS, graceDays: 2, sweepMinChange: 0, sessionRetentionDays: 7.5 });
  });

  it('sweeps with the sweep rule settings: removes idle sessions unless kept forever, writes back only changes past the minimum', async () => {
    const now = services.clock.now();
    const bundle = [
      entityWithTrust('session:old', 0.9, now - 100 * MS_PER_DAY),
      entityWithTrust('session:recent', 0.9, now - 10 * MS_PER_DAY),
      entityWithTrust('mcp:a', 0.9, now - 10 * MS_PER_DAY),
    ];
    await value('importStore', { bundle, mode: 'replace', dryRun: false });
    await value('setSettings', { sessionRetentionDays: null, sweepMinChange: 1 });
    expect(await value('sweepNow')).toMatchObject({ scanned: 3, changed: 0, removed: 0 });
    await value('setSettings', { sessionRetentionDays: 90, sweepMinChange: 0.001 });
    expect(await value('sweepNow')).toMatchObject({ scanned: 3, changed: 2, removed: 1 });
    expect((await value('exportStore')).entities.map((e) => e.entity_id)).toEqual(['mcp:a', 'session:recent']);
    await value('setSettings', { sessionRetentionDays: 5 });
    expect(await value('sweepNow')).toMatchObject({ scanned: 2, changed: 0, removed: 1 });
  });

  it('lists entities as they stand at the background\'s clock', async () => {
    const idle = entityWithTrust('mcp:idle', 0.9, services.clock.now() - 200 * MS_PER_DAY);
    await value('importStore', { bundle: [idle], mode: 'merge', dryRun: false });
    const expected = EntityTrust.fromJSON(idle).stateAt(services.clock.now(), DEFAULT_DECAY);
    const { items: [row], byLevel } = await value('listEntities', { sort: 'name', offset: 0, limit: 10 });
    expect(row).toMatchObject({ entity_id: 'mcp:idle', t3_average: expected.t3Average, v3_average: expected.v3Average, trust_level: 'medium' });
    expect(byLevel).toMatchObject({ high: 0, medium: 1 });
    // The same numbers as the detail view, which reads through the store.
    const detail = await value('getEntity', { id: 'mcp:idle' });
    expect(detail.chain.t3_average).toBe(row!.t3_average);
    expect(EntityTrust.fromJSON(detail.entity).trustLevel).toBe(row!.trust_level);
  });

  it('trims the log when its cap is lowered', async () => {
    for (let i = 0; i < 6; i++) await value('recordOutcome', { id: 'mcp:a', success: true, magnitude: i / 10 });
    await value('setSettings', { eventLogCap: 2 });
    expect((await recentEvents(db, 10)).map((e) => e.details.magnitude)).toEqual([0.5, 0.4]);
  });

  it('sweeps with the decay settings and reports the last sweep', async () => {
    expect((await value('getStatus')).lastSweep).toBeNull();
    await value('recordOutcome', { id: 'mcp:a', success: true, magnitude: 1 });
    await value('setSettings', { decayRatePerDay: 0.1, graceDays: 0 });
    const reference = EntityTrust.fromJSON((await value('getEntity', { id: 'mcp:a' })).entity);
    services.clock.advanceDays(10);
    const result = await value('sweepNow');
    expect(result).toMatchObject({ scanned: 1, changed: 1, finished_at: services.clock.now() });
    reference.decayTo(services.clock.now(), { ratePerDay: 0.1, graceDays: 0 });
    expect((await value('getEntity', { id: 'mcp:a' })).entity).toEqual(reference.toJSON());
    expect((await value('getStatus')).lastSweep).toEqual(result);
    expect(services.clock.now() - MS_PER_DAY * 10).toBeLessThan(result.finished_at);
  });
});
