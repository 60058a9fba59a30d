import {
  type ConnectRequest,
  ConnectTimeoutError,
  formatHost,
  NewConnectionError,
} from '@urlpool/core';
import type { ResolvedSocksProxy } from './socks-proxy-url.ts';

/** `host:port` of the target (IPv6 in brackets). */
export function socksTarget(request: ConnectRequest): string {
  return `${formatHost(request.host)}:${request.port}`;
}

/** `SOCKS5 proxy 127.0.0.1:1080`: the proxy by version, host and port, never credentials. */
export function socksProxyName(proxy: ResolvedSocksProxy): string {
  return `SOCKS${proxy.version} proxy ${formatHost(proxy.host)}:${proxy.port}`;
}

/** urllib3's "Failed to establish a new connection", naming the target, proxy and reason. */
export function socksFailure(
  proxy: ResolvedSocksProxy,
  request: ConnectRequest,
  reason: string,
  cause?: Error,
): NewConnectionError {
  return new NewConnectionError(
    null,
    `Failed to establish a new connection to ${socksTarget(request)} through the ${socksProxyName(proxy)}: ${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

/** The connect timeout ran out (DNS, proxy TCP or negotiation). */
export function socksTimeout(
  proxy: ResolvedSocksProxy,
  request: ConnectRequest,
): ConnectTimeoutError {
  return new ConnectTimeoutError(
    `Connection to ${socksTarget(request)} through the ${socksProxyName(proxy)} timed out. (connect timeout=${request.timeout}ms)`,
  );
}
