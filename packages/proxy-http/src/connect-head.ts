import { formatHost } from '@urlpool/connection';
import { type PreparedHeaders, validateRequestTarget } from '@urlpool/core';

/**
 * The CONNECT request head for a tunnel to `host:port` (RFC 9110 §9.3.6): authority-form
 * target, `Host` naming the same authority, then the proxy headers (validated by core's
 * `prepareHeaders`, `Proxy-Authorization` included). The target is checked with core's
 * request-target validator, so no host name can add a line to the head.
 */
export function renderConnectHead(
  host: string,
  port: number,
  proxyHeaders: PreparedHeaders,
): string {
  const authority = `${formatHost(host)}:${port}`;
  validateRequestTarget(authority);
  let head = `CONNECT ${authority} HTTP/1.1\r\n`;
  if (!proxyHeaders.hasHost) head += `Host: ${authority}\r\n`;
  const list = proxyHeaders.list;
  for (let i = 0; i < list.length; i += 2) head += `${list[i]}: ${list[i + 1]}\r\n`;
  return `${head}\r\n`;
}
