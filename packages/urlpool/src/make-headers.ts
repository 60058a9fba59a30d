import {
  type HTTPHeaderDict,
  type MakeHeadersOptions,
  makeHeaders as makeCoreHeaders,
} from '@urlpool/core';
import { supportedEncodings } from '@urlpool/decoders';

/**
 * urllib3's `make_headers`. With `acceptEncoding: true` it lists every coding this runtime
 * can decode with `@urlpool/decoders` (zstd included on Node 20 through `fzstd`), where
 * `@urlpool/core`'s version, which cannot see the decoders, lists only native ones.
 *
 * @example
 * ```ts
 * makeHeaders({ acceptEncoding: true, userAgent: 'my-app/1' }).get('accept-encoding');
 * // 'gzip,deflate,br,zstd'
 * ```
 */
export function makeHeaders(options: MakeHeadersOptions = {}): HTTPHeaderDict {
  if (options.acceptEncoding !== true) return makeCoreHeaders(options);
  return makeCoreHeaders({ ...options, acceptEncoding: supportedEncodings() });
}
