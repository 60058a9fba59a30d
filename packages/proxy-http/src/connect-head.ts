import { formatHost, type HeaderBlock } from '@urlpool/connection';
import { validateRequestTarget } from '@urlpool/core';

/**
 * The CONNECT request head for a tunnel to `host:port` (RFC 9110 §9.3.6): authority-form
 * target, `Host` naming the same authority, then the proxy headers (already validated by
 * `renderHeaderBlock`, including `Proxy-Authorization`). The target is checked with core's
 * request-target validator, so no host name can add a line to the head.
 */
export function renderConnectHead(host: string, port: number, proxyHeaders: HeaderBlock): string {
  const authority = `${formatHost(host)}:${port}`;
  validateRequestTarget(authority);
  const hostLine = proxyHeaders.hasHost ? '' : `Host: ${authority}\r\n`;
  return `CONNECT ${authority} HTTP/1.1\r\n${hostLine}${proxyHeaders.text}\r\n`;
}
