import { lookup as dnsLookup } from 'node:dns';
import { isIP, isIPv6, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connectTcp, formatHost } from '@urlpool/connection';
import {
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';
import { SocksClient, type SocksClientOptions } from 'socks';
import type { ResolvedSocksProxy } from './socks-proxy-url.ts';
import { describeSocksFailure, SOCKS_LIBRARY_MESSAGES } from './socks-reply-messages.ts';

/** A `dns.lookup`-shaped resolver for the local DNS of `socks4` and `socks5`. */
export type SocksLookupFunction = (
  hostname: string,
  options: { family: 0 | 4; all: false },
  callback: (error: NodeJS.ErrnoException | null, address: string, family: number) => void,
) => void;

/** Options of {@link createSocksConnector}. */
export interface SocksConnectorOptions {
  /**
   * Resolves target names for `socks4` and `socks5` (local DNS). Errors become
   * `NameResolutionError`. @default dns.lookup
   */
  readonly lookup?: SocksLookupFunction | undefined;
}

/** The socks package's own timer would otherwise end a negotiation after 30 s. */
const NO_TIMEOUT = 2 ** 31 - 1;

/**
 * A connector that reaches every target through one SOCKS proxy: it resolves the target here
 * (socks4, socks5) or leaves that to the proxy (socks4a, socks5h), opens TCP to the proxy with
 * the request's socket options and source address, and negotiates CONNECT with the `socks`
 * package. HTTPS pools run TLS over the socket it yields.
 *
 * - `request.timeout` bounds DNS + TCP to the proxy + negotiation (`ConnectTimeoutError`);
 *   an HTTPS pool's TLS handshake gets what is left.
 * - A refusal or failed negotiation is `NewConnectionError` naming the SOCKS reply
 *   ("connection not allowed by ruleset (SOCKS5 reply 0x02)", "authentication failed: …").
 * - `request.signal` aborts at any stage; every failure destroys the socket.
 * - Messages name the proxy by host and port only, never its credentials.
 *
 * @example
 * ```ts
 * const connector = createSocksConnector(resolveSocksProxy('socks5h://127.0.0.1:1080'));
 * const pool = new HTTPConnectionPool('example.internal', { port: 8080, connector });
 * ```
 */
export function createSocksConnector(
  proxy: ResolvedSocksProxy,
  options: SocksConnectorOptions = {},
): Connector {
  const lookup = options.lookup ?? (dnsLookup as unknown as SocksLookupFunction);
  if (typeof lookup !== 'function') {
    throw new TypeError('createSocksConnector: lookup must be a function like dns.lookup');
  }
  return (request) => connectSocks(proxy, lookup, request);
}

async function connectSocks(
  proxy: ResolvedSocksProxy,
  lookup: SocksLookupFunction,
  request: ConnectRequest,
): Promise<Duplex> {
  const { signal, timeout } = request;
  if (signal?.aborted) throw signal.reason;
  const started = timeout === undefined ? 0 : performance.now();
  const remaining = (): number | undefined => {
    if (timeout === undefined) return undefined;
    const left = timeout - (performance.now() - started);
    if (left <= 0) throw timeoutError(proxy, request);
    return left;
  };
  let destination = request.host;
  if (proxy.version === 4 && isIPv6(destination)) {
    throw failure(
      proxy,
      request,
      'SOCKS4 cannot carry IPv6 addresses; use socks5:// or socks5h://',
    );
  }
  if (!proxy.remoteDns && isIP(destination) === 0) {
    destination = await resolveLocally(proxy, lookup, request, remaining());
  }
  let socket: Duplex;
  try {
    socket = await connectTcp({
      host: proxy.host,
      port: proxy.port,
      timeout: remaining(),
      signal,
      sourceAddress: request.sourceAddress,
      socketOptions: request.socketOptions,
    });
  } catch (error) {
    if (error instanceof NameResolutionError || signal?.aborted) throw error;
    if (error instanceof NewConnectionError) {
      throw new NewConnectionError(
        null,
        `Failed to establish a new connection to ${target(request)}: cannot reach the ${proxyName(proxy)} (${reasonOf(error)})`,
        { cause: error },
      );
    }
    if (error instanceof ConnectTimeoutError) throw timeoutError(proxy, request);
    throw error;
  }
  return negotiate(proxy, request, destination, socket as Socket, remaining());
}

function resolveLocally(
  proxy: ResolvedSocksProxy,
  lookup: SocksLookupFunction,
  request: ConnectRequest,
  timeout: number | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const { signal } = request;
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const finish = (error: unknown, address?: string): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error === null) resolve(address!);
      else reject(error);
    };
    const onAbort = (): void => finish(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined) {
      timer = setTimeout(() => finish(timeoutError(proxy, request)), timeout);
    }
    // SOCKS4 has IPv4 addresses only; SOCKS5 takes either family.
    lookup(request.host, { family: proxy.version === 4 ? 4 : 0, all: false }, (error, address) => {
      if (error) finish(new NameResolutionError(request.host, null, error));
      else finish(null, address);
    });
  });
}

function negotiate(
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
    const fail = (error: unknown): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(error);
    };
    const onAbort = (): void => fail(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined)
      timer = setTimeout(() => fail(timeoutError(proxy, request)), timeout);
    SocksClient.createConnection(options).then(
      () => {
        if (done) {
          socket.destroy();
          return;
        }
        done = true;
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(socket);
      },
      (error: Error) => {
        if (error.message === SOCKS_LIBRARY_MESSAGES.ProxyConnectionTimedOut) {
          fail(timeoutError(proxy, request));
          return;
        }
        // Not the socks error itself as cause: its `options` hold the proxy password.
        const cause = new Error(error.message);
        cause.name = 'SocksClientError';
        fail(
          failure(
            proxy,
            request,
            describeSocksFailure(error.message, proxy.version, offeredAuth),
            cause,
          ),
        );
      },
    );
  });
}

function target(request: ConnectRequest): string {
  return `${formatHost(request.host)}:${request.port}`;
}

function proxyName(proxy: ResolvedSocksProxy): string {
  return `SOCKS${proxy.version} proxy ${formatHost(proxy.host)}:${proxy.port}`;
}

function reasonOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}

function failure(
  proxy: ResolvedSocksProxy,
  request: ConnectRequest,
  reason: string,
  cause?: Error,
): NewConnectionError {
  return new NewConnectionError(
    null,
    `Failed to establish a new connection to ${target(request)} through the ${proxyName(proxy)}: ${reason}`,
    cause === undefined ? undefined : { cause },
  );
}

function timeoutError(proxy: ResolvedSocksProxy, request: ConnectRequest): ConnectTimeoutError {
  return new ConnectTimeoutError(
    `Connection to ${target(request)} through the ${proxyName(proxy)} timed out. (connect timeout=${request.timeout}ms)`,
  );
}
