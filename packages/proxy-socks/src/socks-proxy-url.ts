import {
  LocationParseError,
  LocationValueError,
  ProxySchemeUnknown,
  parseUrl,
} from '@urlpool/core';

/** The SOCKS proxy URL schemes, and what each means (urllib3's `SOCKSProxyManager`). */
export const SOCKS_SCHEMES: ReadonlyMap<string, { version: 4 | 5; remoteDns: boolean }> = new Map([
  ['socks4', { version: 4, remoteDns: false }],
  ['socks4a', { version: 4, remoteDns: true }],
  ['socks5', { version: 5, remoteDns: false }],
  ['socks5h', { version: 5, remoteDns: true }],
] as const);

/** SOCKS proxies listen on 1080 unless the URL says otherwise (RFC 1928 §3). */
export const DEFAULT_SOCKS_PORT = 1080;

/** True when `url` (a string or WHATWG URL) has a `socks4`, `socks4a`, `socks5` or `socks5h` scheme. */
export function isSocksProxyUrl(url: string | URL): boolean {
  const text = String(url);
  const colon = text.indexOf(':');
  return colon > 0 && SOCKS_SCHEMES.has(text.slice(0, colon).toLowerCase());
}

/** A SOCKS proxy after its URL and credential options were resolved. */
export interface ResolvedSocksProxy {
  /** `socks4`, `socks4a`, `socks5` or `socks5h` (lowercase). */
  readonly scheme: string;
  /** SOCKS protocol version spoken. */
  readonly version: 4 | 5;
  /** True when the proxy resolves target names (socks4a, socks5h); false: resolved here. */
  readonly remoteDns: boolean;
  /** Proxy host (IPv6 without brackets). */
  readonly host: string;
  /** Proxy port. */
  readonly port: number;
  /** SOCKS5 username, or SOCKS4 user id; undefined for none. */
  readonly username: string | undefined;
  /** SOCKS5 password (never shown in messages); undefined for none. */
  readonly password: string | undefined;
}

/** Credentials given as options, which win over the URL's (urllib3's `username`/`password`). */
export interface SocksCredentials {
  /** SOCKS5 username or SOCKS4 user id. @default the URL's */
  readonly username?: string | undefined;
  /** SOCKS5 password. @default the URL's */
  readonly password?: string | undefined;
}

/**
 * Parses a SOCKS proxy URL (`socks5h://user:pass@host:1080`). Userinfo is percent-decoded;
 * `username`/`password` options replace it when either is given. Throws `ProxySchemeUnknown`
 * for any other scheme, `LocationValueError` without a host, and `TypeError` for credentials
 * that SOCKS5 cannot carry (RFC 1929: 1 to 255 bytes each).
 */
export function resolveSocksProxy(
  proxyUrl: string | URL,
  credentials: SocksCredentials = {},
): ResolvedSocksProxy {
  const parsed = parseUrl(String(proxyUrl));
  const scheme = parsed.scheme?.toLowerCase() ?? null;
  const kind = scheme === null ? undefined : SOCKS_SCHEMES.get(scheme);
  if (scheme === null || kind === undefined) {
    const error = new ProxySchemeUnknown(scheme);
    // "Unable to determine SOCKS version" is urllib3's wording (its ValueError), kept for callers
    // that match on it.
    error.message = `Unable to determine SOCKS version: the SOCKS proxy URL had ${scheme === null ? 'no scheme' : `the scheme ${scheme}://`}; use socks4://, socks4a://, socks5:// or socks5h://${scheme === 'http' || scheme === 'https' ? ' (ProxyManager takes HTTP and HTTPS proxies)' : ''}`;
    throw error;
  }
  // parseUrl keeps IPv6 brackets ([::1]); net.connect wants the bare address.
  const rawHost = parsed.hostname;
  const host = rawHost?.startsWith('[') && rawHost.endsWith(']') ? rawHost.slice(1, -1) : rawHost;
  if (host === null || host === undefined || host === '') {
    throw new LocationValueError(
      `SOCKS proxy URL has no host: ${redactProxyUrl(String(proxyUrl))}`,
    );
  }
  let { username, password } = credentials;
  for (const [name, value] of [
    ['username', username],
    ['password', password],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new TypeError(`SOCKSProxyManager: ${name} must be a string`);
    }
  }
  if (username === undefined && password === undefined && parsed.auth !== null) {
    const colon = parsed.auth.indexOf(':');
    const url = String(proxyUrl);
    username = percentDecode(colon < 0 ? parsed.auth : parsed.auth.slice(0, colon), url);
    password = colon < 0 ? undefined : percentDecode(parsed.auth.slice(colon + 1), url);
  }
  // `socks5://@host` carries no credentials.
  if (username === '' && password === undefined) username = undefined;
  if (kind.version === 5) {
    checkCredentialLength('username', username);
    checkCredentialLength('password', password);
  } else if (username?.includes('\0')) {
    throw new TypeError('SOCKSProxyManager: a SOCKS4 user id cannot contain NUL');
  }
  return {
    scheme,
    version: kind.version,
    remoteDns: kind.remoteDns,
    host,
    port: parsed.port ?? DEFAULT_SOCKS_PORT,
    username,
    password,
  };
}

/** The proxy URL with its password replaced by `***` (safe for messages and logs). */
export function redactProxyUrl(url: string): string {
  return url.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i,
    (_match, prefix: string, auth: string) => {
      const colon = auth.indexOf(':');
      return colon < 0 ? `${prefix}${auth}@` : `${prefix}${auth.slice(0, colon)}:***@`;
    },
  );
}

function percentDecode(text: string, url: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new LocationParseError(
      redactProxyUrl(url).replace(/\/\/[^@/?#]*@/, '//***@'),
      'the credentials are not valid percent-encoding',
    );
  }
}

function checkCredentialLength(name: string, value: string | undefined): void {
  if (value === undefined) return;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes < 1 || bytes > 255) {
    throw new TypeError(
      `SOCKSProxyManager: the SOCKS5 ${name} must be 1 to 255 bytes (RFC 1929), got ${bytes}`,
    );
  }
}
