import { describe, expect, it } from 'vitest';
import { FrameReader, FramingError, MAX_MESSAGE_BYTES, framesFor, splitText } from '../../node/bridge/framing.js';

const frame = (message: unknown) => framesFor(message)[0]!;

/** Joins chunked frames back as the extension does. */
function readAll(frames: Buffer[]): unknown[] {
  const reader = new FrameReader();
  const messages = frames.flatMap((f) => reader.push(f));
  const parts = new Map<number, string[]>();
  const out: unknown[] = [];
  for (const m of messages as { chunk?: { id: number; index: number; count: number }; text?: string }[]) {
    if (!m.chunk) {
      out.push(m);
      continue;
    }
    const list = parts.get(m.chunk.id) ?? [];
    list[m.chunk.index] = m.text!;
    parts.set(m.chunk.id, list);
    if (list.filter((p) => p !== undefined).length === m.chunk.count) out.push(JSON.parse(list.join('')));
  }
  return out;
}

describe('frames: a 32-bit length in native byte order, then UTF-8 JSON', () => {
  it('writes and reads one message', () => {
    const f = frame({ id: 1, op: 'hello', text: 'é✓' });
    expect(f.readUInt32LE(0)).toBe(f.length - 4);
    expect(new FrameReader().push(f)).toEqual([{ id: 1, op: 'hello', text: 'é✓' }]);
  });

  it('reads messages cut anywhere, and several in one piece', () => {
    const bytes = Buffer.concat([frame({ a: 1 }), frame({ b: 'two' }), frame({ c: [3] })]);
    for (let size = 1; size <= 7; size++) {
      const reader = new FrameReader();
      const got: unknown[] = [];
      for (let i = 0; i < bytes.length; i += size) got.push(...reader.push(bytes.subarray(i, i + size)));
      expect(got).toEqual([{ a: 1 }, { b: 'two' }, { c: [3] }]);
      expect(reader.buffered).toBe(0);
    }
  });

  it('a message over 1 MB goes as chunks under the limit, joined back exactly', () => {
    const big = { id: 7, page: { entities: Array.from({ length: 4000 }, (_, i) => ({ entity_id: `mcp:é-"${i}"\u2028`, note: '✓'.repeat(100) })) } };
    const frames = framesFor(big);
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames) expect(f.length - 4).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(readAll(frames)).toEqual([big]);
  });

  it('garbage or an absurd length is an error (the stream is out of step)', () => {
    const notJson = Buffer.concat([Buffer.from([3, 0, 0, 0]), Buffer.from('{x}')]);
    expect(() => new FrameReader().push(notJson)).toThrow(new FramingError('a message that is not JSON (3 bytes)'));
    expect(() => new FrameReader().push(Buffer.from([0xff, 0xff, 0xff, 0x7f]))).toThrow(FramingError);
  });
});

describe('splitText', () => {
  it('pieces within the byte budget as JSON strings, never splitting a surrogate pair', () => {
    const text = `${'a'.repeat(10)}"\\${'😀'.repeat(20)}\u0001é`;
    const pieces = splitText(text, 9);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) {
      expect(Buffer.byteLength(JSON.stringify(piece)) - 2).toBeLessThanOrEqual(9);
      expect(/^[\udc00-\udfff]/.test(piece)).toBe(false);
    }
    expect(splitText('', 10)).toEqual(['']);
  });
});
