// The background in real Chromium: the API from an extension page, a stopped worker, the real
// alarm, 100,000-entity sweeps and imports cut short, and a web page trying to get in.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DECAY, EntityTrust, MS_PER_DAY, type EntityJson } from '../../core/index.js';
import { launchExtension, type ExtensionBrowser } from './support/chromium.js';
import { api, value } from './support/extension-api.js';
import { readMeta, readStoredEntity, startLargeImport, waitFor } from './support/large-import.js';

let browser: ExtensionBrowser;
let page: Page;
beforeAll(async () => {
  browser = await launchExtension();
  page = await browser.open('popup.html');
});
afterAll(async () => browser?.close());

/** What the tests use of `chrome` inside the service worker (the project has no `chrome` global types). */
interface WorkerChrome {
  alarms: { create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void> };
  action: { getBadgeText(details: object): Promise<string> };
}
type WorkerGlobal = { chrome: WorkerChrome };

interface Result<T> { ok: boolean; value: T; error?: { code: string; message: string } }
interface Status { lastSweep: { scanned: number; changed: number; finished_at: number } | null }
interface Page1 { total: number; byType: Record<string, number>; items: { entity_id: string }[] }

/** A moment after every activity in these tests. */
const LATER = Date.now() + 1000 * MS_PER_DAY;

/**
 * What the store holds, whenever it is read: every exported entity brought to one fixed moment.
 * An export shows each entity as it stands at the moment of the export, which moves while it decays.
 */
const exported = async () => {
  const { entities } = await value<{ entities: EntityJson[] }>(page, 'exportStore');
  return JSON.stringify(entities.map((entity) => EntityTrust.fromJSON(entity).stateAt(LATER, DEFAULT_DECAY).toJSON()));
};

/** An entity last active `daysAgo` days ago, with an outcome that lifted it above the decay floor. */
function oldEntity(id: string, daysAgo: number): EntityJson {
  const at = Date.now() - daysAgo * MS_PER_DAY;
  const entity = EntityTrust.create(id, at);
  for (let i = 0; i < 20; i++) entity.updateFromOutcome(true, 1, at);
  return entity.toJSON();
}

describe('the API from an extension page', () => {
  it('records outcomes and witnesses, exactly as the core computes them', async () => {
    const entity = await value<EntityJson>(page, 'recordOutcome', { id: 'mcp:filesystem', success: true, magnitude: 0.1 });
    expect(entity.training).toBeCloseTo(0.5025, 12);
    expect(entity.temperament).toBeCloseTo(0.50125, 12);
    const witnessed = await value<{ target: EntityJson }>(page, 'recordWitness', {
      witnessId: 'session:abc', targetId: 'mcp:filesystem', success: true, magnitude: 1,
    });
    expect(witnessed.target.witnessed_by).toEqual(['session:abc']);
    const detail = await value<{ events: { kind: string }[]; chain: { witnessed_by: { entity_id: string }[] } }>(page, 'getEntity', { id: 'mcp:filesystem' });
    expect(detail.events.map((e) => e.kind)).toEqual(['witness', 'outcome']);
    expect(detail.chain.witnessed_by.map((l) => l.entity_id)).toEqual(['session:abc']);

    const bad = await api<Result<unknown>>(page, 'recordOutcome', { id: 'mcp:filesystem', success: true, magnitude: 'lots' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request', message: expect.stringContaining('magnitude') } });
  });

  it('loses nothing when the service worker is stopped', async () => {
    const before = await exported();
    await browser.stopWorker();
    expect(await exported()).toBe(before);
    const again = await value<EntityJson>(page, 'recordOutcome', { id: 'mcp:filesystem', success: false, magnitude: 0.5 });
    expect(again.action_count).toBe(2);
  });

  it('applies decay on the real alarm to an entity imported with an old last activity, and updates the badge', async () => {
    // Medium trust (0.45), idle for 400 days: decay takes training and temperament to the floor, so low.
    const at = new Date(Date.now() - 400 * MS_PER_DAY).toISOString();
    const stale = {
      ...EntityTrust.create('mcp:stale').toJSON(), talent: 0.45, training: 0.45, temperament: 0.45,
      t3_at_last_activity: [0.45, 0.45, 0.45], last_activity: at, last_action: at, created_at: at,
    } as EntityJson;
    await value(page, 'importStore', { bundle: [stale], mode: 'merge', dryRun: false });
    const before = (await value<Status>(page, 'getStatus')).lastSweep?.finished_at ?? 0;
    await browser.worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.alarms.create('decay-sweep', { when: Date.now() + 100 }));
    const sweep = await waitFor('the alarm sweep', async () => {
      const { lastSweep } = await value<Status>(page, 'getStatus');
      return lastSweep && lastSweep.finished_at > before ? lastSweep : undefined;
    });
    expect(sweep.changed).toBeGreaterThanOrEqual(1);
    const { entity } = await value<{ entity: EntityJson }>(page, 'getEntity', { id: 'mcp:stale' });
    const expected = EntityTrust.fromJSON(stale);
    expected.decayTo(sweep.finished_at, DEFAULT_DECAY);
    expect(entity.training).toBeCloseTo(expected.training, 9);
    expect(entity.training).toBeLessThan(stale.training);
    expect(EntityTrust.fromJSON(entity).trustLevel).toBe('low');
    const { byLevel } = await value<{ byLevel: { low: number; minimal: number } }>(page, 'listEntities', { sort: 'name', offset: 0, limit: 1 });
    expect(byLevel.low + byLevel.minimal).toBe(1);
    const badge = await waitFor('the badge', async () => {
      const text = await browser.worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.action.getBadgeText({}));
      return text === String(byLevel.low + byLevel.minimal) && text;
    }, 5000);
    expect(badge).toBe(String(byLevel.low + byLevel.minimal));
    await browser.worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.alarms.create('decay-sweep', { periodInMinutes: 60, delayInMinutes: 60 }));
  });

  it('refuses a page on a web origin: it cannot reach the background, and nothing changes', async () => {
    const server = createServer((_req, res) => res.end('<!doctype html><title>web</title><p>a web page'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const before = await exported();
    const web = await browser.context.newPage();
    try {
      await web.goto(`http://127.0.0.1:${port}/`);
      const attempt = await web.evaluate(async (extensionId) => {
        const c = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => unknown } } }).chrome;
        if (typeof c?.runtime?.sendMessage !== 'function') return 'no chrome.runtime.sendMessage';
        try {
          return JSON.stringify(await c.runtime.sendMessage(extensionId, { id: 1, type: 'deleteAll', timestamp: Date.now() }));
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      }, browser.extensionId);
      expect(attempt).toMatch(/^(no chrome.runtime.sendMessage|refused: .+)$/);
    } finally {
      await web.close();
      server.close();
    }
    expect(await exported()).toBe(before);
  });
});

