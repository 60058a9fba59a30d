import {
  compose,
  createRedirectRetryInterceptor,
  type Dispatch,
  EMPTY_BODY,
  encodeRequest,
  type HeadersInit,
  normalizeMethod,
  prepareBody,
  type Retry,
  type Timeout,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { PlatformWarning, warnOnce } from '@urlpool/warnings';
import { createFetchDispatch } from './fetch-dispatch.ts';
import {
  type FetchManagerOptions,
  type FetchRequestOptions,
  type FetchUrlopenOptions,
  type RedirectMode,
  type ResolvedFetchManagerOptions,
  resolveFetchManagerOptions,
} from './fetch-manager-options.ts';
import { fetchUrlopen } from './fetch-urlopen.ts';
import { warnUnsupportedOptions } from './unsupported-options.ts';

/**
 * PoolManager's API on the runtime's `fetch`, for sandboxes without sockets (Cloudflare
 * Workers, Deno Deploy, Vercel Edge, browsers): urllib3's `AppEngineManager` for today's
 * platforms. `request` / `urlopen`, `Retry`, `Timeout`, redirects, header rules and
 * `HTTPResponse` behave as with `PoolManager`; the body streams from the runtime's
 * `ReadableStream`. Options only sockets can honour (pool sizes, TLS settings, source address,
 * proxies) are accepted and ignored with one `PlatformWarning` naming them.
 *
 * Neither this package nor anything it imports loads a `node:` module.
 *
 * @example
 * ```ts
 * import { FetchManager } from '@urlpool/fetch-manager';
 * const http = new FetchManager({ retries: 3, timeout: { connect: 2000, read: 5000 } });
 * const r = await http.request('GET', 'https://example.com/api', { fields: { q: 'urlpool' } });
 * console.log(r.status, r.json());
 * ```
 */
export class FetchManager {
  /** Default headers for every request that brings none. */
  readonly headers: HeadersInit | undefined;
  /** The default Retry. */
  readonly retries: Retry;
  /** The default Timeout. */
  readonly timeout: Timeout;
  /** Who follows redirects: urlpool (`'manual'`) or the runtime (`'follow'`, browsers). */
  readonly redirectMode: RedirectMode;
  readonly #resolved: ResolvedFetchManagerOptions;
  /** Redirects (any host), retries and the user's interceptors around the fetch dispatch. */
  readonly #chain: Dispatch<HTTPResponse>;

  constructor(options: FetchManagerOptions = {}) {
    const resolved = resolveFetchManagerOptions(options);
    this.#resolved = resolved;
    const manager = (): unknown => this;
    this.#chain = compose<HTTPResponse>(
      createFetchDispatch(this, resolved),
      // Redirects (any host) outside retries, in one loop, as PoolManager composes them.
      createRedirectRetryInterceptor({ scope: 'any-host', pool: manager }),
      ...resolved.interceptors,
    );
    this.headers = resolved.headers;
    this.retries = resolved.retries;
    this.timeout = resolved.timeout;
    this.redirectMode = resolved.redirectMode;
    warnUnsupportedOptions(resolved.unsupported, 'FetchManager');
    if (resolved.redirectMode === 'follow') {
      warnOnce(
        'fetch-manager:runtime-redirects',
        () =>
          new PlatformWarning(
            'FetchManager: redirects are followed by the runtime (redirectMode "follow"; ' +
              'browsers hide redirect responses from scripts), so Retry does not count them, ' +
              'removeHeadersOnRedirect and raiseOnRedirect do not apply, and the runtime ' +
              'applies its own limit (20 in browsers) and the Fetch standard rules ' +
              '(cross-origin redirects drop Authorization). response.url is the final URL.',
          ),
      );
    }
  }

  /**
   * Makes a request to an absolute URL, encoding `fields` / `json` as urllib3's `request()`.
   * @example
   * ```ts
   * const r = await http.request('POST', 'https://example.com/items', { json: { a: 1 } });
   * ```
   */
  // async: bad input (a body, method or header) is a rejection, never a synchronous throw.
  async request(
    method: string,
    url: string | URL,
    options: FetchRequestOptions = {},
  ): Promise<HTTPResponse> {
    const { fields, json, encodeMultipart, multipartBoundary, body, ...rest } = options;
    const encoded = encodeRequest(method, typeof url === 'string' ? url : url.href, {
      body,
      fields,
      json,
      encodeMultipart,
      multipartBoundary,
      headers: options.headers ?? this.headers,
    });
    return fetchUrlopen(
      this.#chain,
      this.#resolved,
      encoded.method,
      encoded.url,
      encoded.headers === undefined ? rest : { ...rest, headers: encoded.headers },
      encoded.body,
    );
  }

  /** Sends a request to an absolute URL, following redirects across hosts per `retries`. */
  async urlopen(
    method: string,
    url: string | URL,
    options: FetchUrlopenOptions = {},
  ): Promise<HTTPResponse> {
    const { body, ...rest } = options;
    return fetchUrlopen(
      this.#chain,
      this.#resolved,
      normalizeMethod(method),
      url,
      rest,
      body === undefined || body === null ? EMPTY_BODY : prepareBody(body),
    );
  }

  /** Nothing to close: the runtime owns the connections (PoolManager parity). */
  clear(): void {}

  /** `await using http = new FetchManager()` (PoolManager parity). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.clear();
  }

  /** `FetchManager(redirectMode=…)`, for MaxRetryError messages and logs. */
  toString(): string {
    return `FetchManager(redirectMode=${this.redirectMode})`;
  }
}
