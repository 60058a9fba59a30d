/**
 * undici at pool level: one `Pool` for the scenario's origin (`connections` = concurrency, no
 * pipelining), `pool.request({ path })`: the peer of urlpool's HTTPConnectionPool.
 */

import type { ClientAdapter, ClientInstance, RequestSpec } from '../types.ts';
import { undici } from '../undici.ts';
import { gzipHeaders, poolTarget } from './check.ts';
import { undiciBodyLength, undiciConnect } from './undici-read.ts';

const NAME = 'undici Pool';

/** The pool-level baseline. */
export const undiciPool: ClientAdapter = {
  name: NAME,
  level: 'pool',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const pool = new undici.Pool(poolTarget(spec).origin, {
      connections: spec.connectionsPerOrigin,
      pipelining: 1,
      ...undiciConnect(spec),
    });
    const headers = gzipHeaders(spec.gzip);
    const { method, path, body } = spec;
    return {
      async request(): Promise<number> {
        return undiciBodyLength(NAME, await pool.request({ method, path, headers, body }), spec);
      },
      close: () => pool.close(),
    };
  },
};
