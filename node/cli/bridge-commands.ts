import fs from 'node:fs';
import type { Command } from 'commander';
import { BROWSERS, BridgeInstallError, bridgeStatus, installBridge, uninstallBridge, type Browser, type BrowserStatus } from '../bridge/bridge-install.js';
import { runNativeHost } from '../bridge/native-host.js';
import { isPostgresUrl, redactUrl } from '../postgres/settings.js';
import { chooseStore } from '../store/store-choice.js';
import { VERSION } from '../version.js';
import { toJsonText } from './context.js';
import { EXIT_FAILED, UsageError } from './errors.js';
import { styleFor } from './style.js';

// `bridge install|uninstall|status` and `native-host`: the live link between the browser extension
// and this computer's store.

interface BrowserOptions {
  browser?: string;
  userDataDir?: string;
}

export function addBridgeCommands(program: Command): void {
  const bridge = program.command('bridge').description('let the browser extension show and change this computer\'s store, live (native messaging)');
  withBrowsers(bridge.command('install'))
    .description('write the native messaging host manifests (and their launcher) for the browsers named')
    .option('--extension-id <id...>', 'also allow these Chromium extension ids (a build published to a store has its own)')
    .action((options: BrowserOptions & { extensionId?: string[]; store?: string }) => {
      const explicit = options.store ?? process.env.WEB4_TRUST_STORE ?? process.env.WEB4_TRUST_DIR;
      const installed = guarded(() => installBridge({
        browsers: browsersOf(options), userDataDir: options.userDataDir, extensionIds: options.extensionId ?? [],
        // A store chosen by environment or option is written into the launcher: the browser does not share this shell's environment.
        store: explicit === undefined ? undefined : chooseStore(explicit).store,
        script: process.argv[1] ? fs.realpathSync(process.argv[1]) : '',
      }));
      process.stdout.write(`Wrote ${installed.launcher}\n`);
      for (const manifest of installed.manifests) process.stdout.write(`Wrote ${manifest.path} (${manifest.browser})\n`);
      process.stdout.write('Open the extension: its popup says "Live · this computer\'s store" once it connects.\n');
    });
  withBrowsers(bridge.command('uninstall'))
    .description('remove exactly what install wrote (manifests naming our launcher, then the launcher)')
    .action((options: BrowserOptions) => {
      const removed = guarded(() => uninstallBridge({ browsers: browsersOf(options), userDataDir: options.userDataDir }));
      process.stdout.write(removed.length ? removed.map((file) => `Removed ${file}\n`).join('') : 'Nothing of the bridge was installed.\n');
    });
  withBrowsers(bridge.command('status'))
    .description('per browser: the manifest, whether its launcher runs, the extension ids it allows, the store it serves')
    .option('--json', 'machine-readable output')
    .action((options: BrowserOptions & { json?: boolean }) => {
      const statuses = guarded(() => bridgeStatus({ browsers: browsersOf(options), userDataDir: options.userDataDir }));
      process.stdout.write(options.json ? toJsonText({ browsers: statuses }) : formatStatus(statuses));
      if (!statuses.some((s) => s.runs)) process.exitCode = EXIT_FAILED;
    });

  program
    .command('native-host', { hidden: true })
    .description('the bridge\'s host, as the browser starts it (speaks native messaging on stdin/stdout)')
    .allowUnknownOption()
    .allowExcessArguments()
    .option('--probe', 'print the version and the store it would serve, as JSON, and exit')
    .action(async (options: { probe?: boolean }) => {
      if (options.probe) {
        const { store } = chooseStore(undefined);
        process.stdout.write(`${JSON.stringify({ version: VERSION, store: isPostgresUrl(store) ? redactUrl(store) : store })}\n`);
        return;
      }
      process.exitCode = await runNativeHost();
    });
}

function withBrowsers(command: Command): Command {
  return command
    .option('--browser <name>', `${BROWSERS.join(', ')} or all`, 'all')
    .option('--user-data-dir <dir>', 'a Chromium profile folder started with --user-data-dir (Chromium browsers read its NativeMessagingHosts/)');
}

function browsersOf({ browser = 'all' }: BrowserOptions): Browser[] {
  if (browser === 'all') return [...BROWSERS];
  if (!(BROWSERS as readonly string[]).includes(browser)) throw new UsageError(`--browser must be one of ${BROWSERS.join(', ')} or all`);
  return [browser as Browser];
}

/** Runs `body`; a platform we do not support is exit code 1 with the reason. */
function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof BridgeInstallError) throw new Error(error.message);
    throw error;
  }
}

function formatStatus(statuses: BrowserStatus[]): string {
  const style = styleFor(process.stdout);
  return statuses.map((s) => {
    if (!s.installed) return `${s.browser}: not installed (${s.manifest})\n`;
    const state = s.runs ? style.green('runs') : style.red('does not run');
    return [
      `${s.browser}: ${state}`,
      `  manifest  ${s.manifest}`,
      `  launcher  ${s.launcher ?? '—'}${s.problem ? `\n  problem   ${s.problem}` : ''}`,
      `  allows    ${s.allowed.join(', ') || '—'}`,
      `  store     ${s.store ?? '—'}${s.version ? ` (web4-trust ${s.version})` : ''}`,
      '',
    ].join('\n');
  }).join('');
}
