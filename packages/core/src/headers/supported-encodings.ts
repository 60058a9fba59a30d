import * as zlib from 'node:zlib';

let cached: readonly string[] | undefined;

/**
 * The content codings this Node.js runtime can decode, in preference order: `gzip`, `deflate`,
 * `br`, plus `zstd` when `node:zlib` has `createZstdDecompress` (Node 22.15+ / 23.8+). Used for
 * `makeHeaders({ acceptEncoding: true })`. Returns a new array each call.
 */
export function supportedContentEncodings(): string[] {
  // Computed on first use rather than at import: module top levels stay free of side effects.
  cached ??= Object.freeze(
    typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function'
      ? ['gzip', 'deflate', 'br', 'zstd']
      : ['gzip', 'deflate', 'br'],
  );
  return cached.slice();
}
