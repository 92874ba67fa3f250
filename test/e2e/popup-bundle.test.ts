// Packaging budget: all the JavaScript the built popup loads is at most 40 kB gzip.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const BUDGET = 40 * 1024;

/** Every script the page loads: its <script src> and modulepreload links, then their static imports. */
function popupScripts(buildDir: string): string[] {
  const html = readFileSync(path.join(buildDir, 'popup.html'), 'utf8');
  const queue = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(buildDir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*["']([^"']+\.js)["']/g)) {
      queue.push(path.posix.resolve(path.posix.dirname(file), m[1]!));
    }
  }
  return [...seen];
}

it.each(['chrome-mv3', 'firefox-mv3'])('the %s popup loads at most 40 kB of gzipped JavaScript', (target) => {
  const dir = path.resolve('.output', target);
  const scripts = popupScripts(dir);
  expect(scripts.length).toBeGreaterThan(0);
  const gzipped = scripts.reduce((sum, file) => sum + gzipSync(readFileSync(path.join(dir, file)), { level: 9 }).length, 0);
  console.log(`${target} popup: ${scripts.length} scripts, ${(gzipped / 1024).toFixed(1)} kB gzip`);
  expect(gzipped).toBeLessThanOrEqual(BUDGET);
});
