/**
 * Guards for the web body types, duck-free (`instanceof` on the globals Node 20 provides) and
 * safe where a runtime lacks them.
 */

/** True for a `Blob` (a `File` too). */
export function isBlob(value: unknown): value is Blob {
  return typeof Blob === 'function' && value instanceof Blob;
}

/** True for a web `FormData`. */
export function isFormData(value: unknown): value is FormData {
  return typeof FormData === 'function' && value instanceof FormData;
}

/** The file name of a `File`, or `'blob'` for another Blob (what `FormData` sends). */
export function blobFilename(blob: Blob): string {
  const name = (blob as Partial<File>).name;
  return typeof name === 'string' ? name : 'blob';
}

/** A Blob's bytes as an async iterable of chunks (`blob.stream()`; read lazily, per open). */
export function blobChunks(blob: Blob): AsyncIterable<Uint8Array> {
  // Node's web ReadableStream is async-iterable; the DOM typings of this TS lib do not say so.
  return blob.stream() as unknown as AsyncIterable<Uint8Array>;
}

/**
 * True for field data that is read while the request is sent: a Blob, a Node `Readable` or
 * another async iterable of chunks.
 */
export function isStreamingData(value: unknown): value is Blob | AsyncIterable<Uint8Array> {
  if (isBlob(value)) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Uint8Array) &&
    typeof (value as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function'
  );
}
