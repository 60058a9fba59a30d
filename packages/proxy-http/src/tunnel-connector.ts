import type { Duplex } from 'node:stream';
import {
  type ConnectedSocket,
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  type ConnectTimings,
  formatHost,
  type PreparedHeaders,
  ProxyError,
} from '@urlpool/core';
import { renderConnectHead } from './connect-head.ts';
import { unableToConnect } from './proxy-errors.ts';
import type { ResolvedProxyUrl } from './proxy-url.ts';
import { readConnectReply } from './read-connect-reply.ts';

/** What {@link createTunnelConnector} needs: the proxy, how to reach it, what to send it. */
export interface TunnelConnectorOptions {
  /** The proxy (its credentials are already in `proxyHeaders`). */
  readonly proxy: ResolvedProxyUrl;
  /** Yields a connected socket to the proxy: TCP, or TLS for an `https://` proxy. */
  readonly toProxy: Connector;
  /** Headers for the proxy (validated once), `Proxy-Authorization` included. */
  readonly proxyHeaders: PreparedHeaders;
}

/**
 * A connector that opens a `CONNECT` tunnel (RFC 9110 §9.3.6) through an HTTP or HTTPS proxy
 * and yields the tunnelled socket: bytes written to it reach `request.host:request.port`. An
 * HTTPS pool wraps it with TLS, so TLS to the origin (over TLS to the proxy, for an `https://`
 * proxy) needs nothing more.
 *
 * - `request.timeout` bounds the whole setup: connecting to the proxy (TCP and its TLS), the
 *   CONNECT exchange, and whatever the caller's own wrapper does after (the origin's TLS).
 * - Every failure before the tunnel is up rejects with `ProxyError`, the underlying error as
 *   `cause` (so `isConnectionError` still sees a `ConnectTimeoutError` or `NewConnectionError`
 *   and Retry counts it as a connect error); a non-2xx answer rejects with
 *   `ProxyError('Tunnel connection failed: 407 Proxy Authentication Required')`. An abort
 *   rejects with the signal's reason. The socket is destroyed on every failure.
 * - Messages name the proxy as `scheme://host:port`, never its credentials.
 *
 * @example
 * ```ts
 * const proxy = resolveProxyUrl('http://127.0.0.1:3128');
 * const connector = createTunnelConnector({ proxy, toProxy: connectTcp, proxyHeaders: NO_HEADERS });
 * const pool = new HTTPSConnectionPool('example.test', { connector });
 * ```
 */
export function createTunnelConnector(options: TunnelConnectorOptions): Connector {
  const { proxy, toProxy, proxyHeaders } = options;
  return async function connectTunnel(request: ConnectRequest): Promise<ConnectedSocket> {
    const { timeout, signal } = request;
    const started = performance.now();
    // Built before connecting: a target that cannot be sent throws without touching the network.
    const head = renderConnectHead(request.host, request.port, proxyHeaders);
    let socket: Duplex;
    let timings: ConnectTimings | undefined;
    try {
      // ALPN with an https:// proxy is between us and the proxy: not the tunnel's protocol.
      const connected = await toProxy({ ...request, host: proxy.host, port: proxy.port });
      socket = connected.socket;
      timings = connected.timings;
    } catch (error) {
      if (signal?.aborted && error === signal.reason) throw error;
      throw unableToConnect(proxy, error);
    }
    const remaining = timeout === undefined ? undefined : timeout - (performance.now() - started);
    return new Promise<ConnectedSocket>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const finish = (error: unknown): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error === null) {
          // The tunnel is a byte stream: whatever runs over it (TLS to the origin) negotiates.
          // Timings exist only while someone traces connections: then `connect` is everything
          // after DNS up to the open tunnel (proxy TCP, proxy TLS and the CONNECT exchange).
          if (timings === undefined) {
            resolve({ socket, alpnProtocol: null });
          } else {
            const dns = timings.dns ?? 0;
            resolve({
              socket,
              alpnProtocol: null,
              timings: { dns, connect: performance.now() - started - dns },
            });
          }
          return;
        }
        socket.destroy();
        reject(error);
      };
      const onAbort = (): void => finish(signal!.reason);
      if (signal?.aborted) {
        finish(signal.reason);
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      if (remaining !== undefined) {
        const fire = (): void =>
          finish(
            unableToConnect(
              proxy,
              new ConnectTimeoutError(
                `Connection to ${formatHost(request.host)}:${request.port} through proxy ` +
                  `${proxy.redacted} timed out waiting for the answer to CONNECT. ` +
                  `(connect timeout=${timeout}ms)`,
              ),
            ),
          );
        if (remaining <= 0) {
          fire();
          return;
        }
        timer = setTimeout(fire, remaining);
      }
      readConnectReply(socket).then(
        (reply) => {
          if (reply.status >= 200 && reply.status < 300) {
            finish(null);
            return;
          }
          const reason = reply.reason === '' ? '' : ` ${reply.reason}`;
          finish(new ProxyError(`Tunnel connection failed: ${reply.status}${reason}`));
        },
        (error: unknown) => finish(unableToConnect(proxy, error)),
      );
      socket.write(head, 'latin1');
    });
  };
}
