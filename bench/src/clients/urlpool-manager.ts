/**
 * urlpool at manager level: a PoolManager called with full URL strings (`numPools` = the
 * scenario's origin limit, else 10; `maxsize` = per-origin limit, `block: true`). Its peer is
 * undici.request with an Agent, which also takes URL strings and routes them to per-origin pools.
 * In the SOCKS scenario it is a SOCKSProxyManager, against node:http + socks-proxy-agent; in the
 * CONNECT tunnel scenario a ProxyManager, against undici.request with a ProxyAgent.
 */
import { PoolManager, ProxyManager, SOCKSProxyManager } from 'urlpool';
import type { ClientAdapter, ClientInstance, RequestSpec, Target } from '../types.ts';
import { urlpoolBodyLength, urlpoolRequestOptions } from './urlpool-read.ts';

const NAME = 'urlpool PoolManager';

/** The manager-level urlpool row. */
export const urlpoolManager: ClientAdapter = {
  name: NAME,
  level: 'manager',
  async create(spec: RequestSpec): Promise<ClientInstance> {
    const common = {
      maxsize: spec.connectionsPerOrigin,
      block: true,
      ...(spec.tls === null ? {} : { caCerts: spec.tls.caFile }),
    };
    // Through a SOCKS proxy: SOCKSProxyManager, a PoolManager whose pools connect via the proxy.
    // Through a CONNECT proxy: ProxyManager, which tunnels https targets.
    const manager =
      spec.socksProxy !== undefined
        ? new SOCKSProxyManager(spec.socksProxy, common)
        : spec.httpProxy !== undefined
          ? new ProxyManager(spec.httpProxy, common)
          : new PoolManager({ numPools: spec.maxOrigins ?? 10, ...common });
    const options = urlpoolRequestOptions(spec);
    const { method, path, stream } = spec;
    return {
      async request(target: Target): Promise<number> {
        const res = await manager.request(method, target.origin + path, options);
        return urlpoolBodyLength(NAME, res, stream);
      },
      async close(): Promise<void> {
        manager.clear();
      },
    };
  },
};
