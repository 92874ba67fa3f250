import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BRIDGE_HOST_NAME } from '../../core/index.js';
import { isEphemeral, shellQuote } from '../claude-code/hook-command.js';
import { writeFileAtomicSync } from '../fs/atomic-write.js';
import { isErrno } from '../fs/errno.js';
import { removeIfPresent } from '../fs/remove-if-present.js';

// `web4-trust bridge install|uninstall|status`: the native messaging host manifests that let the
// extension start `web4-trust native-host`. A manifest names an executable and cannot pass
// arguments, so install writes a launcher that runs this installation's Node, by absolute path
// (a browser started from a desktop often lacks nvm's PATH, and then says only "Native host has
// exited"), on this installation's CLI.

export const BROWSERS = ['chrome', 'chromium', 'brave', 'edge', 'firefox'] as const;
export type Browser = (typeof BROWSERS)[number];

/** The extension's ids: Chromium's follows from the public key in the manifest (`wxt.config.ts`), Firefox's is its gecko id. */
export const CHROMIUM_EXTENSION_ID = 'aoflmkmcepchkjponjbbhapcbokmopdc';
export const FIREFOX_EXTENSION_ID = 'web4-trust@web4.dev';

/** Each browser's per-user folder for host manifests, under the home folder. */
const FOLDERS: Record<'linux' | 'darwin', Record<Browser, string>> = {
  linux: {
    chrome: '.config/google-chrome/NativeMessagingHosts',
    chromium: '.config/chromium/NativeMessagingHosts',
    brave: '.config/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    edge: '.config/microsoft-edge/NativeMessagingHosts',
    firefox: '.mozilla/native-messaging-hosts',
  },
  darwin: {
    chrome: 'Library/Application Support/Google/Chrome/NativeMessagingHosts',
    chromium: 'Library/Application Support/Chromium/NativeMessagingHosts',
    brave: 'Library/Application Support/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    edge: 'Library/Application Support/Microsoft Edge/NativeMessagingHosts',
    firefox: 'Library/Application Support/Mozilla/NativeMessagingHosts',
  },
};

export class BridgeInstallError extends Error {
  override readonly name = 'BridgeInstallError';
}

export interface InstallOptions {
  browsers: readonly Browser[];
  /** A Chromium profile started with `--user-data-dir`: its own host folder (Chromium browsers only). */
  userDataDir?: string | undefined;
  /** More Chromium extension ids to allow (a store-published build has its own). */
  extensionIds?: readonly string[];
  /** The store the host serves when the browser's environment does not say ($WEB4_TRUST_STORE). */
  store?: string | undefined;
  /** This CLI's script (dist/bin/web4-trust.cjs), resolved. */
  script: string;
  nodePath?: string;
  home?: string | undefined;
  platform?: NodeJS.Platform | undefined;
}

/** Where `browser` looks for host manifests; throws on a platform without per-user folders we support. */
export function manifestDir(browser: Browser, { home = os.homedir(), platform = process.platform, userDataDir }: Pick<InstallOptions, 'home' | 'platform' | 'userDataDir'> = {}): string {
  if (userDataDir !== undefined && browser !== 'firefox') return path.join(path.resolve(userDataDir), 'NativeMessagingHosts');
  if (platform !== 'linux' && platform !== 'darwin') {
    throw new BridgeInstallError(`the bridge is not supported on ${platform} yet (browsers there find hosts through the registry); only Linux and macOS`);
  }
  return path.join(home, FOLDERS[platform][browser]);
}

export function manifestPath(browser: Browser, options: Pick<InstallOptions, 'home' | 'platform' | 'userDataDir'> = {}): string {
  return path.join(manifestDir(browser, options), `${BRIDGE_HOST_NAME}.json`);
}

/** `~/.web4/bridge/web4-trust-native-host`. */
export function launcherPath(home = os.homedir()): string {
  return path.join(home, '.web4', 'bridge', 'web4-trust-native-host');
}

export interface Installed {
  launcher: string;
  manifests: { browser: Browser; path: string }[];
}

