import type { ChunkSource } from '@urlpool/core';
import { knownCoding } from '../codings.ts';
import { FzstdSource } from '../fzstd-source.ts';
import { UnsupportedSource } from '../unsupported-source.ts';
import { supportsWebFormat, WebDecompressSource } from '../web-decompress-source.ts';

/**
 * One decoding stage where node:zlib does not exist (browsers, workers): gzip and deflate on
 * the runtime's `DecompressionStream`, br on it where it takes `'brotli'`, zstd on the pure-JS
 * fzstd. A coding the runtime cannot decode fails with a `DecodeError` naming it. (A runtime's
 * `fetch` decodes these itself; this is for bodies from other sources.)
 */
export function createStage(upstream: ChunkSource, token: string, label: string): ChunkSource {
  switch (knownCoding(token)) {
    case 'gzip':
      return new WebDecompressSource(upstream, label, 'gzip');
    case 'deflate':
      return new WebDecompressSource(upstream, label, 'deflate-auto');
    case 'br':
      return supportsWebFormat('brotli')
        ? new WebDecompressSource(upstream, label, 'brotli')
        : new UnsupportedSource(
            upstream,
            label,
            'br (this runtime has no brotli DecompressionStream)',
          );
    case 'zstd':
      return new FzstdSource(upstream, label);
    default:
      return new UnsupportedSource(upstream, label, token);
  }
}
