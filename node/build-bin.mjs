// Bundles the `web4-trust` executable:
// - dist/bin/web4-trust.mjs (`npm run build:lib` runs this, then tsc for the library): one small
//   entry that loads either the hook's chunk or the CLI's, so that a hook call parses only what it needs;
// - plugin/bin/web4-trust.mjs (`npm run build:plugin`, i.e. with --plugin): the same program as one
//   self-contained file for the Claude Code plugin, which Claude Code copies as it is, with no npm
//   install. It is committed; a test checks it against a fresh build.
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'node/bin.ts');
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Bundled CommonJS packages (commander) call require() for Node built-ins.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
};

export async function buildBin(outdir = path.join(root, 'dist/bin')) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: { 'web4-trust': entry },
    outdir,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  chmodSync(path.join(outdir, 'web4-trust.mjs'), 0o755);
}

export async function buildPluginBin(outfile = path.join(root, 'plugin/bin/web4-trust.mjs')) {
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({ ...common, entryPoints: [entry], outfile });
  chmodSync(outfile, 0o755);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv.includes('--plugin')) {
    await buildPluginBin();
  } else {
    // A clean dist/, so that nothing of an older layout is packed (`tsc` writes the rest after this).
    rmSync(path.join(root, 'dist'), { recursive: true, force: true });
    await buildBin();
  }
}
