import { ProxyError } from '@urlpool/core';
import type { ResolvedProxyUrl } from './proxy-url.ts';

/** urllib3's hint, word for word, for an `https://` proxy URL naming a plain-HTTP proxy. */
const HTTP_ONLY_PROXY_HINT =
  'Your proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP. ' +
  'See: https://urllib3.readthedocs.io/en/latest/advanced-usage.html#https-proxy-error-http-proxy';

/**
 * urllib3's `ProxyError('Unable to connect to proxy', cause)`, naming the proxy as
 * `scheme://host:port` (never its credentials) and keeping the underlying error as `cause`, so
 * `isConnectionError` and Retry still see a `ConnectTimeoutError` or `NewConnectionError`.
 * When TLS to an `https://` proxy failed the way a plain-HTTP server makes it fail (OpenSSL's
 * "wrong version number"), the message ends with urllib3's hint to use an `http://` proxy URL.
 */
export function unableToConnect(proxy: ResolvedProxyUrl, cause: unknown): ProxyError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  const hint =
    proxy.scheme === 'https' && looksLikeHttpOnly(cause) ? `. ${HTTP_ONLY_PROXY_HINT}` : '';
  return new ProxyError(`Unable to connect to proxy ${proxy.redacted}${detail}${hint}`, { cause });
}

/** The TLS error of a ClientHello answered in plain HTTP (as urllib3 recognises it). */
function looksLikeHttpOnly(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const words = e.message.toLowerCase().replace(/[^a-z]+/g, ' ');
    if (
      words.includes('wrong version number') ||
      words.includes('unknown protocol') ||
      words.includes('record layer failure')
    ) {
      return true;
    }
  }
  return false;
}
