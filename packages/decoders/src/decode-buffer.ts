import { concatBytes } from '@urlpool/core';
import type { DecodingOptions } from './create-decoding-source.ts';
import { decodeStream } from './decode-stream.ts';

/**
 * Decodes a whole raw body held in memory per its `Content-Encoding` (stacks, multi-member
 * gzip, multi-frame zstd included). Rejects with `DecodeError` on corrupt or truncated data or
 * when the result would pass `maxDecodedSize`.
 *
 * @example
 * ```ts
 * import { gzipSync } from 'node:zlib';
 * import { decodeBuffer } from '@urlpool/decoders';
 * const text = (await decodeBuffer(gzipSync('hello'), 'gzip')).toString(); // 'hello'
 * ```
 */
export async function decodeBuffer(
  buf: Uint8Array,
  contentEncoding: string | null | undefined,
  options?: DecodingOptions,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of decodeStream(single(buf), contentEncoding, options)) chunks.push(chunk);
  return concatBytes(chunks);
}

async function* single(buf: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield buf;
}