/** Writes the launcher and one manifest per browser; returns what it wrote. */
export function installBridge(options: InstallOptions): Installed {
  const { script, nodePath = process.execPath, home = os.homedir(), extensionIds = [] } = options;
  if (isEphemeral(script)) {
    throw new BridgeInstallError('web4-trust runs from npx\'s cache, which npm empties at will: install it first (`npm i -g web4-trust`), then run `web4-trust bridge install`');
  }
  for (const id of extensionIds) {
    if (!/^[a-p]{32}$/.test(id)) throw new BridgeInstallError(`--extension-id ${JSON.stringify(id)} is not a Chromium extension id (32 letters a to p)`);
  }
  // Paths checked before anything is written: an unsupported platform writes nothing.
  const targets = options.browsers.map((browser) => ({ browser, path: manifestPath(browser, { home, platform: options.platform, userDataDir: options.userDataDir }) }));
  const launcher = launcherPath(home);
  fs.mkdirSync(path.dirname(launcher), { recursive: true, mode: 0o700 });
  writeFileAtomicSync(launcher, launcherScript(nodePath, script, options.store));
  fs.chmodSync(launcher, 0o755);
  for (const target of targets) {
    fs.mkdirSync(path.dirname(target.path), { recursive: true });
    writeFileAtomicSync(target.path, `${JSON.stringify(hostManifest(target.browser, launcher, extensionIds), null, 2)}\n`);
  }
  return { launcher, manifests: targets };
}

function launcherScript(nodePath: string, script: string, store: string | undefined): string {
  return [
    '#!/bin/sh',
    '# Written by `web4-trust bridge install`: the browser runs this to reach this computer\'s trust store.',
    ...(store === undefined ? [] : [`WEB4_TRUST_STORE=${shellQuote(store)}; export WEB4_TRUST_STORE`]),
    `exec ${shellQuote(nodePath)} ${shellQuote(script)} native-host "$@"`,
    '',
  ].join('\n');
}

export function hostManifest(browser: Browser, launcher: string, extensionIds: readonly string[] = []): Record<string, unknown> {
  const base = { name: BRIDGE_HOST_NAME, description: 'Web4 Trust: this computer\'s trust store, for the browser extension', path: launcher, type: 'stdio' };
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [FIREFOX_EXTENSION_ID] }
    : { ...base, allowed_origins: [...new Set([CHROMIUM_EXTENSION_ID, ...extensionIds])].map((id) => `chrome-extension://${id}/`) };
}

/** Removes the manifests that name our launcher, then the launcher; returns the files removed. */
export function uninstallBridge(options: Pick<InstallOptions, 'browsers' | 'home' | 'platform' | 'userDataDir'>): string[] {
  const home = options.home ?? os.homedir();
  const launcher = launcherPath(home);
  const removed: string[] = [];
  for (const browser of options.browsers) {
    const file = manifestPath(browser, { home, platform: options.platform, userDataDir: options.userDataDir });
    if (readManifest(file)?.path !== launcher) continue; // absent, or another program's
    removeIfPresent(file);
    removed.push(file);
  }
  const stillUsed = BROWSERS.some((browser) => readManifest(manifestPath(browser, { home, platform: options.platform }))?.path === launcher);
  if (!stillUsed && fs.existsSync(launcher)) {
    removeIfPresent(launcher);
    removed.push(launcher);
  }
  return removed;
}

export interface BrowserStatus {
  browser: Browser;
  manifest: string;
  installed: boolean;
  /** The launcher the manifest names, whether it runs (answers `--probe`), and what it said. */
  launcher: string | null;
  runs: boolean;
  problem: string | null;
  allowed: string[];
  /** The store the host serves, as it reports it. */
  store: string | null;
  version: string | null;
}

/** Each browser's manifest, and whether its launcher starts a host that answers. */
export function bridgeStatus(options: Pick<InstallOptions, 'browsers' | 'home' | 'platform' | 'userDataDir'>): BrowserStatus[] {
  return options.browsers.map((browser) => {
    const file = manifestPath(browser, options);
    const manifest = readManifest(file);
    const status: BrowserStatus = {
      browser, manifest: file, installed: manifest !== undefined, launcher: manifest?.path ?? null, runs: false, problem: null,
      allowed: manifest?.allowed_origins ?? manifest?.allowed_extensions ?? [], store: null, version: null,
    };
    if (!manifest) return status;
    const probe = spawnSync(manifest.path, ['--probe'], { encoding: 'utf8', timeout: 10_000 });
    try {
      const answer = JSON.parse(probe.stdout) as { version: string; store: string };
      return { ...status, runs: true, store: answer.store, version: answer.version };
    } catch {
      const why = probe.error?.message ?? (probe.stderr.trim() || `exit code ${probe.status}`);
      return { ...status, problem: `the launcher does not run: ${why}` };
    }
  });
}

interface Manifest {
  path: string;
  allowed_origins?: string[];
  allowed_extensions?: string[];
}

function readManifest(file: string): Manifest | undefined {
  try {
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Manifest>;
    return typeof value.path === 'string' ? (value as Manifest) : undefined;
  } catch (error) {
    if (isErrno(error, 'ENOENT') || error instanceof SyntaxError) return undefined;
    throw error;
  }
}
