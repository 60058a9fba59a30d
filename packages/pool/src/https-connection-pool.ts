import { createTcpConnector, createTlsConnector } from '@urlpool/connection';
import { type ResolvedTlsOptions, resolveTlsOptions, splitTlsOptions } from '@urlpool/tls-config';
import { HTTPConnectionPool } from './http-connection-pool.ts';
import {
  type HTTPSConnectionPoolOptions,
  kResolvedTlsOptions,
  type PreResolvedHttpsOptions,
} from './https-pool-options.ts';
import {
  type HTTPConnectionPoolOptions,
  kResolvedPoolOptions,
  type PreResolvedPoolOptions,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from './pool-options.ts';

/**
 * A pool of connections over TLS to one host (urllib3's `HTTPSConnectionPool`).
 *
 * The TLS options are validated and resolved once, when the pool is made: CA bundles,
 * certificates and keys are read then, so a wrong path or key password throws `SSLError` from
 * the constructor. Every connection of the pool shares the resulting `tls.SecureContext` and a
 * TLS session cache, so later connections resume the session of an earlier one.
 *
 * The `Host` header names the pool's host (and port unless 443), never `serverHostname`; send
 * your own `Host` header for the guide's "Custom SNI Hostname" setup.
 *
 * A `connector` option is the transport under TLS (plain TCP by default; a proxy tunnel, say):
 * the pool always wraps it with `createTlsConnector`, so TLS lives in the connector seam and
 * the pool itself has no TLS special cases.
 *
 * @example
 * ```ts
 * await using pool = new HTTPSConnectionPool('localhost', {
 *   port: 8443,
 *   caCerts: '/path/to/ca.pem',
 *   maxsize: 4,
 * });
 * const r = await pool.request('GET', '/get');
 * console.log(r.status, r.json());
 * ```
 */
export class HTTPSConnectionPool extends HTTPConnectionPool {
  /** The pool's TLS options after `resolveTlsOptions` (shared by all its connections). */
  readonly tls: ResolvedTlsOptions;

  constructor(host: string, options: HTTPSConnectionPoolOptions = {}) {
    const pre = (options as PreResolvedHttpsOptions)[kResolvedPoolOptions];
    let tls: ResolvedTlsOptions;
    let poolOptions: HTTPConnectionPoolOptions & PreResolvedPoolOptions;
    if (pre !== undefined) {
      // From a PoolManager, which resolved the pool and TLS options once: only the connector
      // (and its TLS session cache) is this pool's own.
      tls =
        (options as PreResolvedHttpsOptions)[kResolvedTlsOptions] ??
        resolveTlsOptions(splitTlsOptions(options).tls);
      const connector = createTlsConnector(tls, pre.connector ?? createTcpConnector());
      poolOptions = { [kResolvedPoolOptions]: { ...pre, connector } };
    } else {
      const { tls: tlsOptions, rest } = splitTlsOptions(options);
      // Resolved before super(): the connector the base class stores must already speak TLS.
      tls = resolveTlsOptions(tlsOptions);
      const connector = createTlsConnector(tls, rest.connector ?? createTcpConnector());
      poolOptions = { ...rest, connector };
    }
    super(host, poolOptions);
    this.tls = tls;
  }

  /** 'https'. */
  override get scheme(): string {
    return 'https';
  }

  /** Pool options with 443 as the default port (TLS options were split off before). */
  protected override resolveOptions(options: HTTPConnectionPoolOptions): ResolvedPoolOptions {
    return resolvePoolOptions(options, 443);
  }
}
