import type { ChunkSource } from '@urlpool/core';
import { DecodeError } from '@urlpool/core';
import { createStage } from '#platform/stages';
import { CappedSource } from './capped-source.ts';
import { knownCoding, MAX_DECODE_LINKS, parseContentEncoding } from './codings.ts';

/** Options for decoding a body. */
export interface DecodingOptions {
  /**
   * Largest decoded body allowed, in bytes. Decoding stops with a `DecodeError` naming the cap
   * as soon as the decoded total would pass it (protection against decompression bombs).
   * @default undefined (no cap)
   */
  maxDecodedSize?: number;
}

/**
 * Wraps a raw (de-framed) body so that reading it yields the decoded body per its
 * `Content-Encoding`. Stacked codings (`gzip, br`) are undone in reverse order.
 *
 * - Returns `source` itself when nothing needs decoding (no header, `identity`, or codings
 *   this package does not know): such bodies pass through undecoded, as in urllib3.
 * - Throws `DecodeError` synchronously for a chain of more than 5 codings.
 * - Output chunks are non-empty Buffers of at most 64 KiB. A raw chunk is pulled from `source`
 *   only when more input is needed to produce output, so backpressure holds end to end and
 *   memory stays flat whatever the body size. (When `source` has a synchronous `tryNext()`, as
 *   `RawBodyReader` does, one chunk it already holds may be handed to the engine as a chunk is
 *   returned, so inflating overlaps with the caller's work.)
 * - Decoders returned here also have `tryNext()`: a chunk ready now, null at the end, or
 *   undefined when `next()` must be awaited.
 * - Corrupt or truncated data rejects `next()` with a `DecodeError` naming the coding, with
 *   the zlib error as `cause`. `destroy()` destroys `source` too.
 *
 * @example
 * ```ts
 * const decoded = createDecodingSource(rawBody, response.headers.get('content-encoding'), {
 *   maxDecodedSize: 100 * 1024 * 1024,
 * });
 * for (let chunk = await decoded.next(); chunk !== null; chunk = await decoded.next()) {
 *   process.stdout.write(chunk);
 * }
 * ```
 */
export function createDecodingSource(
  source: ChunkSource,
  contentEncoding: string | null | undefined,
  options?: DecodingOptions,
): ChunkSource {
  const tokens = parseContentEncoding(contentEncoding);
  if (!tokens.some((token) => knownCoding(token) !== undefined)) return source;
  if (tokens.length > MAX_DECODE_LINKS) {
    throw new DecodeError(
      `Too many content encodings in the chain: ${tokens.length} > ${MAX_DECODE_LINKS}`,
    );
  }
  const limit = options?.maxDecodedSize;
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 0)) {
    throw new RangeError(
      `maxDecodedSize must be a non-negative integer number of bytes, got ${String(limit)}.`,
    );
  }
  let decoded = source;
  // The sender applied the codings left to right, so they are undone right to left.
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i]!;
    if (token === 'identity') continue;
    decoded = createStage(decoded, token, tokens.length > 1 ? contentEncoding!.trim() : token);
  }
  return limit === undefined ? decoded : new CappedSource(decoded, limit);
}
