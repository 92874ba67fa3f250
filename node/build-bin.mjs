// Bundles the `web4-trust` executable into CommonJS files: web4-trust.cjs, a small entry that loads
// either hook.cjs or cli.cjs, so that a hook call parses only what it needs; and postgres.cjs, the
// PostgreSQL store and its client, which those two load only for a postgres:// store.
// - dist/bin/ (`npm run build:lib` runs this, then tsc for the library);
// - plugin/bin/ (`npm run build:plugin`, i.e. with --plugin) for the Claude Code plugin, which Claude
//   Code copies as it is, with no npm install. It is committed; a test checks it against a fresh build.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/**
 * `import fs from 'node:fs'` as a plain `require('fs')`. esbuild's CommonJS interop would otherwise
 * copy every property of fs, path and os into a wrapper on each start: ~2 ms of every hook call.
 * Only default imports are supported (a named import fails the build, loudly).
 */
const plainBuiltins = {
  name: 'plain-builtins',
  setup(build) {
    build.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) => ({ path: args.path, namespace: 'builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path.slice('node:'.length))});`,
      loader: 'js',
    }));
  },
};

/**
 * The PostgreSQL store as a separate file. The modules it shares with hook.cjs and cli.cjs (the core,
 * the file locks, the queue) are not copied into it: it takes the loading bundle's own, which that
 * bundle hands over just before loading it, so that classes are the same classes (`instanceof`
 * works) and nothing is parsed twice. A folder-store user never reads the file (measured: bundling
 * the client into hook.cjs cost every hook ~1.7 ms to load). Of the core, only the values it uses
 * are handed over, so that the rest stays out of hook.cjs (10 KB of its 71).
 */
const SHARED = {
  core: path.join(root, 'node/postgres/core-for-postgres.ts'),
  fileLocks: path.join(root, 'node/store/file-locks.ts'),
  pendingQueue: path.join(root, 'node/store/pending-queue.ts'),
};
const SHARED_KEY = "Symbol.for('web4-trust.shared')";

/** In hook.cjs and cli.cjs: the store's dynamic import becomes "hand over the shared modules, load postgres.cjs". */
const postgresOnDemand = {
  name: 'postgres-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/postgres\/postgres-store\.js$/ }, () => ({ path: 'postgres-store', namespace: 'postgres-on-demand' }));
    build.onLoad({ filter: /.*/, namespace: 'postgres-on-demand' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: [
        ...Object.entries(SHARED).map(([name, file]) => `import * as ${name} from ${JSON.stringify(file)};`),
        "import { loadCached } from './node/code-cache.ts';",
        `globalThis[${SHARED_KEY}] = { ${Object.keys(SHARED).join(', ')} };`,
        // With V8's code cache, as hook.cjs: written once the process has done its work.
        'const { exports, saveCache } = loadCached(`${__dirname}/postgres.cjs`, require);',
        "process.once('exit', saveCache);",
        'export const PostgresTrustStore = exports.PostgresTrustStore;',
      ].join('\n'),
    }));
  },
};

/** In postgres.cjs: the shared modules are the ones the loading bundle handed over. */
const sharedFromLoader = {
  name: 'shared-from-loader',
  setup(build) {
    const byPath = { './core-for-postgres.js': 'core', '../store/file-locks.js': 'fileLocks', '../store/pending-queue.js': 'pendingQueue' };
    build.onResolve({ filter: /^(\.\/core-for-postgres|\.\.\/store\/file-locks|\.\.\/store\/pending-queue)\.js$/ }, (args) => ({ path: byPath[args.path], namespace: 'shared' }));
    // A value taken from the core directly would be a second copy of it, not the loader's.
    build.onResolve({ filter: /\/core\/index\.js$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports the core directly: take values from node/postgres/core-for-postgres.ts` }],
    }));
    build.onLoad({ filter: /.*/, namespace: 'shared' }, (args) => ({ loader: 'js', contents: `module.exports = globalThis[${SHARED_KEY}].${args.path};` }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [plainBuiltins],
};

/** Writes web4-trust.cjs, hook.cjs, cli.cjs and postgres.cjs (and the 0.1 entry, web4-trust.mjs) into `outdir`. */
export async function buildBin(outdir = path.join(root, 'dist/bin')) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    ...common,
    entryPoints: [path.join(root, 'node/bin.ts')],
    outfile: path.join(outdir, 'web4-trust.cjs'),
    external: ['./hook.cjs', './cli.cjs'],
    banner: { js: '#!/usr/bin/env node' },
  });
  // Minified: parsing is part of every hook call's start-up.
  const bundle = { ...common, minify: true, plugins: [...common.plugins, postgresOnDemand] };
  await build({ ...bundle, entryPoints: [path.join(root, 'node/hook/hook-main.ts')], outfile: path.join(outdir, 'hook.cjs') });
  await build({ ...bundle, entryPoints: [path.join(root, 'node/cli/program.ts')], outfile: path.join(outdir, 'cli.cjs') });
  await build({
    ...common, minify: true, plugins: [...common.plugins, sharedFromLoader],
    entryPoints: [path.join(root, 'node/postgres/postgres-store.ts')], outfile: path.join(outdir, 'postgres.cjs'),
  });
  // Hooks installed by 0.1 run `node …/dist/bin/web4-trust.mjs`; `hooks install` rewrites them.
  writeFileSync(path.join(outdir, 'web4-trust.mjs'), [
    '#!/usr/bin/env node',
    '// The entry of web4-trust 0.1, kept for hooks installed then; `web4-trust hooks install` updates them.',
    "import { createRequire } from 'node:module';",
    "createRequire(import.meta.url)('./web4-trust.cjs');",
    '',
  ].join('\n'));
  for (const entry of ['web4-trust.cjs', 'web4-trust.mjs']) chmodSync(path.join(outdir, entry), 0o755);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv.includes('--plugin')) {
    await buildBin(path.join(root, 'plugin/bin'));
    rmSync(path.join(root, 'plugin/bin/web4-trust.mjs'));
  } else {
    // A clean dist/, so that nothing of an older layout is packed (`tsc` writes the rest after this).
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    await buildBin();
  }
}
