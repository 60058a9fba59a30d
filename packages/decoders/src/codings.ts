/** Most codings one `Content-Encoding` chain may stack (urllib3's `MultiDecoder.max_decode_links`). */
export const MAX_DECODE_LINKS = 5;

/** The content codings this package knows how to decode (`x-gzip` is gzip, RFC 9110 §8.4.1.3). */
export type KnownCoding = 'gzip' | 'deflate' | 'br' | 'zstd';

/**
 * Maps a lowercased coding token to the decoder that handles it, or undefined when unknown.
 * `identity` is not listed: it means "no transformation" and is skipped wherever it appears.
 */
export function knownCoding(token: string): KnownCoding | undefined {
  switch (token) {
    case 'gzip':
    case 'x-gzip':
      return 'gzip';
    case 'deflate':
      return 'deflate';
    case 'br':
      return 'br';
    case 'zstd':
      return 'zstd';
    default:
      return undefined;
  }
}

/**
 * Splits a `Content-Encoding` value into lowercased, trimmed tokens in the order they were
 * applied by the sender (so decoding runs over them in reverse). Empty tokens are dropped.
 */
export function parseContentEncoding(contentEncoding: string | null | undefined): string[] {
  if (contentEncoding === null || contentEncoding === undefined) return [];
  const tokens: string[] = [];
  for (const part of contentEncoding.split(',')) {
    const token = part.trim().toLowerCase();
    if (token !== '') tokens.push(token);
  }
  return tokens;
}

/**
 * True when a body sent with this `Content-Encoding` must be decoded before use: at least one
 * coding in the chain is one this package knows (gzip, x-gzip, deflate, br, zstd). `identity`,
 * an empty value and unknown codings on their own need no decoding and pass through.
 *
 * @example
 * ```ts
 * isDecodingNeeded('gzip'); // true
 * isDecodingNeeded('identity'); // false
 * ```
 */
export function isDecodingNeeded(contentEncoding: string | null | undefined): boolean {
  for (const token of parseContentEncoding(contentEncoding)) {
    if (knownCoding(token) !== undefined) return true;
  }
  return false;
}
