import { DecodeError } from '@urlpool/core';

/**
 * The error for a body that yielded more than `maxDecodedSize` bytes without being decoded
 * (identity or unknown coding, or read with `decodeContent: false`). The cap is on what a
 * response yields, encoded or not, so an endless identity body stops like a decompression
 * bomb does: at the cap, without being read (or buffered) any further.
 */
export function bodySizeExceeded(maxDecodedSize: number): DecodeError {
  return new DecodeError(
    `Response body exceeds maxDecodedSize (${maxDecodedSize} bytes); the connection was ` +
      'closed. Raise maxDecodedSize if a body this large is expected, or stream it with ' +
      'preloadContent: false and no cap.',
  );
}
