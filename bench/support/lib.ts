// The library under measurement: the compiled output in dist/ (`npm run build:lib`: tsc for core/ and
// node/, esbuild for dist/bin), never the sources. Types come from the sources (type-only imports,
// so typechecking needs no build); values are imported from dist/ at run time. The Node side is in
// node-lib.ts, so that a child that needs only the core does not load it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as CoreModule from '../../core/index.js';

/** The repository root: the nearest folder up with package.json (bench/support/ under tsx, tmp/bench/js/ compiled). */
export const ROOT = findRoot(import.meta.dirname);
export const DIST = path.join(ROOT, 'dist');
/** The `web4-trust` executable as installed (`bin` in package.json). */
export const BIN = path.join(DIST, 'bin/web4-trust.cjs');

for (const file of ['core/index.js', 'node/index.js', 'bin/web4-trust.cjs']) {
  if (!existsSync(path.join(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build:lib\` first`);
}

export const core = (await import(pathToFileURL(path.join(DIST, 'core/index.js')).href)) as typeof CoreModule;

export type EntityTrust = CoreModule.EntityTrust;
export type EntityJson = CoreModule.EntityJson;

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'core/index.ts'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}
