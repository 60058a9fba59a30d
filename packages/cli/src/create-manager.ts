import { PoolManager, type PoolManagerOptions } from '@urlpool/pool-manager';
import { disableWarnings, InsecureRequestWarning } from '@urlpool/warnings';
import { CliError } from './cli-error.ts';
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
 * The manager for one run: a PoolManager with the TLS options, or a proxy manager for
 * `--proxy`. `--insecure` was asked for explicitly, so its warning is not repeated.
 */
export function createManager(options: ResolvedCliOptions): RequestManager {
  if (options.proxy !== undefined) {
    // Until @urlpool/proxy-http and @urlpool/proxy-socks are in this repository.
    throw new CliError(
      '--proxy is not supported by this build yet.',
      EXIT_CODES.unsupportedProtocol,
    );
  }
  if (options.tls.certReqs === 'CERT_NONE') disableWarnings(InsecureRequestWarning);
  const managerOptions: PoolManagerOptions = { ...options.tls, maxsize: 1 };
  return new PoolManager(managerOptions);
}
