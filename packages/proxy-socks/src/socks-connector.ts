import { lookup as dnsLookup } from 'node:dns';
import { isIP, isIPv6, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connectTcp } from '@urlpool/connection';
import {
  type ConnectedSocket,
  type Connector,
  type ConnectRequest,
  ConnectTimeoutError,
  NameResolutionError,
  NewConnectionError,
} from '@urlpool/core';
import { socksFailure, socksProxyName, socksTarget, socksTimeout } from './socks-errors.ts';
import { negotiateSocks } from './socks-negotiation.ts';
import type { ResolvedSocksProxy } from './socks-proxy-url.ts';

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
): Promise<ConnectedSocket> {
  const { signal, timeout } = request;
  if (signal?.aborted) throw signal.reason;
  const started = timeout === undefined ? 0 : performance.now();
  const remaining = (): number | undefined => {
    if (timeout === undefined) return undefined;
    const left = timeout - (performance.now() - started);
    if (left <= 0) throw socksTimeout(proxy, request);
    return left;
  };
  let destination = request.host;
  if (proxy.version === 4 && isIPv6(destination)) {
    throw socksFailure(
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
    ({ socket } = await connectTcp({
      host: proxy.host,
      port: proxy.port,
      timeout: remaining(),
      signal,
      sourceAddress: request.sourceAddress,
      socketOptions: request.socketOptions,
    }));
  } catch (error) {
    if (error instanceof NameResolutionError || signal?.aborted) throw error;
    if (error instanceof NewConnectionError) {
      throw new NewConnectionError(
        null,
        `Failed to establish a new connection to ${socksTarget(request)}: cannot reach the ${socksProxyName(proxy)} (${reasonOf(error)})`,
        { cause: error },
      );
    }
    if (error instanceof ConnectTimeoutError) throw socksTimeout(proxy, request);
    throw error;
  }
  let left: number | undefined;
  try {
    left = remaining();
  } catch (error) {
    socket.destroy();
    throw error;
  }
  // A SOCKS tunnel negotiates no application protocol (TLS over it may: the TLS connector).
  return {
    socket: await negotiateSocks(proxy, request, destination, socket as Socket, left),
    alpnProtocol: null,
  };
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
      timer = setTimeout(() => finish(socksTimeout(proxy, request)), timeout);
    }
    // SOCKS4 has IPv4 addresses only; SOCKS5 takes either family.
    lookup(request.host, { family: proxy.version === 4 ? 4 : 0, all: false }, (error, address) => {
      if (error) finish(new NameResolutionError(request.host, null, error));
      else finish(null, address);
    });
  });
}

function reasonOf(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error ? cause.message : error.message;
}
