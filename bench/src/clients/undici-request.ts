/**
 * undici.request with full URL strings through an Agent (one Pool per origin), `connections` =
 * the scenario's per-origin limit, no pipelining: the peer of urlpool's PoolManager. Through a
 * CONNECT proxy it is a ProxyAgent (one tunnel per connection), the peer of urlpool's ProxyManager.
 */

import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { undici } from '../undici.ts';
import { gzipHeaders } from './check.ts';
import { undiciBodyLength, undiciConnect } from './undici-read.ts';

const NAME = 'undici.request';

/** The manager-level baseline. */
export const undiciRequest: ClientAdapter = {
  name: NAME,
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    // Agent has no LRU of origins (maxOrigins throws instead of evicting), so in the
    // many-origins scenarios it keeps one idle connection per origin until keepAliveTimeout.
    const agent =
      spec.httpProxy === undefined
        ? new undici.Agent({
            connections: spec.connectionsPerOrigin,
            pipelining: 1,
            ...undiciConnect(spec),
          })
        : new undici.ProxyAgent({
            uri: spec.httpProxy,
            connections: spec.connectionsPerOrigin,
            pipelining: 1,
            ...(spec.tls === null ? {} : { requestTls: { ca: spec.tls.ca } }),
          });
    const headers = gzipHeaders(spec.gzip);
    const { method, path, body } = spec;
    return {
      async request(target: Target): Promise<number> {
        const res = await undici.request(target.origin + path, {
          dispatcher: agent,
          method,
          headers,
          body,
        });
        return undiciBodyLength(NAME, res, spec);
      },
      close: () => agent.close(),
    };
  },
};
