import {
  formatHost,
  LocationParseError,
  type PreparedHeaders,
  validateHeaderValue,
  validateRequestTarget,
} from '@urlpool/core';

// RFC 9112 §3.2.3 authority-form: uri-host ":" port, ASCII only (IDNA names are A-labels).
const NON_ASCII_OR_CONTROL = /[^\x21-\x7e]/;

/**
 * The CONNECT request head for a tunnel to `host:port` (RFC 9110 §9.3.6): authority-form
 * target, `Host` naming the same authority, then the proxy headers (validated by core's
 * `prepareHeaders`, `Proxy-Authorization` included). The target is checked with core's
 * request-target and header-value validators (it is also the Host value) and must be printable
 * ASCII: the head is written as latin1, where U+010A would become a line feed, so no host name
 * can add a line to the head.
 */
export function renderConnectHead(
  host: string,
  port: number,
  proxyHeaders: PreparedHeaders,
): string {
  const authority = `${formatHost(host)}:${port}`;
  validateRequestTarget(authority);
  validateHeaderValue('Host', authority);
  const bad = authority.search(NON_ASCII_OR_CONTROL);
  if (bad !== -1) {
    throw new LocationParseError(
      JSON.stringify(authority),
      `a CONNECT target must be printable ASCII; character ${bad} is U+${authority
        .charCodeAt(bad)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0')} (use the IDNA A-label, xn--…, of an internationalised name)`,
    );
  }
  let head = `CONNECT ${authority} HTTP/1.1\r\n`;
  if (!proxyHeaders.hasHost) head += `Host: ${authority}\r\n`;
  const list = proxyHeaders.list;
  for (let i = 0; i < list.length; i += 2) head += `${list[i]}: ${list[i + 1]}\r\n`;
  return `${head}\r\n`;
}
