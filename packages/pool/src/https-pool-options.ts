import type { ResolvedTlsOptions, TlsOptions } from '@urlpool/tls-config';
import type { HTTPConnectionPoolOptions, PreResolvedPoolOptions } from './pool-options.ts';

/**
 * Options of {@link HTTPSConnectionPool}: the pool options plus the TLS options (`certReqs`,
 * `caCerts`, `certFile`, `assertFingerprint`, ...; see `TlsOptions`).
 *
 * For HTTPS pools `connector` yields the transport *under* TLS (plain TCP by default, or a
 * proxy tunnel): the pool always runs the TLS handshake over it with these options.
 */
export interface HTTPSConnectionPoolOptions extends HTTPConnectionPoolOptions, TlsOptions {}

/**
 * @internal The options key under which a PoolManager hands HTTPS pools the TLS options it
 * resolved once (with `kResolvedPoolOptions`): CA files are read and the `SecureContext` built
 * once per manager, not once per pool. Registered (`Symbol.for`), as `kResolvedPoolOptions`.
 */
export const kResolvedTlsOptions: unique symbol = Symbol.for('urlpool.resolvedTlsOptions');

/** @internal HTTPS pool options that may carry options resolved by a manager. */
export interface PreResolvedHttpsOptions extends PreResolvedPoolOptions {
  readonly [kResolvedTlsOptions]?: ResolvedTlsOptions | undefined;
}
