/**
 * Byte helpers, Node flavour: every result is a `Buffer` (what urlpool's API promises on
 * Node), built with Buffer's native operations. The `.web.ts` twin, chosen by the package's
 * `#platform/*` import map everywhere else, returns plain `Uint8Array`s.
 */

/** A shared empty byte array (never written to). */
export const EMPTY_BYTES: Buffer = Buffer.alloc(0);

/** `chunks` joined into one byte array (the single chunk itself when there is one). */
export function concatBytes(chunks: readonly Uint8Array[], total?: number): Buffer {
  if (chunks.length === 1 && Buffer.isBuffer(chunks[0])) return chunks[0];
  return Buffer.concat(chunks, total);
}

/** The same memory as the runtime's byte type (a Buffer view on Node): no copy. */
export function bytesView(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** A string's UTF-8 bytes. */
export function utf8Bytes(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** A string's UTF-8 length in bytes, without encoding it. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Bytes read as ISO-8859-1 proper: each byte is the code point of the same value. */
export function latin1Text(bytes: Uint8Array): string {
  return bytesView(bytes).toString('latin1');
}

/** A string of code points 0-255 as one byte each (its latin1 bytes). */
export function latin1Bytes(text: string): Buffer {
  return Buffer.from(text, 'latin1');
}

/** True when `value` is a byte array (a Buffer or any Uint8Array). */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}
