import {
  type Fields,
  type HeadersInit,
  type Interceptor,
  type RequestBody,
  Retry,
  Timeout,
  type TimeoutInput,
  type TlsOptionName,
} from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { isBrowserRuntime } from './runtime.ts';
import { FETCH_UNSUPPORTED_OPTIONS, unsupportedKeys } from './unsupported-options.ts';

/** A `fetch` function: the runtime's global one, or a wrapper around it. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** How redirects are followed. */
export type RedirectMode = 'manual' | 'follow';

/** Options of `new FetchManager(options)`. */
export interface FetchManagerOptions extends UnsupportedPoolOptions {
  /** Default headers for requests that bring none (replaced, not merged, as in urllib3). */
  headers?: HeadersInit | undefined;
  /**
   * Retry policy of every request.
   * @default Retry.DEFAULT (3 retries)
   */
  retries?: Retry | number | false | undefined;
  /**
   * Timeout of every request: `connect` bounds the time until the response headers together
   * with `read` (fetch cannot tell connecting from waiting), `read` each wait for body bytes,
   * `total` the whole attempt.
   * @default no limits
   */
  timeout?: TimeoutInput | null | undefined;
  /**
   * The `fetch` to call, with `(url, init)`.
   * @default globalThis.fetch, looked up at each request
   */
  fetch?: FetchFunction | undefined;
  /**
   * `'manual'`: urlpool follows redirects (Retry counts them, `removeHeadersOnRedirect` and
   * 303 rules apply). `'follow'`: the runtime follows them (browsers, which hide redirect
   * responses from scripts; a `PlatformWarning` says what no longer applies).
   * @default 'follow' in browsers, 'manual' elsewhere
   */
  redirectMode?: RedirectMode | undefined;
  /**
   * Further `RequestInit` fields for every fetch: `credentials`, `mode`, `cache`, `referrer`,
   * Cloudflare's `cf`... `method`, `headers`, `body`, `redirect` and `signal` are urlpool's.
   * @default {}
   */
  fetchOptions?:
    | Omit<RequestInit, 'method' | 'headers' | 'body' | 'redirect' | 'signal'>
    | undefined;
  /**
   * Send `User-Agent: urlpool/<VERSION>` unless the request sets one. Browsers set their own
   * and a User-Agent header would force a CORS preflight, so it is off there.
   * @default true, false in browsers
   */
  sendUserAgent?: boolean | undefined;
  /**
   * Your interceptors, innermost: they see every attempt (retries and redirects), as with
   * PoolManager's `interceptors`.
   * @default []
   */
  interceptors?: readonly Interceptor<HTTPResponse>[] | undefined;
}

/**
 * PoolManager options a runtime's `fetch` decides by itself. `FetchManager` accepts them, so
 * code written for `PoolManager` runs unchanged, ignores them and emits one `PlatformWarning`
 * naming them. The TLS options (core's `TLS_OPTION_NAMES`) are ignored because the runtime
 * verifies TLS itself.
 */
export interface UnsupportedPoolOptions extends Partial<Record<TlsOptionName, unknown>> {
  /** Ignored: the runtime owns its connections. */ numPools?: unknown;
  /** Ignored: the runtime owns its connections. */ maxsize?: unknown;
  /** Ignored: the runtime owns its connections. */ block?: unknown;
  /** Ignored: the runtime owns its connections. */ poolTimeout?: unknown;
  /** Ignored: no sockets. */ sourceAddress?: unknown;
  /** Ignored: no sockets. */ socketOptions?: unknown;
  /** Ignored: no sockets. */ connector?: unknown;
  /** Ignored: no sockets. */ connectionFactory?: unknown;
  /** Ignored: the runtime decides proxies. */ proxy?: unknown;
  /** Ignored: the runtime decides proxies. */ proxyUrl?: unknown;
  /** Ignored: the runtime decides proxies. */ proxyHeaders?: unknown;
  /** Ignored: the runtime decides proxies. */ proxySslContext?: unknown;
  /** Ignored: the runtime decides proxies. */ proxyCaCerts?: unknown;
  /** Ignored: the runtime decides proxies. */ proxyAssertHostname?: unknown;
  /** Ignored: the runtime decides proxies. */ proxyAssertFingerprint?: unknown;
  /** Ignored: the runtime decides proxies. */ useForwardingForHttps?: unknown;
  /** Ignored: fetch frames bodies itself. */ chunked?: unknown;
}

