import { SHA256_WASM_BASE64 } from './sha256-wasm.js';

// SHA-256 for the Node side, on a small WebAssembly module (sha256.wat). A hook is a fresh process
// for every call: there, the pure-JS hash runs interpreted (~0.5 ms for each short text, ~9 ms for
// a 50 KB result) and node:crypto costs ~4 ms to load, while this module compiles in ~0.3 ms and
// hashes 50 KB in ~1.5 ms (measured in fresh processes; `npm run bench -- hooks` times whole calls).

interface Sha256Exports {
  memory: { buffer: ArrayBuffer };
  reset(): void;
  blocks(at: number, count: number): void;
}

/** Where the message starts in the module's memory (below it: the state, W and K). */
const MESSAGE = 1024;
/**
 * The text is encoded and hashed 8 KB at a time, so that memory stays at one page whatever its
 * size, and so that V8 can move `blocks` to optimized code between two calls on a large text.
 */
const WINDOW = 8192;

let hasher: { exports: Sha256Exports; bytes: Uint8Array; view: DataView } | undefined;
const encoder = new TextEncoder();

/** The part of the WebAssembly global used here: @types/node 20 does not declare it. */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: object };
}

function loadHasher(): NonNullable<typeof hasher> {
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  const exports = new Instance(new Module(Buffer.from(SHA256_WASM_BASE64, 'base64'))).exports as Sha256Exports;
  return { exports, bytes: new Uint8Array(exports.memory.buffer), view: new DataView(exports.memory.buffer) };
}

/** SHA-256 of `text`'s UTF-8 (a lone surrogate as U+FFFD, like node:crypto), as 64 hex digits. */
export function sha256Hex(text: string): string {
  hasher ??= loadHasher();
  const { exports, bytes, view } = hasher;
  exports.reset();
  let length = 0;
  // Bytes of the text not yet hashed, at MESSAGE: fewer than 64 after each round.
  let pending = 0;
  for (let read = 0; read < text.length; ) {
    const encoded = encoder.encodeInto(read === 0 ? text : text.slice(read), bytes.subarray(MESSAGE + pending, MESSAGE + WINDOW));
    read += encoded.read;
    length += encoded.written;
    pending += encoded.written;
    const whole = pending >>> 6;
    exports.blocks(MESSAGE, whole);
    bytes.copyWithin(MESSAGE, MESSAGE + whole * 64, MESSAGE + pending);
    pending -= whole * 64;
  }
  // Padding: 0x80, zeros, then the length in bits as a 64-bit big-endian number.
  const padded = pending < 56 ? 64 : 128;
  bytes[MESSAGE + pending] = 0x80;
  bytes.fill(0, MESSAGE + pending + 1, MESSAGE + padded - 8);
  view.setUint32(MESSAGE + padded - 8, Math.floor(length / 2 ** 29));
  view.setUint32(MESSAGE + padded - 4, (length * 8) >>> 0);
  exports.blocks(MESSAGE, padded >>> 6);
  let hex = '';
  for (let word = 0; word < 8; word++) hex += view.getUint32(word * 4, true).toString(16).padStart(8, '0');
  return hex;
}
