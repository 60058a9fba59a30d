import type { Transform } from 'node:stream';
import type { DecodingOptions } from '../create-decoding-source.ts';

/**
 * `createDecoderStream()` makes a Node `Transform`, which only exists on Node. Elsewhere
 * (browsers, workers) decode with `decodeStream()` (any async iterable, such as a web
 * `ReadableStream`) or `createDecodingSource()`.
 */
export function createDecoderStream(
  _contentEncoding: string | null | undefined,
  _options?: DecodingOptions,
): Transform {
  throw new TypeError(
    'createDecoderStream() returns a Node stream and needs node:stream; in this runtime use ' +
      'decodeStream(chunks, contentEncoding) or createDecodingSource() instead.',
  );
}
