import {
  basicCredentialsFromUserinfo,
  DEFAULT_PORTS,
  formatHost,
  LocationParseError,
  LocationValueError,
  ProxySchemeUnknown,
  parseUrl,
  toOriginHost,
  type Url,
} from '@urlpool/core';

/** Where a proxy is, without its credentials (`ProxyManager.proxy`). */
export interface ProxyInfo {
  /** `'http'` (plain TCP to the proxy) or `'https'` (TLS to the proxy). */
  readonly scheme: 'http' | 'https';
  /** Host name or IP literal, lowercased, without IPv6 brackets. */
  readonly host: string;
  /** Port; 80 or 443 when the URL gave none. */
  readonly port: number;
  /** `scheme://host:port`: safe for messages and logs. */
  readonly redacted: string;
}

/** A proxy URL after {@link resolveProxyUrl}: where the proxy is and how to authenticate. */
export interface ResolvedProxyUrl {
  /** `'http'` (plain TCP to the proxy) or `'https'` (TLS to the proxy). */
  readonly scheme: 'http' | 'https';
  /** Host name or IP literal, lowercased, without IPv6 brackets. */
  readonly host: string;
  /** Port; 80 or 443 when the URL gave none (urllib3's default per scheme). */
  readonly port: number;
  /** `Proxy-Authorization` value from the URL's `user:pass@` (percent-decoded), if any. */
  readonly authorization: string | undefined;
  /** `scheme://host:port` with the credentials removed: safe for messages and keys. */
  readonly redacted: string;
}

/** The userinfo of `url` replaced by `***`, for error messages. Never throws. */
export function redactUrlCredentials(url: string): string {
  // scheme://userinfo@ ... : the userinfo runs up to the last '@' of the authority.
  return url.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/)([^/?#]*)@/, '$1***@');
}

/**
 * Parses and validates a proxy URL (`http://[user:pass@]host[:port]` or `https://…`). The URL
 * may be a string or a WHATWG `URL`. Credentials are percent-decoded and become a
 * `Proxy-Authorization: Basic` value; they never appear in an error message.
 *
 * @throws ProxySchemeUnknown for a scheme other than http or https (socks URLs belong to
 *   `SOCKSProxyManager`).
 * @throws LocationValueError for a URL without a host, or one that does not parse.
 */
export function resolveProxyUrl(proxyUrl: string | URL): ResolvedProxyUrl {
  const text = typeof proxyUrl === 'string' ? proxyUrl : proxyUrl.href;
  if (typeof text !== 'string' || text === '') {
    throw new LocationValueError('A proxy URL is required, e.g. "http://127.0.0.1:3128"');
  }
  const safe = redactUrlCredentials(text);
  let url: Url;
  try {
    url = parseUrl(text);
  } catch (error) {
    if (error instanceof LocationParseError) {
      // parseUrl's message quotes its input, credentials included: say it again without them.
      throw new LocationParseError(safe, 'the proxy URL is not a valid URL');
    }
    throw error;
  }
  const scheme = url.scheme;
  if (scheme !== 'http' && scheme !== 'https') throw unknownScheme(scheme);
  // toOriginHost: lowercased, IPv6 brackets stripped (what net.connect takes).
  const host = url.host === null ? '' : toOriginHost(url.host);
  if (host === '') {
    throw new LocationValueError(`Proxy URL ${JSON.stringify(safe)} has no host`);
  }
  const port = url.port ?? DEFAULT_PORTS[scheme]!;
  return Object.freeze({
    scheme,
    host,
    port,
    authorization: url.auth === null ? undefined : basicCredentialsFromUserinfo(url.auth),
    redacted: `${scheme}://${formatHost(host)}:${port}`,
  });
}

const SOCKS_SCHEMES = new Set(['socks4', 'socks4a', 'socks5', 'socks5h']);

/** core's ProxySchemeUnknown (urllib3's wording); for socks URLs, where they go instead. */
function unknownScheme(scheme: string | null): ProxySchemeUnknown {
  const error = new ProxySchemeUnknown(scheme);
  if (scheme !== null && SOCKS_SCHEMES.has(scheme)) {
    error.message =
      `Proxy URL has scheme ${scheme}: ProxyManager takes http:// and https:// proxies; ` +
      'use SOCKSProxyManager (@urlpool/proxy-socks, or urlpool) for SOCKS proxies';
  }
  return error;
}
