import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';

const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

/**
 * The plain TCP connector: `net.connect` with the request's socket options, connect timeout
 * (DNS + TCP) and abort signal. Failures become NameResolutionError, NewConnectionError or
 * ConnectTimeoutError; the socket is destroyed on every failure.
 */
export function createTcpConnector(): Connector {
  return connectTcp;
}

/** Connects one TCP socket; see {@link createTcpConnector}. */
export function connectTcp(request: ConnectRequest): Promise<Duplex> {
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
