import {
  compose,
  createRedirectRetryInterceptor,
  DEFAULT_PORTS,
  type Dispatch,
  type DispatchRequest,
  EMPTY_BODY,
  encodeRequest,
  type HeadersInit,
  LocationValueError,
  normalizeMethod,
  type PreparedBody,
  parseUrl,
  prepareBody,
  Retry,
  rejectWithAbortError,
  TLS_OPTION_NAMES,
  toOriginHost,
  URLSchemeUnknown,
  type UrlInput,
  unknownOptionError,
  urlToString,
  withBodyContentType,
  withUrlCredentials,
} from '@urlpool/core';
import {
  HTTPConnectionPool,
  type HTTPConnectionPoolOptions,
  HTTPSConnectionPool,
  type RequestOptions,
  type UrlopenOptions,
} from '@urlpool/pool';
import {
  kResolvedPoolOptions,
  kResolvedTlsOptions,
  POOL_OPTION_NAMES,
  type PreResolvedHttpsOptions,
  type ResolvedPoolOptions,
  resolvePoolOptions,
  settleAttempt,
  withPort,
} from '@urlpool/pool/internal';
import type { HTTPResponse } from '@urlpool/response-streams';
import {
  type ResolvedTlsOptions,
  resolveTlsOptions,
  splitTlsOptions,
  type TlsOptions,
  tlsOptionsKey,
} from '@urlpool/tls-config';
import { resolvedOptionsKey } from './pool-key.ts';
import type { PoolManagerOptions } from './pool-manager-options.ts';
import { RequestTargets } from './request-targets.ts';

/** How many parsed request URLs a manager remembers (see {@link RequestTargets}). */
const TARGET_CACHE_SIZE = 1024;

/** What `new PoolManager(options)` accepts: its own options, pool options and TLS options. */
const MANAGER_OPTION_NAMES: ReadonlySet<string> = new Set([
  'numPools',
  ...POOL_OPTION_NAMES,
  ...TLS_OPTION_NAMES,
]);

/** What {@link PoolManager.connectionFromHost} remembers of its last call. */
interface LastPool {
  readonly host: string;
  readonly port: number | null | undefined;
  readonly scheme: string;
  readonly key: string;
  readonly pool: HTTPConnectionPool;
}

/** A pool class a manager can create for a scheme. */
export type PoolConstructor = new (
  host: string,
  options: HTTPConnectionPoolOptions,
) => HTTPConnectionPool;

/**
 * Keeps one connection pool per origin (scheme, host, port and pool options) in an LRU of
 * `numPools`, and follows redirects across hosts and schemes (urllib3's `PoolManager`).
 *
 * @example
 * ```ts
 * const http = new PoolManager({ numPools: 50, maxsize: 10 });
 * const r = await http.request('GET', 'http://127.0.0.1:8080/get');
 * console.log(r.status, r.json());
 * ```
 */
export class PoolManager {
  /** The pools, least recently used first. */
  readonly pools: Map<string, HTTPConnectionPool> = new Map();
  /** Default headers for every request that brings none. */
  readonly headers: HeadersInit | undefined;
  /** How many pools are kept. */
  readonly numPools: number;
  /** Options given to every pool. */
  protected readonly connectionPoolOptions: Readonly<Record<string, unknown>>;
  /** Pool class per scheme; subclasses (HTTPS, proxies) register theirs. */
  protected readonly poolClassesByScheme: Map<string, PoolConstructor> = new Map([
    ['http', HTTPConnectionPool as PoolConstructor],
    ['https', HTTPSConnectionPool as PoolConstructor],
  ]);
  private readonly identities = new WeakMap<object, number>();
  private readonly baseKey: string;
  /** TLS options given to every https pool, and their key (secrets hashed, contexts by identity). */
  private readonly baseTls: TlsOptions;
  private readonly baseTlsKey: string;
  /** The pool options without the TLS ones, for plain-HTTP pools. */
  private readonly basePlain: Readonly<Record<string, unknown>>;
  /** {@link basePlain} resolved once (port 80): new pools of the built-in classes reuse it. */
  private readonly baseResolved: ResolvedPoolOptions;
  /**
   * {@link baseTls} resolved on the first https pool (CA files read, `SecureContext` built),
   * then shared by every https pool of the manager; each pool keeps its own TLS sessions.
   */
  private resolvedTls: ResolvedTlsOptions | undefined = undefined;
  private readonly defaultRetries: Retry | number | false | undefined;
  /** Redirects (any host), retries and the user's interceptors around the pools' dispatch. */
  private readonly chain: Dispatch<HTTPResponse>;
  /** The arguments, key and pool of the last connectionFromHost() without pool options. */
  private lastPool: LastPool | null = null;
  /** URL strings of recent requests, parsed. */
  private readonly targets = new RequestTargets(TARGET_CACHE_SIZE);