/** Options of `FetchManager.urlopen` (PoolManager's, minus what only sockets can do). */
export interface FetchUrlopenOptions {
  /** The request body. Streams and iterables are read into memory first (see README). */
  body?: RequestBody | null | undefined;
  /** Request headers; replace the manager's default headers, as in urllib3. */
  headers?: HeadersInit | undefined;
  /** Retry policy for this request. @default the manager's */
  retries?: Retry | number | false | undefined;
  /** Follow redirects. @default true */
  redirect?: boolean | undefined;
  /** Timeout for this request (`null`: no limits). @default the manager's */
  timeout?: TimeoutInput | null | undefined;
  /** Read the whole body before resolving. @default true */
  preloadContent?: boolean | undefined;
  /**
   * Accepted for PoolManager parity. The runtime's fetch always decodes gzip, deflate and br
   * (and what else it supports), so urlpool never decodes a second time.
   * @default true
   */
  decodeContent?: boolean | undefined;
  /** Release the response's resources once the body is read. @default preloadContent */
  releaseConn?: boolean | undefined;
  /** A body shorter than Content-Length throws IncompleteRead. @default true */
  enforceContentLength?: boolean | undefined;
  /** Aborts the request at any stage. */
  signal?: AbortSignal | undefined;
  /** Beyond urllib3: body bytes cap; exceeding it throws DecodeError. */
  maxDecodedSize?: number | undefined;
  /** Ignored with a `PlatformWarning`: fetch frames bodies itself. */
  chunked?: boolean | undefined;
  /** Ignored with a `PlatformWarning`: the runtime has no pool to wait for. */
  poolTimeout?: number | undefined;
  /** Ignored: a manager takes any host. */
  assertSameHost?: boolean | undefined;
}

/** Options of `FetchManager.request` (urlopen's plus the body encoders). */
export interface FetchRequestOptions extends FetchUrlopenOptions {
  /** Form fields: the query string for GET-like methods, else a multipart or urlencoded body. */
  fields?: Fields | null | undefined;
  /** A JSON body (Content-Type: application/json unless set). */
  json?: unknown;
  /** Encode fields as multipart/form-data (true) or urlencoded (false). @default true */
  encodeMultipart?: boolean | undefined;
  /** Multipart boundary. @default random */
  multipartBoundary?: string | undefined;
}

/** {@link FetchManagerOptions} resolved once, at the constructor. */
export interface ResolvedFetchManagerOptions {
  readonly headers: HeadersInit | undefined;
  readonly retries: Retry;
  readonly timeout: Timeout;
  readonly fetch: FetchFunction | undefined;
  readonly redirectMode: RedirectMode;
  readonly fetchOptions: Readonly<RequestInit>;
  readonly sendUserAgent: boolean;
  readonly interceptors: readonly Interceptor<HTTPResponse>[];
  /** Set options the runtime cannot honour (for the warning). */
  readonly unsupported: readonly string[];
}

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'headers',
  'retries',
  'timeout',
  'fetch',
  'redirectMode',
  'fetchOptions',
  'sendUserAgent',
  'interceptors',
]);

const URLPOOL_INIT_KEYS: readonly string[] = ['method', 'headers', 'body', 'redirect', 'signal'];

/** Validates and normalises the constructor options; throws TypeError naming the problem. */
export function resolveFetchManagerOptions(
  options: FetchManagerOptions,
): ResolvedFetchManagerOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`FetchManager options must be an object, got ${String(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key) && !FETCH_UNSUPPORTED_OPTIONS.has(key)) {
      throw new TypeError(
        `Unknown FetchManager option ${JSON.stringify(key)}; known options: ${[...KNOWN_KEYS].join(', ')} ` +
          '(and the PoolManager options the runtime cannot honour, which are ignored with a PlatformWarning).',
      );
    }
  }
  const { fetch, redirectMode, fetchOptions = {}, sendUserAgent } = options;
  if (fetch !== undefined && typeof fetch !== 'function') {
    throw new TypeError(
      'FetchManager option fetch must be a function (url, init) => Promise<Response>.',
    );
  }
  if (redirectMode !== undefined && redirectMode !== 'manual' && redirectMode !== 'follow') {
    throw new TypeError(
      `FetchManager option redirectMode must be 'manual' or 'follow', got ${JSON.stringify(redirectMode)}.`,
    );
  }
  if (fetchOptions === null || typeof fetchOptions !== 'object') {
    throw new TypeError('FetchManager option fetchOptions must be a RequestInit object.');
  }
  for (const key of URLPOOL_INIT_KEYS) {
    if (key in fetchOptions) {
      throw new TypeError(
        `fetchOptions.${key} is set by urlpool for each request; pass it as a request option instead.`,
      );
    }
  }
  const browser = isBrowserRuntime();
  return {
    headers: options.headers,
    retries: Retry.from(options.retries),
    timeout: Timeout.from(options.timeout),
    fetch,
    redirectMode: redirectMode ?? (browser ? 'follow' : 'manual'),
    fetchOptions,
    sendUserAgent: sendUserAgent ?? !browser,
    interceptors: options.interceptors ?? [],
    unsupported: unsupportedKeys(options),
  };
}
