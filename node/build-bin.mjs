// Bundles the `web4-trust` executable into dist/bin: one small entry that loads either the hook's
// chunk or the CLI's, so that a hook call parses only what it needs (`npm run build:lib` runs this).
import { chmodSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.join(root, 'dist/bin');

rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { 'web4-trust': path.join(root, 'node/bin.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages (commander) call require() for Node built-ins.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(path.join(outdir, 'web4-trust.mjs'), 0o755);
