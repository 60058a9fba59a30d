import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ConnectRequest } from '@urlpool/core';
import type { SocksClient, SocksClientOptions } from 'socks';
import { socksFailure, socksTimeout } from './socks-errors.ts';
import type { ResolvedSocksProxy } from './socks-proxy-url.ts';
import { describeSocksFailure, SOCKS_LIBRARY_MESSAGES } from './socks-reply-messages.ts';

/**
 * The `socks` package, imported on the first SOCKS connection rather than with `urlpool`: it
 * costs ~35 ms of CPU to load, more than the rest of urlpool, and most users never use a SOCKS
 * proxy (issue 15). A dynamic import, so bundlers still see and bundle it.
 */
let socksModule: Promise<typeof import('socks')> | undefined;

/** The socks package's own timer would otherwise end a negotiation after 30 s. */
const NO_TIMEOUT = 2 ** 31 - 1;

/**
 * The fields of a SocksClient that reach the socket, the options (with the password) and the
 * buffers. The socks package never clears its negotiation timer (it only unrefs it), and that
 * timer's closure keeps the client alive for the whole timeout: without a connect timeout, 24.8
 * days. Once a negotiation is over these fields are dropped, so the timer keeps only an empty
 * shell and closed sockets can be collected (test/socket-retention.integration.test.ts).
 */
const CLIENT_REFERENCES = [
  'socket',
  'options',
  'receiveBuffer',
  'onDataReceived',
  'onClose',
  'onError',
  'onConnect',
] as const;

function noop(): void {}

/** Stops listening to the client and drops its references on the next turn. */
function releaseClient(client: SocksClient): void {
  client.removeAllListeners();
  // A late close handler or the package's timer may still emit 'error': absorb it.
  client.on('error', noop);
  setImmediate(() => {
    const internals = client as unknown as Record<string, unknown>;
    for (const key of CLIENT_REFERENCES) internals[key] = undefined;
  });
}

/**
 * Runs the SOCKS CONNECT negotiation on `socket` (already connected to the proxy) with the
 * `socks` package, bounded by `timeout` and `request.signal`. Resolves with the same socket,
 * now a tunnel to the target; on any failure destroys it and rejects with `NewConnectionError`
 * naming the SOCKS reply, `ConnectTimeoutError`, or the signal's reason.
 */
export function negotiateSocks(
  proxy: ResolvedSocksProxy,
  request: ConnectRequest,
  destination: string,
  socket: Socket,
  timeout: number | undefined,
): Promise<Duplex> {
  socksModule ??= import('socks');
  return socksModule.then(
    ({ SocksClient }) => negotiate(SocksClient, proxy, request, destination, socket, timeout),
    (error: unknown) => {
      socksModule = undefined;
      socket.destroy();
      throw error;
    },
  );
}

function negotiate(
  Client: typeof SocksClient,
  proxy: ResolvedSocksProxy,
  request: ConnectRequest,
  destination: string,
  socket: Socket,
  timeout: number | undefined,
): Promise<Duplex> {
  const offeredAuth = proxy.username !== undefined || proxy.password !== undefined;
  const options: SocksClientOptions = {
    command: 'connect',
    destination: { host: destination, port: request.port },
    proxy: {
      host: proxy.host,
      port: proxy.port,
      type: proxy.version,
      ...(proxy.username === undefined ? {} : { userId: proxy.username }),
      ...(proxy.password === undefined ? {} : { password: proxy.password }),
    },
    existing_socket: socket,
    // Our own timer below decides; theirs must never fire first.
    timeout: timeout === undefined ? NO_TIMEOUT : Math.min(NO_TIMEOUT, Math.ceil(timeout) + 1000),
  };
  return new Promise<Duplex>((resolve, reject) => {
    const { signal } = request;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    let client: SocksClient;
    const settle = (): void => {
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    // Registered after the package's own 'close' listener, so this one runs after it: after a
    // failure the client is released only once its close handler has run (it uses the socket).
    let socketClosed = false;
    let releaseOnClose = false;
    const onSocketClose = (): void => {
      socketClosed = true;
      if (releaseOnClose) releaseClient(client);
    };
    const fail = (error: unknown): void => {
      if (done) return;
      settle();
      socket.destroy();
      if (socketClosed) releaseClient(client);
      else releaseOnClose = true;
      reject(error);
    };
    const onAbort = (): void => fail(signal!.reason);
    if (signal?.aborted) {
      // Aborted between the TCP connect and now: the abort event has already been dispatched.
      socket.destroy();
      reject(signal.reason);
      return;
    }
    try {
      // What SocksClient.createConnection does, keeping the client to release it afterwards.
      client = new Client(options);
    } catch (error) {
      socket.destroy();
      reject(socksFailure(proxy, request, (error as Error).message));
      return;
    }
    client.once('established', () => {
      if (done) return;
      settle();
      socket.off('close', onSocketClose);
      // After the package's setImmediate that resumes the socket and re-emits early bytes (it
      // reads `receiveBuffer`): immediates run in order.
      releaseClient(client);
      resolve(socket);
    });
    client.once('error', (error: Error) => {
      if (error.message === SOCKS_LIBRARY_MESSAGES.ProxyConnectionTimedOut) {
        fail(socksTimeout(proxy, request));
        return;
      }
      // Not the socks error itself as cause: its `options` hold the proxy password.
      const cause = new Error(error.message);
      cause.name = 'SocksClientError';
      fail(
        socksFailure(
          proxy,
          request,
          describeSocksFailure(error.message, proxy.version, offeredAuth),
          cause,
        ),
      );
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined)
      timer = setTimeout(() => fail(socksTimeout(proxy, request)), timeout);
    client.connect(socket);
    socket.once('close', onSocketClose);
  });
}
