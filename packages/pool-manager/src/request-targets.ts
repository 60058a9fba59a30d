import { DEFAULT_PORTS, LocationValueError, parseUrl, toOriginHost } from '@urlpool/core';

/** What a manager needs from an absolute URL to route a request. */
export interface RequestTarget {
  /** Lowercased scheme. */
  readonly scheme: string;
  /** The origin host as pools name it (IPv6 without brackets). */
  readonly host: string;
  /** The port, the scheme's default when the URL has none. */
  readonly port: number;
  /** Path and query, normalised (`parseUrl`'s `requestUri`). */
  readonly path: string;
  /** The URL's `user:pass` (percent-encoded as written); absent without credentials. */
  readonly auth?: string;
}

/**
 * Absolute URL strings parsed into {@link RequestTarget}s, remembered: `parseUrl` is a pure
 * function of the string, and most programs request the same few URLs again and again, so a
 * request to a URL seen before skips the parse. At most `limit` URLs are kept; when full the
 * cache starts over (URLs that never repeat cost one Map insert each). URLs that do not parse,
 * or have no scheme or host, throw every time and are never kept.
 */
export class RequestTargets {
  private readonly entries = new Map<string, RequestTarget>();

  constructor(private readonly limit: number) {}

  /** The target of `url`; throws as `parseUrl` does, or LocationValueError without a host. */
  get(url: string): RequestTarget {
    const known = this.entries.get(url);
    if (known !== undefined) return known;
    const u = parseUrl(url);
    if (u.scheme === null || !u.host) {
      throw new LocationValueError(
        `No host specified. PoolManager needs an absolute URL with a host, got ${JSON.stringify(url)}`,
      );
    }
    const target: RequestTarget = Object.freeze({
      scheme: u.scheme,
      host: toOriginHost(u.host),
      port: u.port ?? DEFAULT_PORTS[u.scheme] ?? 80,
      path: u.requestUri,
      ...(u.auth === null ? {} : { auth: u.auth }),
    });
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(url, target);
    return target;
  }
}
