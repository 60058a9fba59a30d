import { DecodeError } from '@urlpool/core';

/**
 * The error for a body that could not be decoded. The message names the coding (urllib3's
 * wording) and `cause` carries the underlying zlib / framing error.
 */
export function decodeFailure(coding: string, cause: unknown): DecodeError {
  return new DecodeError(
    `Received response with content-encoding: ${coding}, but failed to decode it.`,
    { cause },
  );
}

/** The error for a decoded body that grew past `maxDecodedSize`. */
export function decodedSizeExceeded(maxDecodedSize: number): DecodeError {
  return new DecodeError(
    `Decoded response body exceeds maxDecodedSize (${maxDecodedSize} bytes). The body may be a ` +
      'decompression bomb; raise maxDecodedSize if it is expected, or read it with decodeContent: false.',
  );
}
