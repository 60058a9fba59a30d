import type { DecodingOptions } from './create-decoding-source.ts';
import { createDecodingSource } from './create-decoding-source.ts';
import type { SyncChunkSource } from './decoder-source.ts';
import { IterableSource } from './iterable-source.ts';

/**
 * Decodes a raw body given as any async iterable of byte chunks (a Node `Readable`, a web
 * `ReadableStream`, a generator) per its `Content-Encoding`. Yields non-empty Buffers of at
 * most 64 KiB; reads the input only as fast as the output is consumed. Breaking out of the
 * loop stops the input iterator.
 *
 * @example
 * ```ts
 * import { decodeStream } from '@urlpool/decoders';
 * const res = await fetch(url, { headers: { 'accept-encoding': 'br' } });
 * // (fetch already decodes; this is for raw transports, e.g. a socket or a cache entry)
 * for await (const chunk of decodeStream(rawChunks, 'br')) process.stdout.write(chunk);
 * ```
 */
export async function* decodeStream(
  iterable: AsyncIterable<Uint8Array>,
  contentEncoding: string | null | undefined,
  options?: DecodingOptions,
): AsyncGenerator<Buffer, void, undefined> {
  const source: SyncChunkSource = createDecodingSource(
    new IterableSource(iterable),
    contentEncoding,
    options,
  );
  let complete = false;
  try {
    for (;;) {
      // Chunks the decoder already holds are taken without an extra await.
      let chunk = source.tryNext?.();
      if (chunk === undefined) chunk = await source.next();
      if (chunk === null) break;
      yield chunk;
    }
    complete = true;
  } finally {
    if (!complete) source.destroy();
  }
}
