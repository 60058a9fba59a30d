/**
 * A web-stream chunk as the byte type responses hand out: a `Buffer` view on the same memory
 * (no copy) where `Buffer` exists, the `Uint8Array` itself where it does not.
 */
export function toChunk(chunk: Uint8Array): Buffer {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
