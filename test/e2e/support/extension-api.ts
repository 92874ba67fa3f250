// Calls the background's API from an extension page, as the popup and options page do, using the
// messaging library's wire format ({ id, type, data, timestamp } → { res } | { err }).
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

/** The part of `chrome.runtime` a page uses (the project has no `chrome` global types). */
export interface ExtensionRuntime {
  sendMessage(message: unknown, callback: (response: unknown) => void): void;
  lastError?: { message?: string };
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

/** An extension page in Chromium (playwright) or Firefox (puppeteer). */
export type ExtensionPage = Page | PuppeteerPage;
type Evaluate = <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => Promise<R>;

export async function api<T = unknown>(page: ExtensionPage, type: string, data?: unknown): Promise<T> {
  const reply = await (page.evaluate.bind(page) as Evaluate)(
    ({ type, data }: { type: string; data: unknown }) =>
      new Promise<unknown>((resolve, reject) => {
        const { runtime } = (globalThis as unknown as { chrome: { runtime: ExtensionRuntime } }).chrome;
        runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() }, (response: unknown) => {
          if (runtime.lastError) reject(new Error(runtime.lastError.message));
          else resolve(response);
        });
      }),
    { type, data },
  );
  return (reply as { res: T }).res;
}

/** Unwraps an ApiResult, failing the test with the error if it is one. */
export async function value<T = unknown>(page: ExtensionPage, type: string, data?: unknown): Promise<T> {
  const result = await api<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>(page, type, data);
  if (!result.ok) throw new Error(`${type} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
