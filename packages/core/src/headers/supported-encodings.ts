import { decodableContentEncodings } from '#platform/content-encodings';

let cached: readonly string[] | undefined;

/**
 * The content codings this runtime can decode, in preference order. On Node: `gzip`, `deflate`,
 * `br`, plus `zstd` when `node:zlib` has `createZstdDecompress` (Node 22.15+ / 23.8+); elsewhere
 * what `DecompressionStream` takes (gzip, deflate, and br where supported). Used for
 * `makeHeaders({ acceptEncoding: true })`. Returns a new array each call.
 */
export function supportedContentEncodings(): string[] {
  // Computed on first use rather than at import: module top levels stay free of side effects.
  cached ??= Object.freeze([...decodableContentEncodings()]);
  return cached.slice();
}
