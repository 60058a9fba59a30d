import type { HTTPSConnectionPoolOptions } from '@urlpool/pool';

/**
 * Options of {@link PoolManager}: its own plus defaults for every pool it creates. The TLS
 * options (`caCerts`, `certReqs`, ...) apply to https pools only.
 */
export interface PoolManagerOptions extends HTTPSConnectionPoolOptions {
  /** How many pools to keep (least recently used are closed). @default 10 */
  numPools?: number | undefined;
  /** Further pool options (e.g. TLS options for HTTPS pools) are passed to the pools. */
  [option: string]: unknown;
}
