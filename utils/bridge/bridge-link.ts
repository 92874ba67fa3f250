// The background's side of the live bridge: while connected, this computer's store is the source of
// truth and IndexedDB its mirror; while not, the extension works on IndexedDB alone and keeps its
// writes in the outbox. It connects when a page is open, when the alarm fires and when the
// extension writes, and lets go 30 s after the last page closed, so that an idle browser keeps no
// host process and its worker may sleep. No polling on either side: the host pushes changes.
import {
  BRIDGE_PROTOCOL, EntityTrust, entityFileName,
  type BridgeChange, type ChangeResult, type EntityJson, type HelloResult, type SyncPage, type SyncResult,
} from '@/core/index.js';
import type { BridgeProblemKind, BridgeStatus } from '../api/api-types.js';
import type { BridgeMeta, OutboxEntry, TrustDb } from '../db/schema.js';
import type { IndexedDbTrustStore } from '../store/indexed-db-store.js';
import { BridgeError, NativePort } from './native-port.js';

export { PAGE_PORT } from '../pages/page-port-name.js';
/** How long the connection stays after the last page closed. */
export const IDLE_DISCONNECT_MS = 30_000;
/** Entities per merge request on the first connection. */
const MERGE_BATCH = 1000;
/**
 * Entities mirrored per IndexedDB transaction during a sync. The host's pages hold 1,000; writing each
 * on its own would read and write most of the 1,024 buckets a hundred times for 100,000 entities.
 */
const MIRROR_BATCH = 25_000;
/** Waits between reconnections while a page is open: a crashed host is not restarted in a tight loop. */
const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
/**
 * After a connection failed, writes go straight to IndexedDB (and the outbox) for this long rather
 * than try again: a browser without the host would otherwise try, and fail, on every write.
 */
const WRITES_SKIP_CONNECTING_MS = 10_000;

export interface BridgeDeps {
  db: () => Promise<TrustDb>;
  /** The IndexedDB store, for mirroring and the first merge. */
  openStore: () => Promise<IndexedDbTrustStore>;
  /** The extension's version, for `hello` (read when connecting). */
  version: () => string;
  /** The bridge's status changed (pages show it). */
  statusChanged: (status: BridgeStatus) => void;
  /** Entities changed in the mirror (pages re-read; the badge is refreshed). */
  storeChanged: () => void;
  /** Starts the host connection (tests pass a fake). */
  connect?: (onPush: (entities: EntityJson[], removedNames: string[]) => void, onClose: (reason: string) => void) => PortLike;
  log?: (message: string) => void;
}

/** What the link needs of a connection (`NativePort`). */
export interface PortLike {
  readonly closed: boolean;
  request<T>(body: object, onPage?: (page: SyncPage) => Promise<void>): Promise<T>;
  close(): void;
}

const INITIAL_STATUS: BridgeStatus = {
  state: 'local', problem: null, store: null, hostVersion: null, lastSync: null, outbox: 0, hostEntities: null, linked: false,
};

export class BridgeLink {
  readonly #deps: BridgeDeps;
  #port: PortLike | undefined;
  #status: BridgeStatus = { ...INITIAL_STATUS };
  #connecting: Promise<boolean> | undefined;
  #pages = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  /** When the last connection failed or broke; undefined once one succeeds. */
  #failedAt: number | undefined;
  /** Mirror writes in order: pushes, pages and answers never overtake one another. */
  #mirrorQueue: Promise<void> = Promise.resolve();

  constructor(deps: BridgeDeps) {
    this.#deps = deps;
  }

