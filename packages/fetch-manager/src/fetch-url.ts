import { LocationValueError, parseUrl, URLSchemeUnknown } from '@urlpool/core';

/** A request URL split for fetch: what is fetched, and the userinfo it carried. */
export interface FetchTarget {
  /** Absolute URL without fragment or credentials (fetch refuses URLs with credentials). */
  readonly href: string;
  /** The URL's `user:pass` (still percent-encoded), or null. */
  readonly auth: string | null;
}

/**
 * The URL a fetch is sent to: parsed and normalised as urllib3 does (invalid characters
 * percent-encoded), the fragment dropped, and the credentials taken out (fetch refuses URLs
 * with them; the caller sends them as `Authorization: Basic`, as PoolManager does). Only
 * absolute http and https URLs are taken.
 */
export function toFetchUrl(url: string | URL): FetchTarget {
  const text = typeof url === 'string' ? url : url.href;
  const u = parseUrl(text);
  if (u.scheme === null || u.host === null) {
    throw new LocationValueError(
      `FetchManager needs an absolute URL with a host, got ${JSON.stringify(text)}`,
    );
  }
  const scheme = u.scheme.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') throw new URLSchemeUnknown(u.scheme);
  const port = u.port === null ? '' : `:${u.port}`;
  return { href: `${scheme}://${u.host}${port}${u.requestUri}`, auth: u.auth };
}
