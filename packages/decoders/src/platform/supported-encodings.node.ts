import { createRequire } from 'node:module';
import { nativeZstd } from '../engines.ts';

let fzstdResolvable: boolean | undefined;

/** True when the `fzstd` fallback can be found (checked once, without loading it). */
function hasFzstd(): boolean {
  if (fzstdResolvable === undefined) {
    try {
      createRequire(import.meta.url).resolve('fzstd');
      fzstdResolvable = true;
    } catch {
      fzstdResolvable = false;
    }
  }
  return fzstdResolvable;
}

/**
 * The content codings this runtime can decode now, in preference order, for an
 * `Accept-Encoding` header: `gzip`, `deflate`, `br`, and `zstd` when Node's zlib has it
 * (Node >= 22.15) or the `fzstd` package can be resolved.
 *
 * @example
 * ```ts
 * const acceptEncoding = supportedEncodings().join(','); // 'gzip,deflate,br,zstd'
 * ```
 */
export function supportedEncodings(): string[] {
  const codings = ['gzip', 'deflate', 'br'];
  if (nativeZstd() !== undefined || hasFzstd()) codings.push('zstd');
  return codings;
}
