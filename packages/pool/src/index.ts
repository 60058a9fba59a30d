export { connectionFromUrl } from './connection-from-url.ts';
export { HTTPConnectionPool, type PoolStats } from './http-connection-pool.ts';
export { HTTPSConnectionPool } from './https-connection-pool.ts';
export type { HTTPSConnectionPoolOptions } from './https-pool-options.ts';
export type { PoolFullMessage } from './pool-diagnostics.ts';
export type { HTTPConnectionPoolOptions } from './pool-options.ts';
export type { RequestOptions, UrlopenOptions } from './request-options.ts';
