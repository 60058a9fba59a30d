import { LocationValueError, parseUrl, URLSchemeUnknown } from '@urlpool/core';

/**
 * The URL a fetch is sent to: parsed and normalised as urllib3 does (invalid characters
 * percent-encoded), the fragment dropped, and credentials dropped (fetch refuses URLs with
 * them; as with PoolManager, `user:pass@` is not turned into a header: use
 * `makeHeaders({ basicAuth })`). Only absolute http and https URLs are taken.
 */
export function toFetchUrl(url: string | URL): string {
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
  return `${scheme}://${u.host}${port}${u.requestUri}`;
}
