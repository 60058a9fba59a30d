import { parseUrl, URLSchemeUnknown } from '@urlpool/core';
import { HTTPConnectionPool } from './http-connection-pool.ts';
import type { HTTPConnectionPoolOptions } from './pool-options.ts';

/**
 * A pool for the origin of `url` (urllib3's `connection_from_url`); the port comes from the
 * URL unless given in `options`.
 *
 * @example
 * ```ts
 * const pool = connectionFromUrl('http://127.0.0.1:8080/', { maxsize: 4 });
 * ```
 */
export function connectionFromUrl(
  url: string,
  options: HTTPConnectionPoolOptions = {},
): HTTPConnectionPool {
  const parsed = parseUrl(url);
  const scheme = parsed.scheme ?? 'http';
  if (scheme !== 'http') throw new URLSchemeUnknown(scheme);
  return new HTTPConnectionPool(parsed.hostname ?? '', {
    ...options,
    port: options.port ?? parsed.port ?? 80,
  });
}
