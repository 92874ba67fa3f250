import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Script } from 'node:vm';
import { removeOlderThan } from './fs/old-files.js';

// V8's code cache for the hook's bundle: compiled once, then loaded ready on every later call, which
// saves a few ms of each hook's start-up (Node 20 has no module.enableCompileCache). The cache lives
// in the user's own cache folder, never a shared one (a code cache is code), and V8 itself refuses a
// cache that does not match the source, the flags or the Node version: then it is compiled and
// written again. Any failure of the cache only costs the compile it would have saved.

function cacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'web4-trust');
}

/** What names this version of the bundle: its Node version, source length and a cheap checksum. */
function versionTag(source: string): string {
  let sum = 0;
  for (let i = 0; i < source.length; i += 64) sum = (Math.imul(sum, 31) + source.charCodeAt(i)) | 0;
  return `${process.version}-${source.length}-${(sum >>> 0).toString(36)}`;
}

/**
 * Caches of other versions of the bundle are removed a week after they were written: soon after an
 * upgrade, yet never over and over should two installed versions both be in use.
 */
const OTHER_VERSIONS_KEPT_MS = 7 * 24 * 3600 * 1000;

/**
 * Loads a CommonJS bundle with its code cache. `saveCache` (call it once the bundle's work is done,
 * so that the functions that ran are in the cache) writes the cache when there was none. Runs that
 * use different parts of the bundle each keep their own cache (`variant`): a cache holds only what
 * ran when it was written, and the rest is compiled on every call.
 */
export function loadCached(file: string, require: NodeJS.Require, variant = ''): { exports: unknown; saveCache: () => void } {
  const source = fs.readFileSync(file, 'utf8');
  const tag = versionTag(source);
  const bundle = path.basename(file);
  // A new version never reads an old cache.
  const cache = path.join(cacheDir(), `${bundle}${variant && `-${variant}`}-${tag}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cache);
  } catch {
    // None yet.
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, ...(cachedData && { cachedData }) });
  const module: { exports: unknown } = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, file, path.dirname(file));
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    try {
      fs.mkdirSync(path.dirname(cache), { recursive: true, mode: 0o700 });
      const temp = `${cache}.${process.pid}.tmp`;
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temp, cache);
      removeOlderThan(path.dirname(cache), OTHER_VERSIONS_KEPT_MS, Date.now(), (name) => name.startsWith(`${bundle}-`) && !name.endsWith(`-${tag}.cache`));
    } catch {
      // A cache that cannot be written is only a slower start next time.
    }
  };
  return { exports: module.exports, saveCache };
}
