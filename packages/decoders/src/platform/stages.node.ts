import type { ChunkSource } from '@urlpool/core';
import { knownCoding } from '../codings.ts';
import {
  createBrotliEngine,
  createDeflateEngine,
  createNativeZstdEngine,
  nativeZstd,
} from '../engines.ts';
import { FzstdSource } from '../fzstd-source.ts';
import { GzipSource } from '../gzip-source.ts';
import { TransformSource } from '../transform-source.ts';
import { UnsupportedSource } from '../unsupported-source.ts';

/**
 * One decoding stage on Node: gzip (multi-member, urllib3's rules), deflate (zlib-wrapped or
 * raw) and br on node:zlib, zstd on node:zlib when it has it (Node >= 22.15) or fzstd.
 */
export function createStage(upstream: ChunkSource, token: string, label: string): ChunkSource {
  switch (knownCoding(token)) {
    case 'gzip':
      return new GzipSource(upstream, label);
    case 'deflate':
      return new TransformSource(upstream, label, createDeflateEngine, 2);
    case 'br':
      return new TransformSource(upstream, label, createBrotliEngine);
    case 'zstd':
      return nativeZstd() !== undefined
        ? new TransformSource(upstream, label, createNativeZstdEngine)
        : new FzstdSource(upstream, label);
    default:
      return new UnsupportedSource(upstream, label, token);
  }
}
