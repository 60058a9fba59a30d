/**
 * Byte helpers for runtimes without `Buffer` (browsers, workers): plain `Uint8Array`s, built
 * with TextEncoder and typed-array copies. Types say `Buffer` so both flavours share one
 * declaration; at run time these are Uint8Arrays, and urlpool code on this path uses only the
 * Uint8Array part of Buffer's interface.
 */

type Bytes = Buffer;

/** A shared empty byte array (never written to). */
export const EMPTY_BYTES: Bytes = new Uint8Array(0) as Bytes;

let encoder: TextEncoder | undefined;

/** `chunks` joined into one byte array (the single chunk itself when there is one). */
export function concatBytes(chunks: readonly Uint8Array[], total?: number): Bytes {
  if (chunks.length === 1) return chunks[0] as Bytes;
  let length = total;
  if (length === undefined) {
    length = 0;
    for (const chunk of chunks) length += chunk.byteLength;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    if (at + chunk.byteLength > length) {
      out.set(chunk.subarray(0, length - at), at);
      break;
    }
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out as Bytes;
}

/** The same memory as the runtime's byte type: the chunk itself. */
export function bytesView(chunk: Uint8Array): Bytes {
  return chunk as Bytes;
}

/** A string's UTF-8 bytes. */
export function utf8Bytes(text: string): Bytes {
  return (encoder ??= new TextEncoder()).encode(text) as Bytes;
}

/** A string's UTF-8 length in bytes, without encoding it. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** Bytes read as ISO-8859-1 proper: each byte is the code point of the same value. */
export function latin1Text(bytes: Uint8Array): string {
  let text = '';
  // Chunks keep String.fromCharCode's argument list bounded.
  for (let at = 0; at < bytes.length; at += 8192) {
    text += String.fromCharCode(...bytes.subarray(at, at + 8192));
  }
  return text;
}

/** A string of code points 0-255 as one byte each (its latin1 bytes). */
export function latin1Bytes(text: string): Bytes {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out as Bytes;
}

/** True when `value` is a byte array (any Uint8Array). */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}
