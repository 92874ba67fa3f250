// Bundles the `web4-trust` executable into three CommonJS files: web4-trust.cjs, a small entry that
// loads either hook.cjs or cli.cjs, so that a hook call parses only what it needs.
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

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  plugins: [plainBuiltins],
};

/** Writes web4-trust.cjs, hook.cjs and cli.cjs (and the 0.1 entry, web4-trust.mjs) into `outdir`. */
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
  await build({ ...common, minify: true, entryPoints: [path.join(root, 'node/hook/hook-main.ts')], outfile: path.join(outdir, 'hook.cjs') });
  await build({ ...common, minify: true, entryPoints: [path.join(root, 'node/cli/program.ts')], outfile: path.join(outdir, 'cli.cjs') });
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
