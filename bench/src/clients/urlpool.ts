/**
 * urlpool: an HTTPConnectionPool (`maxsize` = concurrency, `block: true`) for single-origin
 * scenarios, a PoolManager (`numPools: 50, maxsize: 1`) for the many-origins one, and a
 * SOCKSProxyManager (`maxsize` = concurrency, `block: true`) through the SOCKS scenario's proxy.
 * Responses are preloaded (`.data`) except in the streaming scenario, which reads
 * `response.stream(65536)`.
 */
import { HTTPConnectionPool, PoolManager, type RequestOptions, SOCKSProxyManager } from 'urlpool';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { expect200, gzipHeaders } from './check.ts';

/** The client this bench exists for. */
export const urlpoolClient: ClientAdapter = {
  name: 'urlpool',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const socks = spec.socksProxy !== undefined;
    const many = spec.maxOrigins !== null || socks;
    const requester = socks
      ? new SOCKSProxyManager(spec.socksProxy ?? '', {
          maxsize: spec.connectionsPerOrigin,
          block: true,
        })
      : many
        ? new PoolManager({ numPools: spec.maxOrigins ?? 10, maxsize: spec.connectionsPerOrigin })
        : new HTTPConnectionPool(spec.targets[0].host, {
            port: spec.targets[0].port,
            maxsize: spec.connectionsPerOrigin,
            block: true,
          });
    const { method, path, stream } = spec;
    const options: RequestOptions = {};
    if (spec.gzip) options.headers = gzipHeaders(true);
    if (spec.body !== null) options.body = spec.body;
    if (stream) options.preloadContent = false;
    return {
      async request(target: Target): Promise<number> {
        const res = await requester.request(method, many ? target.origin + path : path, options);
        expect200('urlpool', res.status);
        if (!stream) return res.data.length;
        let n = 0;
        for await (const chunk of res.stream(65536)) n += chunk.length;
        res.releaseConn();
        return n;
      },
      async close(): Promise<void> {
        if (requester instanceof PoolManager) requester.clear();
        else requester.close();
      },
    };
  },
};
