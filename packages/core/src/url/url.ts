/** The parts of a {@link Url}; every part is optional (`null` when absent). */
export interface UrlParts {
  readonly scheme?: string | null | undefined;
  readonly auth?: string | null | undefined;
  readonly host?: string | null | undefined;
  readonly port?: number | null | undefined;
  readonly path?: string | null | undefined;
  readonly query?: string | null | undefined;
  readonly fragment?: string | null | undefined;
}

/**
 * A parsed URL (urllib3's `Url`), as returned by {@link parseUrl}. Absent parts are `null`.
 * `host` (and `hostname`, its urllib3 alias) keeps the brackets of an IPv6 literal (`[::1]`),
 * as urllib3 and WHATWG `URL.hostname` do.
 *
 * @example
 * ```ts
 * const u = parseUrl('https://user@[::1]:8443/a/../b?q=1#top');
 * u.host;       // '[::1]'
 * u.hostname;   // '[::1]'
 * u.requestUri; // '/b?q=1'
 * u.netloc;     // '[::1]:8443'
 * ```
 */
export class Url {
  /** Lowercased scheme, e.g. `'https'`. */
  readonly scheme: string | null;
  /** Userinfo (`user:password`), percent-encoded, not decoded. */
  readonly auth: string | null;
  /** Lowercased host; IPv6 literals keep their brackets. */
  readonly host: string | null;
  /** Port number, only when the URL gave one. */
  readonly port: number | null;
  /** Path (always starting with `/` when present). */
  readonly path: string | null;
  /** Query without the `?`. */
  readonly query: string | null;
  /** Fragment without the `#` (never sent in requests). */
  readonly fragment: string | null;

  constructor(parts: UrlParts = {}) {
    const path = parts.path ?? null;
    this.scheme = parts.scheme == null ? null : parts.scheme.toLowerCase();
    this.auth = parts.auth ?? null;
    this.host = parts.host ?? null;
    this.port = parts.port ?? null;
    // urllib3: a path that is present always starts with '/'.
    this.path = path !== null && path !== '' && path.charCodeAt(0) !== 47 ? `/${path}` : path;
    this.query = parts.query ?? null;
    this.fragment = parts.fragment ?? null;
  }

  /**
   * Same as {@link Url.host}, brackets of an IPv6 literal included (urllib3's `hostname`, and
   * WHATWG `URL.hostname`). Pools take either form.
   */
  get hostname(): string | null {
    return this.host;
  }

  /** Path and query as sent on the request line; `'/'` when the path is empty. */
  get requestUri(): string {
    const path = this.path || '/';
    return this.query === null ? path : `${path}?${this.query}`;
  }

  /** `host[:port]`, or null without a host. */
  get netloc(): string | null {
    if (this.host === null) return null;
    return this.port === null ? this.host : `${this.host}:${this.port}`;
  }

  /** `[auth@]host[:port]`, or null without a host. */
  get authority(): string | null {
    const netloc = this.netloc;
    if (netloc === null) return this.auth === null ? null : `${this.auth}@`;
    return this.auth === null ? netloc : `${this.auth}@${netloc}`;
  }

  /** The URL put back together from its parts. */
  get url(): string {
    let url = '';
    if (this.scheme !== null) url += `${this.scheme}://`;
    if (this.auth !== null) url += `${this.auth}@`;
    if (this.host !== null) url += this.host;
    if (this.port !== null) url += `:${this.port}`;
    if (this.path !== null) url += this.path;
    if (this.query !== null) url += `?${this.query}`;
    if (this.fragment !== null) url += `#${this.fragment}`;
    return url;
  }

  /** A copy with some parts replaced (urllib3's `_replace`). */
  replace(parts: UrlParts): Url {
    return new Url({
      scheme: 'scheme' in parts ? parts.scheme : this.scheme,
      auth: 'auth' in parts ? parts.auth : this.auth,
      host: 'host' in parts ? parts.host : this.host,
      port: 'port' in parts ? parts.port : this.port,
      path: 'path' in parts ? parts.path : this.path,
      query: 'query' in parts ? parts.query : this.query,
      fragment: 'fragment' in parts ? parts.fragment : this.fragment,
    });
  }

  /** Same as {@link Url.url}. */
  toString(): string {
    return this.url;
  }

  /** Same as {@link Url.url}. */
  toJSON(): string {
    return this.url;
  }
}
