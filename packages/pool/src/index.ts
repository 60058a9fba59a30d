export { TLS_OPTION_NAMES, type TlsOptions, tlsOptionsKey } from '@urlpool/tls-config';
export { connectionFromUrl } from './connection-from-url.ts';
export { ConnectionSlots } from './connection-slots.ts';
export {
  HTTPConnectionPool,
  type PoolStats,
} from './http-connection-pool.ts';
export { HTTPSConnectionPool } from './https-connection-pool.ts';
export {
  type HTTPSConnectionPoolOptions,
  isTlsOptionName,
  type SplitTlsOptions,
  splitTlsOptions,
} from './https-pool-options.ts';
export { type ConnectionHome, Lease } from './lease.ts';
export { type PoolFullMessage, poolFullChannel } from './pool-diagnostics.ts';
export {
  type HTTPConnectionPoolOptions,
  POOL_OPTION_NAMES,
  type ResolvedPoolOptions,
  resolvePoolOptions,
} from './pool-options.ts';
export type { RequestOptions, UrlopenOptions } from './request-options.ts';
