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
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

async function* single(buf: Uint8Array): AsyncGenerator<Uint8Array, void, undefined> {
  yield buf;
}
