import { type HTTPHeaderDict, ProxySchemeUnknown, parseUrl } from '@urlpool/core';
import type { HTTPConnectionPool, HTTPConnectionPoolOptions } from '@urlpool/pool';
import { PoolManager, type PoolManagerOptions } from '@urlpool/pool-manager';
import {
  type Environment,
  type ProxyEnvironment,
  readProxyEnvironment,
  withProxyScheme,
} from './env-proxies.ts';
import { createForwardHeadersInterceptor, isForwardedScheme } from './forward-headers.ts';
import { type NoProxyMatcher, parseNoProxy } from './no-proxy.ts';
import { ProxyManager } from './proxy-manager.ts';
import { type ProxyManagerOptions, withoutProxyOptions } from './proxy-options.ts';
import { redactUrlCredentials } from './proxy-url.ts';

/**
 * Makes the manager for a `socks4://`, `socks4a://`, `socks5://` or `socks5h://` proxy URL
 * (e.g. `(url, options) => new SOCKSProxyManager(url, options)` from `@urlpool/proxy-socks`).
 * It gets the pool options of `proxyFromEnv`, without the HTTP-proxy-only ones.
 */
export type SocksManagerFactory = (proxyUrl: string, options: PoolManagerOptions) => PoolManager;

/** Options of {@link proxyFromEnv}: every `ProxyManager` option, plus where to read from. */
export interface ProxyFromEnvOptions extends ProxyManagerOptions {
  /** The environment to read. @default process.env */
  env?: Environment | undefined;
  /**
   * Makes managers for socks proxy URLs in the environment. The `urlpool` package's
   * `proxyFromEnv` passes `SOCKSProxyManager`; without it a socks URL throws
   * `ProxySchemeUnknown`. @default none
   */
  socksManager?: SocksManagerFactory | undefined;
}

const SOCKS_SCHEMES = new Set(['socks4', 'socks4a', 'socks5', 'socks5h']);

/**
 * A `PoolManager` that routes each request as the environment says (see {@link proxyFromEnv}):
 * directly, through the `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY` proxy for its scheme, or directly
 * again when `NO_PROXY` matches its host and port. Each hop of a redirect is routed on its own.
 * Proxied pools live in one manager per proxy (each with `numPools`); `clear()` closes them all.
 */
export class EnvProxyManager extends PoolManager {
  /** The proxies in use, credentials redacted (`undefined`: direct). */
  readonly proxies: { readonly http: string | undefined; readonly https: string | undefined };
  private readonly noProxy: NoProxyMatcher;
  private readonly httpRoute: PoolManager | undefined;
  private readonly httpsRoute: PoolManager | undefined;

  constructor(options: ProxyFromEnvOptions = {}) {
    const { env = process.env, socksManager, ...proxyOptions } = options;
    const poolOptions = withoutProxyOptions(proxyOptions);
    // Requests forwarded to a route's proxy get its header rules too: this manager, not the
    // route's ProxyManager, dispatches them (to the route's pools). Set once super() returned.
    const self: { manager?: EnvProxyManager } = {};
    // Each route's proxy headers, copied once (its getter copies on every read).
    const routeHeaders = new WeakMap<ProxyManager, HTTPHeaderDict>();
    super({
      ...poolOptions,
      interceptors: [
        ...(poolOptions.interceptors ?? []),
        createForwardHeadersInterceptor(poolOptions.headers, (request) => {
          const route = self.manager?.routeFor(request.scheme, request.host, request.port);
          if (!(route instanceof ProxyManager)) return undefined;
          if (!isForwardedScheme(request.scheme, route.useForwardingForHttps)) return undefined;
          let headers = routeHeaders.get(route);
          if (headers === undefined) routeHeaders.set(route, (headers = route.proxyHeaders));
          return headers;
        }),
      ],
    });
    self.manager = this;
    const found: ProxyEnvironment = readProxyEnvironment(env);
    const made = new Map<string, PoolManager>();
    const route = (value: string | undefined): PoolManager | undefined => {
      if (value === undefined) return undefined;
      const url = withProxyScheme(value);
      let manager = made.get(url);
      if (manager === undefined) {
        manager = makeManager(url, proxyOptions, poolOptions, socksManager);
        made.set(url, manager);
      }
      return manager;
    };
    this.httpRoute = route(found.http);
    this.httpsRoute = route(found.https);
    this.noProxy = parseNoProxy(found.noProxy);
    this.proxies = Object.freeze({
      http:
        found.http === undefined ? undefined : redactUrlCredentials(withProxyScheme(found.http)),
      https:
        found.https === undefined ? undefined : redactUrlCredentials(withProxyScheme(found.https)),
    });
  }

  /**
   * The manager a request to `scheme://host:port` goes through, or `undefined` for a direct
   * connection (no proxy for the scheme, or `NO_PROXY` matches).
   */
  routeFor(scheme: string, host: string, port?: number | null): PoolManager | undefined {
    const lower = scheme.toLowerCase();
    const route =
      lower === 'https' ? this.httpsRoute : lower === 'http' ? this.httpRoute : undefined;
    if (route === undefined) return undefined;
    const resolvedPort = port ?? (lower === 'https' ? 443 : 80);
    return this.noProxy.matches(host, resolvedPort) ? undefined : route;
  }

  /** The pool for a target, from the proxy's manager or this manager's direct pools. */
  override connectionFromHost(
    host: string,
    port?: number | null,
    scheme = 'http',
    poolOptions?: HTTPConnectionPoolOptions & Record<string, unknown>,
  ): HTTPConnectionPool {
    const route = this.routeFor(scheme, host, port);
    if (route === undefined) return super.connectionFromHost(host, port, scheme, poolOptions);
    return route.connectionFromHost(host, port, scheme, poolOptions);
  }

  /** Closes the direct pools and every proxy's pools. */
  override clear(): void {
    super.clear();
    this.httpRoute?.clear();
    this.httpsRoute?.clear();
  }
}

function makeManager(
  url: string,
  proxyOptions: ProxyManagerOptions,
  poolOptions: PoolManagerOptions,
  socksManager: SocksManagerFactory | undefined,
): PoolManager {
  const scheme = schemeOf(url);
  if (scheme !== undefined && SOCKS_SCHEMES.has(scheme)) {
    if (socksManager === undefined) {
      const error = new ProxySchemeUnknown(scheme);
      error.message =
        `The environment names a SOCKS proxy (${redactUrlCredentials(url)}), but this ` +
        'proxyFromEnv has no SOCKS support: use proxyFromEnv from the urlpool package, or pass ' +
        'socksManager: (url, options) => new SOCKSProxyManager(url, options) from @urlpool/proxy-socks';
      throw error;
    }
    return socksManager(url, poolOptions);
  }
  return new ProxyManager(url, proxyOptions);
}

function schemeOf(url: string): string | undefined {
  try {
    return parseUrl(url).scheme ?? undefined;
  } catch {
    return undefined;
  }
}
