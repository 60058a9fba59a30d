/**
 * urlpool at pool level: one HTTPConnectionPool / HTTPSConnectionPool (`maxsize` = concurrency,
 * `block: true`), called with a path. Its peer is undici's Pool. Single-origin scenarios only.
 */
import { HTTPConnectionPool, HTTPSConnectionPool } from 'urlpool';
import type { ClientAdapter, ClientInstance, RequestSpec } from '../types.ts';
import { poolTarget } from './check.ts';
import { urlpoolBodyLength, urlpoolRequestOptions } from './urlpool-read.ts';

const NAME = 'urlpool pool';

/** The pool-level urlpool row. */
export const urlpoolPool: ClientAdapter = {
  name: NAME,
  level: 'pool',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const { host, port } = poolTarget(spec);
    const common = { port, maxsize: spec.connectionsPerOrigin, block: true };
    const pool =
      spec.tls === null
        ? new HTTPConnectionPool(host, common)
        : new HTTPSConnectionPool(host, { ...common, caCerts: spec.tls.caFile });
    const options = urlpoolRequestOptions(spec);
    const { method, path, stream } = spec;
    return {
      async request(): Promise<number> {
        return urlpoolBodyLength(NAME, await pool.request(method, path, options), stream);
      },
      async close(): Promise<void> {
        pool.close();
      },
    };
  },
};
