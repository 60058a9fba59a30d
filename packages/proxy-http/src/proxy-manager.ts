import { connectTcp, createHTTPConnectionFactory, createTlsConnector } from '@urlpool/connection';
import {
  HTTPHeaderDict,
  LocationValueError,
  type PreparedHeaders,
  prepareHeaders,
} from '@urlpool/core';
import type { HTTPConnectionPool, HTTPConnectionPoolOptions } from '@urlpool/pool';
import { PoolManager } from '@urlpool/pool-manager';
import { resolveTlsOptions } from '@urlpool/tls-config';
import { createForwardConnector } from './forward-connector.ts';
import { createForwardHeadersInterceptor, isForwardedScheme } from './forward-headers.ts';
import {
  type ProxyManagerOptions,
  type ResolvedProxyOptions,
  resolveProxyOptions,
  withoutProxyOptions,
} from './proxy-options.ts';
import { type ProxyInfo, resolveProxyUrl } from './proxy-url.ts';
import { createTunnelConnector } from './tunnel-connector.ts';

/**
 * A `PoolManager` that sends every request through one HTTP or HTTPS proxy (urllib3's
 * `ProxyManager`); its usage is the same as PoolManager's.
 *
 * - `https://` targets go through a `CONNECT` tunnel, one kept-alive pool per target, with TLS
 *   to the origin inside the tunnel. For an `https://` proxy that is TLS inside TLS (urllib3
 *   does not support it; urlpool does).
 * - `http://` targets are forwarded in absolute form (`GET http://host/path`) to the proxy, with
 *   the proxy headers: every target shares one pool, keyed on the proxy, whose kept-alive
 *   connections go to the proxy (each request names its own origin).
 * - `useForwardingForHttps` with an `https://` proxy forwards `https://` targets the same way
 *   over the TLS connection to the proxy, in the same shared pool (the proxy sees them in
 *   clear); with an `http://` proxy
 *   it is ignored and https targets are tunnelled, as in urllib3.
 * - `proxyHeaders` and the proxy URL's `user:pass@` (as `Proxy-Authorization: Basic`) go to the
 *   proxy only. Error messages name the proxy as `scheme://host:port`, never its credentials.
 * - Failures reaching the proxy throw `ProxyError` with `cause`; a refused `CONNECT` throws
 *   `ProxyError('Tunnel connection failed: 407 Proxy Authentication Required')`. Retry and
 *   Timeout cover the tunnel setup: the connect timeout bounds proxy TCP, proxy TLS, CONNECT and
 *   the origin's TLS together.
 *
 * @example
 * ```ts
 * const proxy = new ProxyManager('http://127.0.0.1:3128/');
 * const r = await proxy.request('GET', 'https://example.test/');
 * console.log(r.status);
 * proxy.clear();
 * ```
 */
export class ProxyManager extends PoolManager {
  /** The proxy: scheme, host, port and `redacted` (`scheme://host:port`), no credentials. */
  readonly proxy: ProxyInfo;
  // Credentials live in private fields and closures only, so `util.inspect(manager)` and
  // objects that reference the manager never show them.
  readonly #proxyHeaders: HTTPHeaderDict;
  /** Whether https targets are forwarded rather than tunnelled (only with an https proxy). */
  readonly useForwardingForHttps: boolean;
  /** Pool options of forwarded targets: connect to the proxy, absolute-form targets. */
  private readonly forwarding: HTTPConnectionPoolOptions;

  constructor(proxyUrl: string | URL, options: ProxyManagerOptions = {}) {
    const proxy = resolveProxyUrl(proxyUrl);
    const resolved = resolveProxyOptions(proxy, options);
    const poolOptions = withoutProxyOptions(options);
    const inner = options.connector ?? connectTcp;
    // TLS to an https:// proxy is resolved once here: a wrong CA path throws from the constructor.
    const toProxy =
      resolved.tls === undefined
        ? inner
        : createTlsConnector(resolveTlsOptions(resolved.tls), inner);
    const tunnel = createTunnelConnector({
      proxy,
      toProxy,
      proxyHeaders: resolved.prepared,
    });
    const forwardsHttps = resolved.useForwardingForHttps && proxy.scheme === 'https';
    super({
      ...poolOptions,
      connector: tunnel,
      // Innermost, so it sees every attempt and redirect hop as it goes to the wire.
      interceptors: [
        ...(poolOptions.interceptors ?? []),
        createForwardHeadersInterceptor(options.headers, (request) =>
          isForwardedScheme(request.scheme, forwardsHttps) ? resolved.headers : undefined,
        ),
      ],
    });
    this.proxy = Object.freeze({
      scheme: proxy.scheme,
      host: proxy.host,
      port: proxy.port,
      redacted: proxy.redacted,
    });
    this.#proxyHeaders = resolved.headers;
    this.useForwardingForHttps = forwardsHttps;
    // The HTTP/1.1 connection appends the proxy headers to every request it writes.
    this.forwarding = {
      connector: createForwardConnector(proxy, toProxy),
      targetForm: 'absolute',
      connectionFactory: createHTTPConnectionFactory({ headers: forwardedProxyHeaders(resolved) }),
    };
  }

  /**
   * A copy of the headers sent to the proxy (urllib3's `proxy_headers`), the URL's credentials
   * included as `Proxy-Authorization`.
   */
  get proxyHeaders(): HTTPHeaderDict {
    return new HTTPHeaderDict(this.#proxyHeaders);
  }

  /**
   * The pool for a target, in the LRU like any pool: for `http://` (and, with
   * `useForwardingForHttps`, `https://`) targets the one forwarding pool, keyed on the proxy
   * (and the pool options), whose connections go to the proxy and write each request's
   * absolute-form target; for `https://` one pool per target whose connections tunnel through
   * the proxy, with TLS to the target inside the tunnel.
   */
  override connectionFromHost(
    host: string,
    port?: number | null,
    scheme = 'http',
    poolOptions?: HTTPConnectionPoolOptions & Record<string, unknown>,
  ): HTTPConnectionPool {
    const lower = scheme.toLowerCase();
    if (lower === 'http' || (lower === 'https' && this.useForwardingForHttps)) {
      if (!host) throw new LocationValueError('No host specified.');
      // TLS (to an https proxy) is in the forwarding connector: the pool itself is plain.
      return super.connectionFromHost(this.proxy.host, this.proxy.port, 'http', {
        ...poolOptions,
        ...this.forwarding,
      });
    }
    return super.connectionFromHost(host, port, scheme, poolOptions);
  }
}

/**
 * The proxy headers the forwarding connection appends to each request: all but `Host`, which the
 * forward-headers interceptor puts in the request instead (replacing the target's default).
 */
function forwardedProxyHeaders(resolved: ResolvedProxyOptions): PreparedHeaders {
  if (!resolved.headers.has('host')) return resolved.prepared;
  const headers = new HTTPHeaderDict(resolved.headers);
  headers.delete('host');
  return prepareHeaders(headers);
}
