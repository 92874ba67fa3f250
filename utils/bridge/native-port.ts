// One native messaging connection to `web4-trust native-host`: requests with ids, their answers,
// the pages of long answers and the host's pushes. Messages over 1 MB arrive as chunks of their
// JSON text (see node/bridge/framing.ts) and are joined here. Every message is checked before it is
// used; entities inside are left to the core's strict parser, in the mirror.
import { browser } from 'wxt/browser';
import { BRIDGE_HOST_NAME, hostMessageProblem, type BridgeMessage, type BridgeRequest, type SyncPage } from '@/core/index.js';

/** Why a request failed: the host's error code, or `disconnected` when the connection ended first. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

type Push = Extract<BridgeMessage, { push: 'changed' }>;
type Body = BridgeRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: BridgeError) => void;
  onPage?: ((page: SyncPage) => Promise<void>) | undefined;
  /** Pages are written in order, before the answer settles. */
  pages: Promise<void>;
}

/** The browser's port, as both browsers' typings allow: the error is on the port (Firefox) or in lastError (Chromium). */
interface Port {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: (port: Port) => void): void };
  error?: { message?: string } | null;
}

export class NativePort {
  readonly #port: Port;
  readonly #pending = new Map<number, Pending>();
  readonly #chunks = new Map<number, (string | undefined)[]>();
  #nextId = 1;
  #closed: string | undefined;

  /**
   * Starts the host. `onPush` gets what the store changed; `onClose` why the connection ended
   * (never called for `close()`).
   */
  constructor(onPush: (push: Push) => void, onClose: (reason: string) => void) {
    this.#port = browser.runtime.connectNative(BRIDGE_HOST_NAME) as unknown as Port;
    this.#port.onMessage.addListener((message) => this.#receive(message, onPush));
    this.#port.onDisconnect.addListener((port) => {
      const reason = port.error?.message ?? browser.runtime.lastError?.message ?? 'the host exited';
      this.#end(reason);
      onClose(reason);
    });
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Sends a request; resolves to its result after any pages went to `onPage`, in order. */
  request<T>(body: Body, onPage?: (page: SyncPage) => Promise<void>): Promise<T> {
    if (this.#closed !== undefined) return Promise.reject(new BridgeError('disconnected', this.#closed));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (result: unknown) => void, reject, onPage, pages: Promise.resolve() });
      this.#port.postMessage({ ...body, id });
    });
  }

  close(): void {
    this.#end('closed');
    this.#port.disconnect();
  }

  #receive(raw: unknown, onPush: (push: Push) => void): void {
    const message = this.#joined(raw);
    if (message === undefined) return;
    const problem = hostMessageProblem(message);
    if (problem !== undefined) {
      // Out of step with the host: nothing it says next can be trusted.
      this.#end(`the host sent a malformed message (${problem})`);
      this.#port.disconnect();
      return;
    }
    const m = message as BridgeMessage;
    if ('push' in m) {
      onPush(m);
      return;
    }
    const pending = this.#pending.get(m.id);
    if (!pending) return;
    if ('page' in m) {
      const { onPage } = pending;
      if (onPage) pending.pages = pending.pages.then(() => onPage(m.page));
      return;
    }
    this.#pending.delete(m.id);
    void pending.pages.then(
      () => (m.ok ? pending.resolve(m.result) : pending.reject(new BridgeError(m.error.code, m.error.message))),
      (error: unknown) => pending.reject(new BridgeError('mirror', error instanceof Error ? error.message : String(error))),
    );
  }

  /** A whole message, or undefined while the chunks of one are still arriving. */
  #joined(raw: unknown): unknown {
    const chunk = (raw as { chunk?: { id?: unknown; index?: unknown; count?: unknown }; text?: unknown } | null)?.chunk;
    if (chunk === undefined) return raw;
    const { id, index, count } = chunk;
    const text = (raw as { text?: unknown }).text;
    const valid = Number.isSafeInteger(id) && Number.isSafeInteger(count) && Number.isSafeInteger(index) &&
      (index as number) >= 0 && (index as number) < (count as number) && typeof text === 'string';
    if (!valid) return { malformed: true };
    const parts = this.#chunks.get(id as number) ?? new Array<string | undefined>(count as number).fill(undefined);
    parts[index as number] = text;
    this.#chunks.set(id as number, parts);
    if (parts.includes(undefined)) return undefined;
    this.#chunks.delete(id as number);
    try {
      return JSON.parse(parts.join('')) as unknown;
    } catch {
      return { malformed: true };
    }
  }

  #end(reason: string): void {
    if (this.#closed !== undefined) return;
    this.#closed = reason;
    for (const pending of this.#pending.values()) pending.reject(new BridgeError('disconnected', reason));
    this.#pending.clear();
  }
}
