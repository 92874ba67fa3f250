import os from 'node:os';

// Native messaging's framing: each message is a 32-bit length in the machine's byte order, then that
// many bytes of UTF-8 JSON. Browsers refuse a message to the extension over 1 MiB (and Chromium
// drops a malformed one without a word), so a longer one goes as numbered chunks of its JSON text,
// each a message of its own, which the extension joins (see `utils/bridge/`).

/** Host → browser: the most JSON bytes in one message; below the browsers' 1 MiB, with room for the chunk's own fields. */
export const MAX_MESSAGE_BYTES = 1_000_000;
/** Browser → host: Chromium allows 64 MiB; more than this is refused as garbage, not buffered. */
export const MAX_INCOMING_BYTES = 64 * 1024 * 1024;

const LITTLE_ENDIAN = os.endianness() === 'LE';

/** One part of a message too long to send whole: join `count` parts of one `chunk` id, in order, and parse. */
export interface ChunkMessage {
  chunk: { id: number; index: number; count: number };
  text: string;
}

export class FramingError extends Error {
  override readonly name = 'FramingError';
}

let chunkIds = 0;

/** The frames that carry `message`: one, or chunks of its JSON text when it is longer than `max` bytes. */
export function framesFor(message: unknown, max = MAX_MESSAGE_BYTES): Buffer[] {
  const text = JSON.stringify(message);
  const whole = Buffer.from(text, 'utf8');
  if (whole.length <= max) return [frame(whole)];
  const id = ++chunkIds;
  const pieces = splitText(text, max - 200);
  return pieces.map((piece, index) => frame(Buffer.from(JSON.stringify({ chunk: { id, index, count: pieces.length }, text: piece } satisfies ChunkMessage), 'utf8')));
}

function frame(body: Buffer): Buffer {
  const header = Buffer.alloc(4);
  if (LITTLE_ENDIAN) header.writeUInt32LE(body.length);
  else header.writeUInt32BE(body.length);
  return Buffer.concat([header, body]);
}

/**
 * `text` cut into pieces whose JSON string form (without its quotes) is at most `maxBytes` of UTF-8,
 * escapes and multi-byte characters counted, never inside a surrogate pair. One pass, no trial
 * serialisation: the first sync can be tens of megabytes.
 */
export function splitText(text: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const pair = isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
    const cost = pair ? 4 : jsonCost(code);
    if (bytes + cost > maxBytes && i > start) {
      pieces.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += cost;
    if (pair) i++;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}

/** Bytes one UTF-16 unit (not part of a pair) takes inside a JSON string, as JSON.stringify writes it. */
function jsonCost(code: number): number {
  if (code === 0x22 || code === 0x5c) return 2; // \" \\
  if (code < 0x20) return [0x08, 0x09, 0x0a, 0x0c, 0x0d].includes(code) ? 2 : 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 6; // a lone surrogate is escaped
  return 3;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Reads frames from a byte stream that arrives in pieces of any size: `push` each piece, get the
 * messages it completed. A length over `MAX_INCOMING_BYTES` or a body that is not JSON throws a
 * `FramingError`: the stream is then out of step, and the connection must end.
 */
export class FrameReader {
  #pending: Buffer[] = [];
  #size = 0;

  push(piece: Buffer): unknown[] {
    this.#pending.push(piece);
    this.#size += piece.length;
    const messages: unknown[] = [];
    for (;;) {
      if (this.#size < 4) break;
      const buffer = this.#joined();
      const length = LITTLE_ENDIAN ? buffer.readUInt32LE(0) : buffer.readUInt32BE(0);
      if (length > MAX_INCOMING_BYTES) throw new FramingError(`a message of ${length} bytes; at most ${MAX_INCOMING_BYTES} are read`);
      if (buffer.length < 4 + length) break;
      const body = buffer.subarray(4, 4 + length).toString('utf8');
      this.#pending = buffer.length > 4 + length ? [buffer.subarray(4 + length)] : [];
      this.#size = buffer.length - 4 - length;
      try {
        messages.push(JSON.parse(body));
      } catch {
        throw new FramingError(`a message that is not JSON (${length} bytes)`);
      }
    }
    return messages;
  }

  /** Bytes of a message that has not arrived whole. */
  get buffered(): number {
    return this.#size;
  }

  #joined(): Buffer {
    if (this.#pending.length > 1) this.#pending = [Buffer.concat(this.#pending)];
    return this.#pending[0]!;
  }
}
