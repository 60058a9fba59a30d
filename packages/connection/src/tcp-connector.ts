import { type LookupFunction, connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';

const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/** Options of {@link createTcpConnector}. */
export interface TcpConnectorOptions {
  /**
   * Resolves host names instead of `dns.lookup` (Node's `net.connect` `lookup` option): a
   * custom resolver, a cache, or a stub in tests. Errors it reports with a DNS code
   * (`ENOTFOUND`, `EAI_AGAIN`...) become `NameResolutionError`.
   * @default dns.lookup
   */
  readonly lookup?: LookupFunction | undefined;
}

/**
 * The plain TCP connector: `net.connect` with the request's socket options, connect timeout
 * (DNS + TCP) and abort signal. Failures become NameResolutionError, NewConnectionError or
 * ConnectTimeoutError; the socket is destroyed on every failure.
 *
 * @example
 * ```ts
 * const pool = new HTTPConnectionPool('localhost', { port: 8080, connector: createTcpConnector() });
 * ```
 */
export function createTcpConnector(options: TcpConnectorOptions = {}): Connector {
  const lookup = options.lookup;
  if (lookup === undefined) return connectTcp;
  if (typeof lookup !== 'function') {
    throw new TypeError('createTcpConnector: lookup must be a function like dns.lookup');
  }
  return (request) => openTcp(request, lookup);
}

/** Connects one TCP socket; see {@link createTcpConnector}. */
export function connectTcp(request: ConnectRequest): Promise<Duplex> {
  return openTcp(request, undefined);
}

function openTcp(request: ConnectRequest, lookup: LookupFunction | undefined): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    const { host, port, timeout, signal, sourceAddress, socketOptions } = request;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const keepAlive = socketOptions.keepAlive;
    const socket: Socket = netConnect({
      host,
      port,
      noDelay: socketOptions.noDelay,
      keepAlive: keepAlive !== false,
      ...(lookup === undefined ? {} : { lookup }),
      ...(typeof keepAlive === 'number' ? { keepAliveInitialDelay: keepAlive } : {}),
      ...(sourceAddress === undefined
        ? {}
        : {
            localAddress: sourceAddress.host,
            ...(sourceAddress.port === undefined ? {} : { localPort: sourceAddress.port }),
          }),
    });
    let timer: NodeJS.Timeout | undefined;
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: NodeJS.ErrnoException): void => {
      if (error.code !== undefined && DNS_ERROR_CODES.has(error.code)) {
        fail(new NameResolutionError(host, null, error));
      } else {
        fail(
          new NewConnectionError(
            null,
            `Failed to establish a new connection to ${formatHost(host)}:${port}: ${error.message}`,
            { cause: error },
          ),
        );
      }
    };
    const onAbort = (): void => fail(signal!.reason);
    socket.once('connect', onConnect);
    socket.on('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined) {
      timer = setTimeout(() => {
        fail(
          new ConnectTimeoutError(
            `Connection to ${formatHost(host)}:${port} timed out. (connect timeout=${timeout}ms)`,
          ),
        );
      }, timeout);
    }
  });
}

/** Brackets IPv6 literals for messages and Host headers. */
export function formatHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
