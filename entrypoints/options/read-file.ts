// Reads a chosen file as text, reporting progress, so a large file shows a moving bar.
import { UPLOAD_CHUNK_CHARS } from '@/utils/api/messaging.js';

/** How many bytes are decoded between two turns of the page's event loop. */
const BYTES_PER_TURN = 2 * 1024 * 1024;

/**
 * The file's text (UTF-8, a byte order mark dropped) in pieces of about `UPLOAD_CHUNK_CHARS`, the
 * pieces the import sends, decoded as it is read, with a turn of the page's event loop every 2 MB.
 * A `FileReader` would decode a 65 MB file in one go at the end, and joining it into one string
 * would copy it again: each holds the page for ~50 ms.
 */
export async function readFilePieces(file: File, onProgress: (loaded: number, total: number) => void): Promise<string[]> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder();
  const pieces: string[] = [];
  let piece: string[] = [];
  let pieceChars = 0;
  const add = (text: string) => {
    piece.push(text);
    pieceChars += text.length;
    if (pieceChars < UPLOAD_CHUNK_CHARS) return;
    pieces.push(piece.join(''));
    piece = [];
    pieceChars = 0;
  };
  let loaded = 0;
  let sinceTurn = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    add(decoder.decode(value, { stream: true }));
    loaded += value.byteLength;
    sinceTurn += value.byteLength;
    // Read pieces come without a turn in between: the page would wait for the whole file.
    if (sinceTurn >= BYTES_PER_TURN) {
      sinceTurn = 0;
      onProgress(loaded, file.size);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  add(decoder.decode());
  if (pieceChars > 0 || pieces.length === 0) pieces.push(piece.join(''));
  onProgress(loaded, file.size);
  return pieces;
}
