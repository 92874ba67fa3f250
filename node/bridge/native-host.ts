import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { BridgeMessage } from '../../core/index.js';
import { openStore, type MachineStore } from '../store/open-store.js';
import { chooseStore, web4Home } from '../store/store-choice.js';
import { VERSION } from '../version.js';
import { FolderFeed } from './folder-feed.js';
import { FrameReader, framesFor } from './framing.js';
import { HostSession } from './host-session.js';
import { OperationLedger } from './operation-ledger.js';
import { postgresFeed } from './postgres-feed.js';
import type { StoreFeed } from './store-feed.js';

// `web4-trust native-host`: what the browser starts when the extension connects (see `bridge
// install`). It serves the store the CLI and the hooks use, until the extension disconnects (stdin
// ends). Its stderr goes to the browser's log.

export interface HostStreams {
  input: Readable;
  output: Writable;
  log: (line: string) => void;
}

/** Runs the host on `streams` until the input ends; resolves to the exit code. */
export async function runNativeHost(
  streams: HostStreams = { input: process.stdin, output: process.stdout, log: (line) => process.stderr.write(`web4-trust native-host: ${line}\n`) },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { input, output, log } = streams;
  let store: MachineStore;
  try {
    store = await openStore(chooseStore(undefined, env).store, { onProblem: ({ path: where, problem }) => log(`skipped ${where}: ${problem}`) });
  } catch (error) {
    log(error instanceof Error ? error.message : String(error));
    return 1;
  }
  const ledger = new OperationLedger(path.join(web4Home(), 'bridge', 'applied'));
  ledger.prune();
  const feed: StoreFeed = store.kind === 'folder' ? new FolderFeed(store.dir, log) : postgresFeed(store, log);
  const send = writerTo(output);
  // Pushes wait while a sync is answered, so that none lands before a page of older data.
  let syncing = 0;
  const held: BridgeMessage[] = [];
  const session = new HostSession({ store, feed, ledger, version: VERSION, send });
  const stopWatching = feed.watch((entities, removedNames) => {
    const push: BridgeMessage = { push: 'changed', entities, removedNames };
    if (syncing > 0) held.push(push);
    else void send(push);
  });

  // The browser closed the pipe: the connection is over.
  output.on('error', () => input.destroy());
  const reader = new FrameReader();
  let queue = Promise.resolve();
  let code = 0;
  await new Promise<void>((resolve) => {
    input.on('data', (piece: Buffer) => {
      let messages: unknown[];
      try {
        messages = reader.push(piece);
      } catch (error) {
        log(`${(error as Error).message}; closing`);
        code = 1;
        input.destroy();
        resolve();
        return;
      }
      for (const message of messages) {
        const isSync = (message as { op?: unknown } | null)?.op === 'sync';
        queue = queue.then(async () => {
          if (isSync) syncing++;
          try {
            await session.handle(message);
          } finally {
            if (isSync && --syncing === 0) for (const push of held.splice(0)) void send(push);
          }
        });
      }
    });
    input.on('end', resolve);
    input.on('close', resolve);
  });
  stopWatching();
  await queue;
  await store.close();
  return code;
}

/** Sends messages in order, waiting for the pipe to drain: a first sync can be tens of megabytes. */
function writerTo(output: Writable): (message: BridgeMessage) => Promise<void> {
  let last = Promise.resolve();
  return (message) => {
    last = last.then(async () => {
      for (const frame of framesFor(message)) {
        if (!output.write(frame)) await new Promise<void>((resolve) => output.once('drain', resolve));
      }
    }).catch(() => {});
    return last;
  };
}
