import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

// `npm test` runs `npm run build:lib` first; this checks what a user of the package gets.
it('plain node imports the built package by name, with no TypeScript loader', () => {
  const script = `
    import { EntityTrust, MemoryTrustStore } from 'web4-trust';
    const e = new EntityTrust('mcp:filesystem', 0);
    e.updateFromOutcome(true, 0.1, 0);
    console.log(JSON.stringify([e.t3Average, e.trustLevel, typeof MemoryTrustStore]));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  const [t3, level, store] = JSON.parse(out) as [number, string, string];
  expect(t3).toBeCloseTo(0.5015, 12);
  expect([level, store]).toEqual(['medium', 'function']);
});
