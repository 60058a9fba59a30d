import type { ConnectionFactory } from '@urlpool/core';
import { PoolManager, type PoolManagerOptions } from '@urlpool/pool-manager';
import { ProxyManager, proxyFromEnv, readProxyEnvironment } from '@urlpool/proxy-http';
import { isSocksProxyUrl, SOCKSProxyManager } from '@urlpool/proxy-socks';
import { disableWarnings, InsecureRequestWarning } from '@urlpool/warnings';
import { CliError, usageError } from './cli-error.ts';
import type { ResolvedCliOptions } from './cli-options.ts';
import { EXIT_CODES } from './exit-codes.ts';

/** What the CLI needs of a manager (PoolManager, ProxyManager and SOCKSProxyManager alike). */
export interface RequestManager {
  request: PoolManager['request'];
  clear(): void;
}

/** curl's habit: a proxy without a scheme is an http:// proxy. */
export function withScheme(proxy: string): string {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(proxy) ? proxy : `http://${proxy}`;
}

/**
 * The proxy a run goes through: `--proxy`, else the environment's for the URL's scheme
 * (unless `--noproxy '*'`); undefined for none. Used for error messages too.
 */
export function effectiveProxy(
  options: ResolvedCliOptions,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (options.proxy !== undefined) return withScheme(options.proxy);
  if (options.noProxy === '*') return undefined;
  const proxies = readProxyEnvironment(env);
  const proxy = /^https:/i.test(options.url) ? proxies.https : proxies.http;
  return proxy === undefined ? undefined : withScheme(proxy);
}

function proxyError(error: unknown): CliError {
  return new CliError(
    `--proxy: ${(error as Error).message}\n  Give scheme://host:port with one of http, https, socks4, socks4a, socks5, socks5h.`,
    EXIT_CODES.couldNotResolveProxy,
    { cause: error },
  );
}

function proxyManager(
  url: string,
  options: ResolvedCliOptions,
  poolOptions: PoolManagerOptions,
): RequestManager {
  const { caCerts, insecure, fingerprint } = options.proxyTls;
  const https = /^https:/i.test(url);
  if (!https && (caCerts !== undefined || insecure || fingerprint !== undefined)) {
    throw usageError(
      '--proxy-cacert, --proxy-insecure and --proxy-pin apply to https:// proxies only.',
    );
  }
  if (isSocksProxyUrl(url) && options.proxyHeaders.length > 0) {
    throw usageError('--proxy-header applies to http:// and https:// proxies only.');
  }
  try {
    if (isSocksProxyUrl(url)) return new SOCKSProxyManager(url, poolOptions);
    return new ProxyManager(url, {
      ...poolOptions,
      proxyHeaders: options.proxyHeaders.map(([n, v]) => [n, v] as [string, string]),
      ...(caCerts === undefined ? {} : { proxyCaCerts: caCerts }),
      ...(insecure ? { proxyAssertHostname: false as const } : {}),
      ...(fingerprint === undefined ? {} : { proxyAssertFingerprint: fingerprint }),
    });
  } catch (error) {
    throw proxyError(error);
  }
}

/**
 * The manager for one run: a PoolManager with the TLS options; for `--proxy`, a ProxyManager
 * (http:// and https:// proxies: forwarding for http targets, CONNECT tunnels for https) or a
 * SOCKSProxyManager (socks4, socks4a, socks5, socks5h); without `--proxy`, the proxy
 * environment variables as curl reads them (`http_proxy`, `https_proxy`, `all_proxy`,
 * `no_proxy`; `--noproxy` replaces `no_proxy`, `--noproxy '*'` ignores them all).
 * `--insecure` was asked for explicitly, so its warning is not repeated. `connectionFactory`
 * is `-v`'s observer.
 */
export function createManager(
  options: ResolvedCliOptions,
  connectionFactory?: ConnectionFactory,
  env: NodeJS.ProcessEnv = process.env,
): RequestManager {
  if (options.tls.certReqs === 'CERT_NONE') disableWarnings(InsecureRequestWarning);
  const poolOptions: PoolManagerOptions = {
    ...options.tls,
    maxsize: 1,
    ...(connectionFactory === undefined ? {} : { connectionFactory }),
  };
  if (options.proxy !== undefined) {
    return proxyManager(withScheme(options.proxy), options, poolOptions);
  }
  const fromEnv = readProxyEnvironment(env);
  if (options.noProxy === '*' || (fromEnv.http === undefined && fromEnv.https === undefined)) {
    return new PoolManager(poolOptions);
  }
  const proxyEnv =
    options.noProxy === undefined
      ? env
      : { ...env, no_proxy: options.noProxy, NO_PROXY: options.noProxy };
  try {
    return proxyFromEnv({
      ...poolOptions,
      env: proxyEnv,
      socksManager: (url, socksOptions) => new SOCKSProxyManager(url, socksOptions),
    });
  } catch (error) {
    throw proxyError(error);
  }
}
