import { supportsWebFormat } from '../web-decompress-source.ts';

/**
 * The content codings this runtime can decode, in preference order: gzip and deflate
 * (`DecompressionStream`), br where `DecompressionStream` takes `'brotli'`, and zstd (the
 * pure-JS fzstd, a dependency of this package).
 */
export function supportedEncodings(): string[] {
  const codings: string[] = [];
  if (supportsWebFormat('gzip')) codings.push('gzip', 'deflate');
  if (supportsWebFormat('brotli')) codings.push('br');
  codings.push('zstd');
  return codings;
}
