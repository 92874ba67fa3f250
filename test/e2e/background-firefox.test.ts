// The background in real Firefox ESR (an MV3 event page): the API round trip from an extension
// page, and data surviving the background being unloaded.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EntityJson } from '../../core/index.js';
import { api, value } from './support/extension-api.js';
import { launchFirefoxExtension, type FirefoxExtension } from './support/firefox.js';

let firefox: FirefoxExtension;
let page: Page;
beforeAll(async () => {
  // Unload an idle background after 1 s instead of 30 s.
  firefox = await launchFirefoxExtension({ backgroundIdleMs: 1000 });
  page = await firefox.open('popup.html');
});
afterAll(async () => firefox?.close());

interface Status { backgroundStartedAt: number; settings: { sweepPeriodMinutes: number } }

it('records outcomes and witnesses through the API and exports them', async () => {
  const entity = await value<EntityJson>(page, 'recordOutcome', { id: 'mcp:filesystem', success: true, magnitude: 0.1 });
  expect(entity.training).toBeCloseTo(0.5025, 12);
  await value(page, 'recordWitness', { witnessId: 'session:ff', targetId: 'mcp:filesystem', success: true, magnitude: 1 });
  const bundle = await value<{ entities: EntityJson[] }>(page, 'exportStore');
  expect(bundle.entities.map((e) => e.entity_id)).toEqual(['mcp:filesystem', 'session:ff']);
  expect(await api(page, 'setSettings', { sweepPeriodMinutes: 0.5 })).toMatchObject({
    ok: false, error: { code: 'invalid-request', message: expect.stringContaining('sweep period must be at least 1 minute') },
  });
});

it('keeps the data when the idle background is unloaded and started again', async () => {
  const before = JSON.stringify(await value(page, 'exportStore'));
  const { backgroundStartedAt: first } = await value<Status>(page, 'getStatus');
  let restarted = first;
  const deadline = Date.now() + 30_000;
  while (restarted === first) {
    if (Date.now() > deadline) throw new Error('the background was never unloaded');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    ({ backgroundStartedAt: restarted } = await value<Status>(page, 'getStatus'));
  }
  expect(restarted).toBeGreaterThan(first);
  expect(JSON.stringify(await value(page, 'exportStore'))).toBe(before);
  const again = await value<EntityJson>(page, 'recordOutcome', { id: 'mcp:filesystem', success: false, magnitude: 1 });
  expect(again.action_count).toBe(2);
});
