import { ProxyError } from '@urlpool/core';
import type { ResolvedProxyUrl } from './proxy-url.ts';

/**
 * urllib3's `ProxyError('Unable to connect to proxy', cause)`, naming the proxy as
 * `scheme://host:port` (never its credentials) and keeping the underlying error as `cause`, so
 * `isConnectionError` and Retry still see a `ConnectTimeoutError` or `NewConnectionError`.
 */
export function unableToConnect(proxy: ResolvedProxyUrl, cause: unknown): ProxyError {
  const detail = cause instanceof Error ? `: ${cause.message}` : '';
  return new ProxyError(`Unable to connect to proxy ${proxy.redacted}${detail}`, { cause });
}
