import type { TlsOptions } from '@urlpool/tls-config';
import type { HTTPConnectionPoolOptions } from './pool-options.ts';

/**
 * Options of {@link HTTPSConnectionPool}: the pool options plus the TLS options (`certReqs`,
 * `caCerts`, `certFile`, `assertFingerprint`, ...; see `TlsOptions`).
 *
 * For HTTPS pools `connector` yields the transport *under* TLS (plain TCP by default, or a
 * proxy tunnel): the pool always runs the TLS handshake over it with these options.
 */
export interface HTTPSConnectionPoolOptions extends HTTPConnectionPoolOptions, TlsOptions {}
