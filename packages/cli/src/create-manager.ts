import type { ConnectionFactory } from '@urlpool/core';
import { PoolManager, type PoolManagerOptions } from '@urlpool/pool-manager';
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

function proxyError(error: unknown): CliError {
  return new CliError(
    `--proxy: ${(error as Error).message}\n  Give scheme://host:port with one of http, https, socks4, socks4a, socks5, socks5h.`,
    EXIT_CODES.couldNotResolveProxy,
    { cause: error },
  );
}

function proxyManager(
  proxy: string,
  options: ResolvedCliOptions,
  poolOptions: PoolManagerOptions,
): RequestManager {
  const url = withScheme(proxy);
  const { caCerts, insecure, fingerprint } = options.proxyTls;
  if (!/^https:/i.test(url) && (caCerts !== undefined || insecure || fingerprint !== undefined)) {
    throw usageError(
      '--proxy-cacert, --proxy-insecure and --proxy-pin apply to https:// proxies only.',
    );
  }
  try {
    if (isSocksProxyUrl(url)) return new SOCKSProxyManager(url, poolOptions);
  } catch (error) {
    throw proxyError(error);
  }
  // Until @urlpool/proxy-http is in this repository.
  throw new CliError(
    `--proxy ${JSON.stringify(proxy)}: http:// and https:// proxies are not supported by this build yet; socks4, socks4a, socks5 and socks5h are.`,
    EXIT_CODES.unsupportedProtocol,
  );
}

/**
 * The manager for one run: a PoolManager with the TLS options; for `--proxy`, a
 * SOCKSProxyManager (socks4, socks4a, socks5, socks5h). `--insecure` was asked for
 * explicitly, so its warning is not repeated. `connectionFactory` is `-v`'s observer.
 */
export function createManager(
  options: ResolvedCliOptions,
  connectionFactory?: ConnectionFactory,
): RequestManager {
  if (options.tls.certReqs === 'CERT_NONE') disableWarnings(InsecureRequestWarning);
  const poolOptions: PoolManagerOptions = {
    ...options.tls,
    maxsize: 1,
    ...(connectionFactory === undefined ? {} : { connectionFactory }),
  };
  if (options.proxy !== undefined) return proxyManager(options.proxy, options, poolOptions);
  return new PoolManager(poolOptions);
}