  status(): BridgeStatus {
    return { ...this.#status };
  }

  /** The status with what the database keeps read afresh: a restarted worker still knows them. */
  async current(): Promise<BridgeStatus> {
    const meta = await this.#meta();
    const outbox = await (await this.#deps.db()).count('outbox');
    this.#status = { ...this.#status, linked: meta.linked, lastSync: meta.last_sync ?? this.#status.lastSync, outbox };
    return this.status();
  }

  /** A page opened: connect, and stay while any is open. */
  pageOpened(): void {
    this.#pages++;
    this.#cancelIdle();
    void this.connect();
  }

  pageClosed(): void {
    this.#pages = Math.max(0, this.#pages - 1);
    if (this.#pages === 0) this.#scheduleIdle();
  }

  /** Connects if it is not (once at a time); resolves to whether the link is live. */
  connect(): Promise<boolean> {
    if (this.#isLive()) return Promise.resolve(true);
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /** Syncs now (the options page's *Sync now*): reconnects if needed. */
  async syncNow(): Promise<BridgeStatus> {
    this.#failures = 0;
    if (this.#isLive()) await this.#sync(this.#port!);
    else await this.connect();
    if (this.#pages === 0) this.#scheduleIdle();
    return this.current();
  }

  /**
   * Runs one of the extension's writes on this computer's store and mirrors what it left. Resolves
   * to undefined when the store cannot be reached: the caller then writes locally, with the outbox
   * entry of `outboxEntry` (the same operation id, so that a write the host applied just before the
   * connection broke is not applied twice on replay). A refusal by the host (not found, invalid) rejects.
   */
  async apply(operationId: string, change: BridgeChange): Promise<ChangeResult | undefined> {
    if (!this.#isLive() && this.#failedAt !== undefined && Date.now() - this.#failedAt < WRITES_SKIP_CONNECTING_MS) return undefined;
    if (!(await this.connect())) return undefined;
    const port = this.#port!;
    try {
      const result = await port.request<ChangeResult>({ op: 'apply', operationId, change });
      await this.#mirrorResult(result);
      return result;
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'disconnected') return undefined;
      throw error;
    } finally {
      if (this.#pages === 0) this.#scheduleIdle();
    }
  }

  /** The outbox entry for a write made locally: only once the first connection has merged both sides. */
  async outboxEntry(operationId: string, change: BridgeChange): Promise<OutboxEntry | undefined> {
    const meta = await this.#meta();
    return meta.linked ? { operationId, change, at: Date.now() } : undefined;
  }

  /** A local write went to the outbox: count it. */
  async queued(): Promise<void> {
    await this.#refreshOutbox();
  }

  async #open(): Promise<boolean> {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#setStatus({ state: 'connecting' });
    const connect = this.#deps.connect ?? ((onPush, onClose) => new NativePort((push) => onPush(push.entities, push.removedNames), onClose));
    let port: PortLike;
    try {
      port = connect(
        (entities, removedNames) => void this.#enqueue(() => this.#mirrorPush(entities, removedNames)).catch(() => {}),
        (reason) => this.#closed(port, reason),
      );
      this.#port = port;
      const hello = await port.request<HelloResult>({ op: 'hello', protocol: BRIDGE_PROTOCOL, version: this.#deps.version() });
      this.#setStatus({ store: hello.store, hostVersion: hello.version });
      const meta = await this.#meta();
      if (!meta.linked) await this.#firstMerge(port);
      await this.#replayOutbox(port);
      await this.#sync(port);
      this.#failures = 0;
      this.#failedAt = undefined;
      this.#setStatus({ state: 'live', problem: null });
      return true;
    } catch (error) {
      const kind: BridgeProblemKind = error instanceof BridgeError && error.code === 'version' ? 'version' : problemKindOf(messageOf(error));
      this.#port?.close();
      this.#port = undefined;
      this.#failed(kind, messageOf(error));
      return false;
    }
  }

  /** The first connection ever: the extension's entities merged into the store (newer activity wins, witnesses unite). */
  async #firstMerge(port: PortLike): Promise<void> {
    const store = await this.#deps.openStore();
    const entities = (await store.list()).map((entity) => entity.toJSON());
    for (let start = 0; start < entities.length; start += MERGE_BATCH) {
      await port.request({ op: 'merge', entities: entities.slice(start, start + MERGE_BATCH) });
    }
    await this.#saveMeta({ linked: true, cursor: null });
    this.#setStatus({ linked: true });
  }

  /** Writes made while the store could not be reached, oldest first, each applied once. */
  async #replayOutbox(port: PortLike): Promise<void> {
    const db = await this.#deps.db();
    for (const entry of await db.getAll('outbox')) {
      try {
        await this.#mirrorResult(await port.request<ChangeResult>({ op: 'apply', operationId: entry.operationId, change: entry.change }));
      } catch (error) {
        // The host refused it (an entity deleted meanwhile, say): it can never apply; say so and go on.
        if (!(error instanceof BridgeError) || error.code === 'disconnected') throw error;
        this.#deps.log?.(`a write kept while offline was refused by this computer's store: ${error.message}`);
      }
      await db.delete('outbox', entry.seq!);
      await this.#refreshOutbox();
    }
  }

  /** What changed since the last sync (everything the first time), mirrored; then the new cursor. */
  async #sync(port: PortLike): Promise<void> {
    const meta = await this.#meta();
    const received = new Set<string>();
    const present: string[] = [];
    let batch: EntityJson[] = [];
    const flush = () => {
      const entities = batch;
      batch = [];
      return this.#enqueue(() => this.#mirror(entities, []));
    };
    const result = await port.request<SyncResult>({ op: 'sync', cursor: meta.cursor }, async (page) => {
      for (const entity of page.entities) {
        received.add(entity.entity_id);
        batch.push(entity);
      }
      if (page.present) present.push(...page.present);
      if (batch.length >= MIRROR_BATCH) await flush();
    });
    await flush();
    // Entities the store no longer holds: with a cursor, those whose names it did not list; without one, those it did not send.
    const store = await this.#deps.openStore();
    const ids = await store.ids();
    const listed = new Set(present);
    const gone = meta.cursor === null && present.length === 0
      ? ids.filter((id) => !received.has(id))
      : ids.filter((id) => !listed.has(entityFileName(id)));
    if (gone.length > 0) await this.#enqueue(() => this.#mirror([], gone));
    const lastSync = Date.now();
    await this.#saveMeta({ cursor: result.cursor, last_sync: lastSync });
    this.#setStatus({ lastSync, hostEntities: result.entities });
    this.#deps.storeChanged();
  }

  async #mirrorPush(entities: EntityJson[], removedNames: string[]): Promise<void> {
    let removed: string[] = [];
    if (removedNames.length > 0) {
      const names = new Set(removedNames);
      removed = (await (await this.#deps.openStore()).ids()).filter((id) => names.has(entityFileName(id)));
    }
    await this.#mirror(entities, removed);
    this.#deps.storeChanged();
  }

  async #mirrorResult(result: ChangeResult): Promise<void> {
    await this.#enqueue(() => this.#mirror(result.entities, result.removed));
  }

  /** Writes entities from the host after the core's strict parser accepted each; a bad one is skipped and logged. */
  async #mirror(entities: readonly EntityJson[], removed: readonly string[]): Promise<void> {
    const parsed: EntityTrust[] = [];
    for (const json of entities) {
      try {
        parsed.push(EntityTrust.fromJSON(json));
      } catch (error) {
        this.#deps.log?.(`skipped an entity from this computer's store: ${messageOf(error)}`);
      }
    }
    if (parsed.length === 0 && removed.length === 0) return;
    await (await this.#deps.openStore()).mirror(parsed, removed);
  }

  #enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.#mirrorQueue.then(work);
    this.#mirrorQueue = next.catch((error: unknown) => this.#deps.log?.(`could not mirror a change: ${messageOf(error)}`));
    return next;
  }

  #closed(port: PortLike | undefined, reason: string): void {
    if (port !== undefined && port !== this.#port) return;
    this.#port = undefined;
    if (reason === 'closed') return;
    this.#failed(problemKindOf(reason), reason);
  }

  /** A connection failed or broke: local, saying why, and tried again later (writes wait a while). */
  #failed(kind: BridgeProblemKind, message: string): void {
    this.#setStatus({ state: 'local', problem: { kind, message } });
    this.#failedAt = Date.now();
    this.#retryLater();
  }

  /** While a page is open, tries again after a growing pause. */
  #retryLater(): void {
    if (this.#pages === 0 || this.#retryTimer) return;
    const delay = RETRY_DELAYS_MS[Math.min(this.#failures++, RETRY_DELAYS_MS.length - 1)]!;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#pages > 0) void this.connect();
    }, delay);
  }

  #scheduleIdle(): void {
    this.#cancelIdle();
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      if (this.#pages > 0) return;
      this.#port?.close();
      this.#port = undefined;
      if (this.#status.state !== 'local') this.#setStatus({ state: 'local', problem: null });
    }, IDLE_DISCONNECT_MS);
  }

  #cancelIdle(): void {
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  async #refreshOutbox(): Promise<void> {
    this.#setStatus({ outbox: await (await this.#deps.db()).count('outbox') });
  }

  async #meta(): Promise<BridgeMeta> {
    const stored = (await (await this.#deps.db()).get('meta', 'bridge')) as BridgeMeta | undefined;
    return stored ?? { linked: false, cursor: null, last_sync: null };
  }

  async #saveMeta(change: Partial<BridgeMeta>): Promise<void> {
    const db = await this.#deps.db();
    await db.put('meta', { ...(await this.#meta()), ...change }, 'bridge');
  }

  #isLive(): boolean {
    return this.#port !== undefined && !this.#port.closed && this.#status.state === 'live';
  }

  #setStatus(change: Partial<BridgeStatus>): void {
    this.#status = { ...this.#status, ...change };
    this.#deps.statusChanged(this.status());
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The kind of problem, from what the browser or the host said. */
export function problemKindOf(message: string): BridgeProblemKind {
  if (/not found|no such native application|not registered/i.test(message)) return 'not-installed';
  if (/forbidden|not allowed|access to the specified native messaging host/i.test(message)) return 'forbidden';
  if (/exited|disconnected|closed|communicating/i.test(message)) return 'disconnected';
  return 'error';
}
