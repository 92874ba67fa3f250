import {
  BRIDGE_PROTOCOL, EntityTrust, TrustFormatError, requestProblem,
  type BridgeChange, type BridgeErrorCode, type BridgeMessage, type BridgeRequest, type ChangeResult, type HelloResult,
  type ImportPlan,
} from '../../core/index.js';
import type { MachineStore } from '../store/open-store.js';
import type { OperationLedger } from './operation-ledger.js';
import type { StoreFeed } from './store-feed.js';

// One connection's conversation, after the framing: the extension's requests checked and answered,
// one at a time, in order. The host does nothing but trust-store operations on the machine's store.

export interface HostDeps {
  store: MachineStore;
  feed: StoreFeed;
  ledger: OperationLedger;
  version: string;
  send: (message: BridgeMessage) => Promise<void>;
}

class RequestError extends Error {
  constructor(readonly code: BridgeErrorCode, message: string) {
    super(message);
  }
}

export class HostSession {
  readonly #deps: HostDeps;
  #greeted = false;

  constructor(deps: HostDeps) {
    this.#deps = deps;
  }

  /** Answers one message from the extension; never throws (a failure is an error answer). */
  async handle(value: unknown): Promise<void> {
    const id = typeof value === 'object' && value !== null && Number.isSafeInteger((value as { id?: unknown }).id)
      ? (value as { id: number }).id : -1;
    try {
      const problem = requestProblem(value);
      if (problem !== undefined) throw new RequestError('bad-request', problem);
      const result = await this.#answer(value as BridgeRequest);
      await this.#deps.send({ id, ok: true, result });
    } catch (error) {
      await this.#deps.send({ id, ok: false, error: errorOf(error) });
    }
  }

  async #answer(request: BridgeRequest): Promise<unknown> {
    if (request.op === 'hello') return this.#hello(request.protocol, request.version);
    if (!this.#greeted) throw new RequestError('bad-request', 'say hello first');
    switch (request.op) {
      case 'sync':
        return this.#deps.feed.changesSince(request.cursor, (page) => this.#deps.send({ id: request.id, page }));
      case 'merge': {
        const plan = await this.#deps.store.importBundle(request.entities, 'merge');
        return { added: plan.added.length, updated: plan.updated.length, rejected: plan.rejected };
      }
      case 'apply':
        return this.#apply(request.operationId, request.change);
    }
  }

  #hello(protocol: number, extensionVersion: string): HelloResult {
    const { version, store } = this.#deps;
    if (protocol !== BRIDGE_PROTOCOL) {
      // The extension and the package are released together: the same version speaks the same protocol.
      throw new RequestError('version', protocol > BRIDGE_PROTOCOL
        ? `the extension ${extensionVersion} needs web4-trust ${extensionVersion} on this computer, which has ${version}: \`npm i -g web4-trust@${extensionVersion}\`, then \`web4-trust bridge install\``
        : `this computer's web4-trust ${version} needs the extension ${version} or newer (this one is ${extensionVersion}): update the extension`);
    }
    this.#greeted = true;
    return { protocol: BRIDGE_PROTOCOL, version, store: { kind: store.kind, location: store.location } };
  }

  async #apply(operationId: string, change: BridgeChange): Promise<ChangeResult> {
    const { store, ledger } = this.#deps;
    if (ledger.has(operationId)) return { entities: [], removed: [], duplicate: true };
    const result = await this.#change(store, change);
    ledger.add(operationId);
    return result;
  }

  async #change(store: MachineStore, change: BridgeChange): Promise<ChangeResult> {
    switch (change.kind) {
      case 'record': {
        const entities = await store.record(change.operations);
        return { entities: [...entities.values()].map((e) => e.toJSON()), removed: [] };
      }
      case 'reset': {
        if (!(await store.exists(change.entityId))) throw notFound(change.entityId);
        const fresh = EntityTrust.create(change.entityId, Date.now());
        await store.save(fresh);
        return { entities: [fresh.toJSON()], removed: [] };
      }
      case 'delete':
        if (!(await store.delete(change.entityId))) throw notFound(change.entityId);
        return { entities: [], removed: [change.entityId] };
      case 'delete-all':
        return resultOf(await store.importBundle([], 'replace'));
      case 'import':
        return resultOf(await store.importBundle(change.input, change.mode));
      case 'sweep':
        return { entities: [], removed: [], sweep: await store.sweepDecay() };
    }
  }
}

function resultOf(plan: ImportPlan): ChangeResult {
  return { entities: [...plan.added, ...plan.updated].map((e) => e.toJSON()), removed: plan.removed };
}

function notFound(id: string): RequestError {
  return new RequestError('not-found', `no entity ${JSON.stringify(id)} in this computer's store`);
}

function errorOf(error: unknown): { code: BridgeErrorCode; message: string } {
  if (error instanceof RequestError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // The store's own checks of what the extension sent: bad ids, magnitudes, entities.
  if (error instanceof TrustFormatError || error instanceof RangeError || error instanceof TypeError) return { code: 'bad-request', message };
  return { code: 'store', message };
}