describe('100,000 entities', () => {
  const COUNT = 100_000;
  const template = oldEntity('mcp:template', 30);

  it('finishes a sweep that the worker was stopped in the middle of', async () => {
    await startLargeImport(page, template, 'mcp:server-', COUNT);
    await waitFor('the import', () => page.evaluate(() => (window as unknown as { importDone: unknown }).importDone !== 'pending'));
    expect(await page.evaluate(() => (window as unknown as { importDone: { ok: boolean } }).importDone.ok)).toBe(true);

    const previous = (await value<Status>(page, 'getStatus')).lastSweep?.finished_at ?? 0;
    await browser.worker.evaluate(() => (globalThis as unknown as WorkerGlobal).chrome.alarms.create('decay-sweep', { when: Date.now() + 50 }));
    const cursor = await waitFor('a sweep batch', async () => (await readMeta(page, 'sweep-cursor')) as { scanned: number } | null);
    await browser.stopWorker();
    const stoppedAt = (await readMeta(page, 'sweep-cursor')) as { scanned: number; now: number } | null;
    expect(stoppedAt, 'the worker was stopped mid-sweep').not.toBeNull();
    expect(stoppedAt!.scanned).toBeGreaterThanOrEqual(cursor.scanned);
    expect(stoppedAt!.scanned).toBeLessThan(COUNT);

    // The next message wakes the worker, which resumes the sweep where it stopped.
    const done = await waitFor('the resumed sweep', async () => {
      const { lastSweep } = await value<Status>(page, 'getStatus');
      return lastSweep && lastSweep.finished_at > previous ? lastSweep : undefined;
    });
    expect(done).toMatchObject({ scanned: COUNT, changed: COUNT });
    expect(await readMeta(page, 'sweep-cursor')).toBeNull();
    for (const i of [0, 54_321, COUNT - 1]) {
      // As stored: decayed to the moment of the sweep, the part done before the stop and the rest alike.
      const stored = await readStoredEntity(page, `mcp:server-${i}`);
      const expected = EntityTrust.fromJSON({ ...template, entity_id: `mcp:server-${i}`, entity_name: `server-${i}` });
      expected.decayTo(stoppedAt!.now, DEFAULT_DECAY);
      expectSameEntity(stored!, expected.toJSON());
      // As read: at now, whatever the sweep wrote.
      const { entity } = await value<{ entity: EntityJson }>(page, 'getEntity', { id: `mcp:server-${i}`, events: 0, depth: 1 });
      expect(entity.training).toBeCloseTo(expected.stateAt(Date.now(), DEFAULT_DECAY).training, 6);
    }
  });

  it('keeps the store fully old or fully new when the worker is stopped in the middle of an import', async () => {
    const before = await value<Page1>(page, 'listEntities', { sort: 'name', offset: 0, limit: 1 });
    await startLargeImport(page, template, 'role:new-', COUNT);
    await browser.stopWorker();
    const outcome = await page.evaluate(() => (window as unknown as { importDone: unknown }).importDone);
    const after = await value<Page1>(page, 'listEntities', { sort: 'name', offset: 0, limit: 1 });
    if (after.byType.role === undefined) {
      // Stopped before the commit: exactly the old data.
      expect(after.total).toBe(before.total);
      expect(after.byType).toEqual(before.byType);
      expect(outcome).not.toMatchObject({ ok: true });
    } else {
      expect(after.byType).toEqual({ role: COUNT });
    }
    console.log(`import stopped midway: the store is fully ${after.byType.role === undefined ? 'old' : 'new'}`);
  });
});

const SCORES = ['talent', 'training', 'temperament', 'valuation', 'veracity', 'validity'] as const;

/**
 * Equal entities, scores within 1e-12: Chromium's and Node's V8 compute `(1 − rate) ** days` to
 * different last bits, and the engine promises agreement to 1e-12, not bit-identical decay.
 */
function expectSameEntity(actual: EntityJson, expected: EntityJson): void {
  for (const name of SCORES) expect(Math.abs(actual[name] - expected[name]), name).toBeLessThanOrEqual(1e-12);
  const rest = (json: EntityJson) => Object.fromEntries(Object.entries(json).filter(([key]) => !(SCORES as readonly string[]).includes(key)));
  expect(rest(actual)).toEqual(rest(expected));
}
