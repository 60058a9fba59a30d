import { LocationValueError, parseUrl, URLSchemeUnknown, type UrlInput } from '@urlpool/core';
import { HTTPConnectionPool } from './http-connection-pool.ts';
import { HTTPSConnectionPool } from './https-connection-pool.ts';
import type { HTTPSConnectionPoolOptions } from './https-pool-options.ts';
import type { HTTPConnectionPoolOptions } from './pool-options.ts';

/**
 * A pool for the origin of `url` (urllib3's `connection_from_url`): an `HTTPSConnectionPool`
 * for `https://` URLs (TLS options allowed), else an `HTTPConnectionPool`. The port comes from
 * the URL unless given in `options`.
 *
 * @example
 * ```ts
 * const pool = connectionFromUrl('http://127.0.0.1:8080/', { maxsize: 4 });
 * const secure = connectionFromUrl('https://localhost:8443/', { caCerts: '/path/to/ca.pem' });
 * ```
 */
export function connectionFromUrl(
  url: UrlInput,
  options: HTTPConnectionPoolOptions | HTTPSConnectionPoolOptions = {},
): HTTPConnectionPool {
  const parsed = parseUrl(url);
  // urllib3: connection_from_url('') or (None) raises LocationValueError("No host specified.").
  if (!parsed.host) throw new LocationValueError('No host specified.');
  const scheme = parsed.scheme ?? 'http';
  if (scheme === 'https') {
    return new HTTPSConnectionPool(parsed.host, {
      ...options,
      port: options.port ?? parsed.port ?? 443,
    });
  }
  if (scheme !== 'http') throw new URLSchemeUnknown(scheme);
  return new HTTPConnectionPool(parsed.host, {
    ...options,
    port: options.port ?? parsed.port ?? 80,
  });
}
