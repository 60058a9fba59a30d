import type { HTTPSConnectionPoolOptions } from '@urlpool/pool';

/**
 * Options of {@link PoolManager}: its own plus defaults for every pool it creates. The TLS
 * options (`caCerts`, `certReqs`, ...) apply to https pools only. The type is closed: a
 * misspelt option (`maxSize`, `num_pools`, `caCert`) does not compile, and throws `TypeError`
 * from the constructor in JavaScript.
 */
export interface PoolManagerOptions extends HTTPSConnectionPoolOptions {
  /** How many pools to keep (least recently used are closed). @default 10 */
  numPools?: number | undefined;
}
