import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entityFileName as coreEntityFileName } from '../../core/index.js';
import { sha256Hex } from '../../node/hash/sha256.js';
import { bulkEntityFileNamer, entityFileName } from '../../node/store/entity-file.js';
import { sha256WasmModuleText } from '../../scripts/build-sha256-wasm.mjs';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('the WebAssembly SHA-256', () => {
  it('is built from sha256.wat as committed', async () => {
    expect(readFileSync(new URL('../../node/hash/sha256-wasm.ts', import.meta.url), 'utf8')).toBe(await sha256WasmModuleText());
  });

  it("matches node:crypto at every padding edge, on multi-byte text and lone surrogates", () => {
    const texts = ['', 'abc', '\ud800', 'x\udc00y', 'grüße 世界 🌍'.repeat(1000)];
    // 55/56 and 63/64 bytes: where the length moves into a second padding block.
    for (let length = 0; length <= 130; length++) texts.push('a'.repeat(length));
    for (const text of texts) expect(sha256Hex(text), `${text.length} chars`).toBe(nodeSha256(text));
  });

  it('matches node:crypto on texts larger than its 8 KB window, a 4-byte character across the edge', () => {
    for (let length = 8180; length <= 8200; length++) {
      const text = `${'y'.repeat(length)}😀€${'z'.repeat(9000)}`;
      expect(sha256Hex(text), `${length} chars before the emoji`).toBe(nodeSha256(text));
    }
    const large = '{"content":"line of a file\\n"}'.repeat(40_000);
    expect(sha256Hex(large)).toBe(nodeSha256(large));
  });

  it("names entity files as the core and node's native hash do", () => {
    const bulk = bulkEntityFileNamer();
    for (const id of ['mcp:filesystem', 'role:code-reviewer', 'session:ü-🌍', `ref:${'x'.repeat(300)}`]) {
      expect(entityFileName(id)).toBe(coreEntityFileName(id));
      expect(entityFileName(id)).toBe(bulk(id));
    }
    expect(entityFileName('mcp:filesystem')).toBe(`${nodeSha256('mcp:filesystem').slice(0, 16)}.json`);
  });
});