  constructor(options: PoolManagerOptions = {}) {
    for (const key of Object.keys(options)) {
      if (!MANAGER_OPTION_NAMES.has(key)) {
        throw unknownOptionError('PoolManager', key, MANAGER_OPTION_NAMES);
      }
    }
    const { numPools = 10, headers, interceptors = [], ...poolOptions } = options;
    if (!Number.isInteger(numPools) || numPools < 1) {
      throw new TypeError(`Invalid numPools ${String(numPools)}: expected an integer >= 1`);
    }
    this.numPools = numPools;
    this.headers = headers as HeadersInit | undefined;
    this.connectionPoolOptions = { ...poolOptions, ...(headers === undefined ? {} : { headers }) };
    const { tls, rest } = splitTlsOptions(this.connectionPoolOptions);
    this.basePlain = rest;
    this.baseTls = tls;
    this.baseTlsKey = tlsOptionsKey(tls);
    // Validated and resolved once: bad values throw here, and pools are keyed on what the
    // options mean (`timeout: 5000` is `{ connect: 5000, read: 5000 }`), not how they were spelt.
    this.baseResolved = resolvePoolOptions(rest, 80);
    this.baseKey = resolvedOptionsKey(this.baseResolved, this.identities);
    this.defaultRetries = options.retries;
    const poolOf = (request: DispatchRequest): unknown => this.poolFor(request);
    this.chain = compose<HTTPResponse>(
      (request) => this.poolFor(request).dispatch(request),
      // Redirects (any host) outside retries, in one loop: redirect(retry(dispatch)).
      createRedirectRetryInterceptor({ scope: 'any-host', pool: poolOf }),
      ...interceptors,
    );
  }

  /** The pool for a request's origin. */
  private poolFor(request: DispatchRequest): HTTPConnectionPool {
    return this.connectionFromHost(request.host, request.port, request.scheme);
  }

  /** Pool for a host (urllib3's `connection_from_host`). */
  connectionFromHost(
    host: string,
    port?: number | null,
    scheme = 'http',
    poolOptions?: HTTPConnectionPoolOptions & Record<string, unknown>,
  ): HTTPConnectionPool {
    if (!host) throw new LocationValueError('No host specified.');
    // The same origin as the last call, with the manager's own options (a program that talks to
    // one host): its pool, if still open and kept, is already the most recently used.
    const last = this.lastPool;
    if (
      last !== null &&
      poolOptions === undefined &&
      host === last.host &&
      port === last.port &&
      scheme === last.scheme &&
      !last.pool.isClosed &&
      this.pools.get(last.key) === last.pool
    ) {
      return last.pool;
    }
    const lowerScheme = scheme.toLowerCase();
    const PoolClass = this.poolClassesByScheme.get(lowerScheme);
    if (PoolClass === undefined) throw new URLSchemeUnknown(scheme);
    const resolvedPort = port ?? DEFAULT_PORTS[lowerScheme] ?? 80;
    // '[::1]' and '::1' name the same pool (the pool strips the brackets too).
    const hostKey = toOriginHost(host);
    // TLS options only matter to https pools (urllib3 drops them for http): they are keyed with
    // tlsOptionsKey, which hashes secrets and names an sslContext by identity.
    const usesTls = lowerScheme === 'https';
    const split = poolOptions === undefined ? undefined : splitTlsOptions(poolOptions);
    const optionsKey =
      split === undefined || Object.keys(split.rest).length === 0
        ? this.baseKey
        : resolvedOptionsKey(
            resolvePoolOptions({ ...this.basePlain, ...split.rest }, resolvedPort),
            this.identities,
          );
    const tlsKey = !usesTls
      ? ''
      : split === undefined || Object.keys(split.tls).length === 0
        ? this.baseTlsKey
        : tlsOptionsKey({ ...this.baseTls, ...split.tls });
    const key = `${lowerScheme}://${hostKey}:${resolvedPort}|${optionsKey}|${tlsKey}`;
    const existing = this.pools.get(key);
    if (existing !== undefined && !existing.isClosed) {
      // Move to the most recently used end.
      this.pools.delete(key);
      this.pools.set(key, existing);
      this.lastPool =
        poolOptions === undefined ? { host, port, scheme, key, pool: existing } : null;
      return existing;
    }
    const pool =
      optionsKey === this.baseKey && tlsKey === (usesTls ? this.baseTlsKey : '')
        ? this.newDefaultPool(PoolClass, host, resolvedPort, usesTls)
        : new PoolClass(host, {
            ...(usesTls ? this.connectionPoolOptions : this.basePlain),
            ...(usesTls ? poolOptions : split?.rest),
            port: resolvedPort,
          } as HTTPConnectionPoolOptions);
    this.pools.set(key, pool);
    while (this.pools.size > this.numPools) {
      const oldestKey = this.pools.keys().next().value as string;
      const oldest = this.pools.get(oldestKey)!;
      this.pools.delete(oldestKey);
      // Idle connections close now; connections held by responses close when released.
      oldest.close();
    }
    this.lastPool = poolOptions === undefined ? { host, port, scheme, key, pool } : null;
    return pool;
  }

