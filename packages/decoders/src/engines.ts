import * as zlib from 'node:zlib';
import { isZlibWrapped } from './zlib-header.ts';
import { ZLIB_OPTIONS, type ZlibTransform } from './zlib-pump.ts';

/** The `deflate` engine: zlib-wrapped or raw, decided by the first two bytes. */
export function createDeflateEngine(head: Buffer): ZlibTransform {
  return (
    isZlibWrapped(head) ? zlib.createInflate(ZLIB_OPTIONS) : zlib.createInflateRaw(ZLIB_OPTIONS)
  ) as ZlibTransform;
}

/** The `br` engine (Node's built-in brotli). */
export function createBrotliEngine(): ZlibTransform {
  return zlib.createBrotliDecompress(ZLIB_OPTIONS) as ZlibTransform;
}

type ZstdFactory = (options: object) => ZlibTransform;

/** Node's built-in zstd decompressor (Node >= 22.15), or undefined on older runtimes. */
export function nativeZstd(): ZstdFactory | undefined {
  const factory = (zlib as unknown as { createZstdDecompress?: ZstdFactory }).createZstdDecompress;
  return typeof factory === 'function' ? factory : undefined;
}

/** The native `zstd` engine; only call when {@link nativeZstd} returned a factory. */
export function createNativeZstdEngine(): ZlibTransform {
  // RFC 9659 §3: the zstd content coding uses windows of at most 8 MiB (2^23); refusing larger
  // ones keeps a tiny hostile body from reserving a huge window (fzstd path: MAX_ZSTD_WINDOW).
  const windowLogMax = (zlib.constants as unknown as Record<string, number | undefined>)
    .ZSTD_d_windowLogMax;
  const options =
    windowLogMax === undefined ? ZLIB_OPTIONS : { ...ZLIB_OPTIONS, params: { [windowLogMax]: 23 } };
  return nativeZstd()!(options);
}
