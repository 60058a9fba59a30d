import type { ConnectedSocket, Connector, ConnectRequest } from '@urlpool/core';
import { unableToConnect } from './proxy-errors.ts';
import type { ResolvedProxyUrl } from './proxy-url.ts';

/**
 * The connector of forwarding pools: whatever origin the pool is for, it connects to the proxy
 * (TCP, or TLS for an `https://` proxy, through `toProxy`); the pool's connections then write
 * absolute-form targets (`targetForm: 'absolute'`) for the proxy to forward. Failures are
 * `ProxyError('Unable to connect to proxy …')` with the underlying error as `cause`; an abort
 * rejects with the signal's reason.
 */
export function createForwardConnector(proxy: ResolvedProxyUrl, toProxy: Connector): Connector {
  return async function connectToProxy(request: ConnectRequest): Promise<ConnectedSocket> {
    try {
      return await toProxy({ ...request, host: proxy.host, port: proxy.port });
    } catch (error) {
      if (request.signal?.aborted && error === request.signal.reason) throw error;
      throw unableToConnect(proxy, error);
    }
  };
}
