import os from 'node:os';
import path from 'node:path';

/** Where upstream's Python plugin and web4-trust-core keep one JSON file per entity. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.WEB4_TRUST_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  return path.join(os.homedir(), '.web4', 'governance', 'entities');
}

/**
 * The hook's error log lives beside the store folder, so that the default store gives
 * `~/.web4/governance/hook-errors.log` and a store elsewhere keeps its log with it.
 */
export function hookErrorLogPath(storeDir: string): string {
  return path.join(path.dirname(path.resolve(storeDir)), 'hook-errors.log');
}
