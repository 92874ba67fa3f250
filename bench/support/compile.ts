// A script for a spawned child, compiled with esbuild to plain JavaScript under tmp/bench/js/: the
// child must not run through tsx, whose loader would add its own time and memory to the child's.
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './lib.js';

/** Compiles bench/support/<name>.ts (with what it imports, except packages); returns the .mjs path. */
export async function compileScript(name: string): Promise<string> {
  const outfile = path.join(ROOT, 'tmp/bench/js', `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'bench/support', `${name}.ts`)],
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  return outfile;
}
