// The live bridge end to end, the same steps in Chromium and Firefox: a scratch HOME with the store,
// `web4-trust bridge install` into it, the built extension in a real browser that starts the real
// host, and hooks and CLI commands spawned beside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_VERSION, EntityTrust } from '../../../core/index.js';
import { text } from '../../node/claude-code-fixtures.js';
import { api, value, type ExtensionPage } from './extension-api.js';
import { BIN, runBin, type Sandbox } from './node-bin.js';

export interface BridgeBrowser {
  /** Opens an extension page (and keeps it open). */
  open(page: string): Promise<ExtensionPage>;
}

interface Status {
  state: string;
  problem: { kind: string } | null;
  outbox: number;
  hostEntities: number | null;
}

/** Polls `read` (every 25 ms) until `test` holds; resolves to the milliseconds it took. */
export async function until<T>(read: () => Promise<T>, test: (value: T) => boolean, timeoutMs = 15_000): Promise<number> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < timeoutMs) {
    last = await read();
    if (test(last)) return Date.now() - start;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

export const status = (page: ExtensionPage) => value<Status>(page, 'getBridgeStatus');
/** Waits until the bridge is live (an open page connects it; `syncBridge` asks at once). */
export async function liveOn(page: ExtensionPage): Promise<void> {
  if ((await status(page)).state !== 'live') await value(page, 'syncBridge');
  await until(() => status(page), (s) => s.state === 'live');
}

/** What the popup shows as its entity count ("3 entities"), read from the page. */
export const shownTotal = (popup: ExtensionPage) =>
  (popup.evaluate as (fn: () => string | null) => Promise<string | null>)(() => document.querySelector('.total')?.textContent ?? null);

export const hook = (box: Sandbox, event: string, fixture: Parameters<typeof text>[0], changes?: Record<string, unknown>) =>
  runBin(['hook', event], { env: box.env, input: text(fixture, changes) });

export const cliJson = async <T>(box: Sandbox, ...args: string[]): Promise<T> => JSON.parse((await runBin(args, { env: box.env })).stdout) as T;

/** The popup's status line, as a user reads it. */
export const popupLine = (popup: ExtensionPage) =>
  (popup.evaluate as (fn: () => string | null) => Promise<string | null>)(() => document.querySelector('.bridge-line')?.textContent ?? null);

/** A spawned hook call appears in the open popup, without a reload. Resolves to how long it took (ms). */
export async function hookShowsInPopup(box: Sandbox, popup: ExtensionPage): Promise<number> {
  await liveOn(popup);
  await until(() => popupLine(popup), (line) => line === 'Live · this computer\'s store');
  await until(() => shownTotal(popup), (t) => t !== null);
  const before = await shownTotal(popup);
  const started = Date.now();
  const done = await hook(box, 'post-tool-use', 'post-tool-use-mcp', { tool_name: `mcp__live${started}__run` });
  expect(done.code).toBe(0);
  await until(() => shownTotal(popup), (t) => t !== before);
  return Date.now() - started;
}

/** A write made in the browser is on the computer's store: the CLI sees it. */
export async function popupWriteReachesCli(box: Sandbox, page: ExtensionPage): Promise<void> {
  await liveOn(page);
  await value(page, 'recordOutcome', { id: 'mcp:from-browser', success: false, magnitude: 0.1 });
  const shown = await cliJson<{ entity: { action_count: number; success_count: number } }>(box, 'show', 'mcp:from-browser', '--json');
  expect([shown.entity.action_count, shown.entity.success_count]).toEqual([1, 0]);
}

/**
 * The host cannot start (its launcher gone, as after a crash mid-upgrade): the extension says local
 * only and queues a write; the host back, the write is replayed once and both sides agree.
 */
export async function hostDownThenBack(box: Sandbox, page: ExtensionPage): Promise<void> {
  await liveOn(page);
  await value(page, 'recordOutcome', { id: 'mcp:queued', success: true, magnitude: 0.1 });
  const launcher = path.join(box.home, '.web4', 'bridge', 'web4-trust-native-host');
  const saved = fs.readFileSync(launcher, 'utf8');
  fs.writeFileSync(launcher, '#!/bin/sh\nexit 1\n');
  killHost();
  await until(() => status(page), (s) => s.state === 'local');
  await value(page, 'recordOutcome', { id: 'mcp:queued', success: false, magnitude: 0.1 });
  expect((await status(page)).outbox).toBe(1);
  await until(() => popupLine(page), (line) => line?.startsWith('Local only') === true && line.endsWith('1 change waiting'));
  fs.writeFileSync(launcher, saved);
  await value(page, 'syncBridge');
  await until(() => status(page), (s) => s.state === 'live' && s.outbox === 0);
  const shown = await cliJson<{ entity: { action_count: number; success_count: number } }>(box, 'show', 'mcp:queued', '--json');
  expect([shown.entity.action_count, shown.entity.success_count]).toEqual([2, 1]);
  const local = await value<{ entity: { action_count: number } }>(page, 'getEntity', { id: 'mcp:queued' });
  expect(local.entity.action_count).toBe(2);
}

/** Ends the running host process (there is one: tests run one browser at a time). */
function killHost(): void {
  try {
    execFileSync('pkill', ['-9', '-f', `${BIN} native-host`]);
  } catch {
    // None running.
  }
}

/** 10,000 entities on each side (1,000 of them on both, newer in the browser) before the first connection: one view after it. */
export async function firstConnectionMerges(box: Sandbox, page: ExtensionPage, connect: () => Promise<void>): Promise<void> {
  const old = Date.UTC(2026, 0, 1);
  const newer = Date.UTC(2026, 5, 1);
  const entity = (id: string, at: number, talent: number) => ({ ...EntityTrust.create(id, at).toJSON(), talent, last_activity: new Date(at).toISOString() });
  const hostSide = Array.from({ length: 10_000 }, (_, i) => entity(`ref:h${i}`, old, 0.2));
  const browserSide = Array.from({ length: 10_000 }, (_, i) => (i < 1000 ? entity(`ref:h${i}`, newer, 0.9) : entity(`ref:b${i}`, old, 0.4)));
  const bundle = path.join(box.home, 'host.json');
  fs.writeFileSync(bundle, JSON.stringify({ format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exported_at: new Date(old).toISOString(), entities: hostSide }));
  expect((await runBin(['import', bundle], { env: box.env })).code).toBe(0);
  const imported = await api<{ ok: boolean }>(page, 'importStore', { bundle: { format: BUNDLE_FORMAT, version: BUNDLE_VERSION, exported_at: new Date(newer).toISOString(), entities: browserSide }, mode: 'merge', dryRun: false });
  expect(imported).toMatchObject({ ok: true });
  await connect();
  await value(page, 'syncBridge');
  await liveOn(page);
  const listed = await cliJson<{ entities: { entity_id: string; t3_average: number }[] }>(box, 'list', '--json');
  expect(listed.entities).toHaveLength(19_000);
  const total = await value<{ total: number }>(page, 'listEntities', { sort: 'name', offset: 0, limit: 1 });
  expect(total.total).toBe(19_000);
  // The newer side won where both had an entity.
  const both = await value<{ entity: { talent: number } }>(page, 'getEntity', { id: 'ref:h5' });
  expect(both.entity.talent).toBe(0.9);
  // Talent never decays: the computer's store holds the browser's newer entity too.
  const onComputer = await cliJson<{ entity: { talent: number } }>(box, 'show', 'ref:h5', '--json');
  expect(onComputer.entity.talent).toBe(0.9);
}
