// Large import texts arrive in pieces (a message has a size limit); they wait here for `importStore`.
import { ApiFailure } from './api-failure.js';

// Pieces of large import texts, until `importStore` takes them. Only in memory: if the worker stops
// mid-upload the import fails with a clear error and the page sends the file again.
const uploads = new Map<string, string[]>();
const MAX_UPLOADS = 2;

export function receiveChunk(upload: string, index: number, text: string): number {
  let chunks = uploads.get(upload);
  if (index === 0) {
    chunks = [];
    uploads.delete(upload);
    uploads.set(upload, chunks);
    // Forget abandoned uploads, oldest first.
    for (const id of uploads.keys()) if (uploads.size > MAX_UPLOADS) uploads.delete(id);
  }
  if (!chunks || chunks.length !== index) {
    throw new ApiFailure('bad-input', `upload ${upload}: expected piece ${chunks?.length ?? 0}, got ${index}; send the file again`, 'upload-lost');
  }
  chunks.push(text);
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

export function takeUpload(upload: string): string {
  const chunks = uploads.get(upload);
  if (!chunks) throw new ApiFailure('bad-input', `upload ${upload} is unknown (the background may have restarted); send the file again`, 'upload-lost');
  uploads.delete(upload);
  return chunks.join('');
}