  /**
   * A pool with the manager's own options. The built-in classes get them resolved (once per
   * manager, TLS included), so with many origins a new pool costs no option validation, no
   * CA file read and no `SecureContext`; other classes (a subclass's) get the options as given.
   */
  private newDefaultPool(
    PoolClass: PoolConstructor,
    host: string,
    port: number,
    usesTls: boolean,
  ): HTTPConnectionPool {
    if (PoolClass === HTTPConnectionPool || (PoolClass === HTTPSConnectionPool && usesTls)) {
      const options: PreResolvedHttpsOptions = {
        [kResolvedPoolOptions]: withPort(this.baseResolved, port),
      };
      if (usesTls) {
        this.resolvedTls ??= resolveTlsOptions(this.baseTls);
        (options as { [kResolvedTlsOptions]?: ResolvedTlsOptions })[kResolvedTlsOptions] =
          this.resolvedTls;
      }
      return new PoolClass(host, options as HTTPConnectionPoolOptions);
    }
    return new PoolClass(host, {
      ...(usesTls ? this.connectionPoolOptions : this.basePlain),
      port,
    } as HTTPConnectionPoolOptions);
  }

  /** Pool for a URL's origin (urllib3's `connection_from_url`). */
  connectionFromUrl(
    url: UrlInput,
    poolOptions?: HTTPConnectionPoolOptions & Record<string, unknown>,
  ): HTTPConnectionPool {
    const u = parseUrl(url);
    return this.connectionFromHost(u.host ?? '', u.port, u.scheme ?? 'http', poolOptions);
  }

  /** Makes a request to an absolute URL, encoding `fields`/`json` as urllib3's `request()`. */
  async request(
    method: string,
    url: UrlInput,
    options: RequestOptions = {},
  ): Promise<HTTPResponse> {
    const { fields, json, encodeMultipart, multipartBoundary, body, ...rest } = options;
    const encoded = encodeRequest(method, urlToString(url), {
      body,
      fields,
      json,
      encodeMultipart,
      multipartBoundary,
      headers: options.headers ?? this.headers,
    });
    return this.open(
      encoded.method,
      encoded.url,
      encoded.headers === undefined ? rest : { ...rest, headers: encoded.headers },
      encoded.body,
    );
  }

  /** Sends a request to an absolute URL, following redirects across hosts per `retries`. */
  async urlopen(
    method: string,
    url: UrlInput,
    options: UrlopenOptions = {},
  ): Promise<HTTPResponse> {
    const { body, ...rest } = options;
    return this.open(
      normalizeMethod(method),
      urlToString(url),
      rest,
      body === undefined || body === null ? EMPTY_BODY : prepareBody(body),
    );
  }

  /** Closes every pool (urllib3's `clear`). */
  clear(): void {
    for (const pool of this.pools.values()) pool.close();
    this.pools.clear();
    this.lastPool = null;
  }

  /** `await using http = new PoolManager()` clears it. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.clear();
  }

  private async open(
    method: string,
    url: string,
    options: UrlopenOptions,
    body: PreparedBody,
  ): Promise<HTTPResponse> {
    const target = this.targets.get(url);
    if (!this.poolClassesByScheme.has(target.scheme)) throw new URLSchemeUnknown(target.scheme);
    const redirect = options.redirect ?? true;
    // A FormData or Blob body brings its Content-Type (as with fetch) unless the headers set one.
    let headers = withBodyContentType(options.headers ?? this.headers, body);
    // `user:pass@` in the URL becomes Authorization: Basic (urllib3 2.x).
    if (target.auth !== undefined) headers = withUrlCredentials(headers, target.auth);
    let done = this.chain({
      method,
      scheme: target.scheme,
      host: target.host,
      port: target.port,
      path: target.path,
      headers,
      body,
      retries:
        options.retries instanceof Retry
          ? options.retries
          : Retry.from(options.retries, { redirect, default: this.defaultRetries ?? null }),
      redirect,
      preloadContent: options.preloadContent ?? true,
      signal: options.signal,
      options,
    });
    // Streamed: the attempt's total deadline ends with the head (preloaded: with the body).
    if (options.preloadContent === false) done = done.then(settleAttempt);
    return rejectWithAbortError(done, options.signal);
  }
}
