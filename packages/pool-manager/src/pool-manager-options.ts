import type { HTTPConnectionPoolOptions } from '@urlpool/pool';

/** Options of {@link PoolManager}: its own plus defaults for every pool it creates. */
export interface PoolManagerOptions extends HTTPConnectionPoolOptions {
  /** How many pools to keep (least recently used are closed). @default 10 */
  numPools?: number | undefined;
  /** Further pool options (e.g. TLS options for HTTPS pools) are passed to the pools. */
  [option: string]: unknown;
}
