import type { Duplex } from 'node:stream';

/** Socket-level options applied by connectors to every new socket. */
export interface SocketOptions {
  /** Disable Nagle's algorithm. @default true */
  readonly noDelay: boolean;
  /** TCP keep-alive: false, true, or the initial delay in milliseconds. @default false */
  readonly keepAlive: boolean | number;
}

/** What a {@link Connector} is asked to connect to. */
export interface ConnectRequest {
  /** Host name or IP literal (IPv6 without brackets). */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** Bound for DNS + TCP + any handshake the connector performs, in ms; undefined = none. */
  readonly timeout: number | undefined;
  /** Aborts the attempt; the connector rejects with the signal's reason. */
  readonly signal: AbortSignal | undefined;
  /** Local address (and optional port) to bind before connecting. */
  readonly sourceAddress: { readonly host: string; readonly port?: number } | undefined;
  /** Socket options to apply. */
  readonly socketOptions: SocketOptions;
}

/** What a {@link Connector} resolves: the connected duplex and the protocol it negotiated. */
export interface ConnectedSocket {
  /** The connected, ready-to-write duplex. */
  readonly socket: Duplex;
  /**
   * The application protocol negotiated by ALPN (`'http/1.1'`, `'h2'`, …), or null when none
   * was negotiated (plain TCP, or a TLS server without ALPN): the connection factory picks the
   * protocol from it.
   */
  readonly alpnProtocol: string | null;
  /**
   * Phase timings the connector measured, in ms. urlpool's connectors measure them only while
   * someone subscribes to `urlpool:connection:connected`; others may leave them out.
   */
  readonly timings?: ConnectTimings | undefined;
}

/** Connect-phase timings, in ms. */
export interface ConnectTimings {
  /** Name resolution. */
  readonly dns?: number | undefined;
  /** TCP connect after name resolution. */
  readonly connect?: number | undefined;
  /** TLS handshake. */
  readonly tls?: number | undefined;
}

/**
 * The seam every transport plugs into: a function that yields a connected, ready-to-write
 * duplex (a TCP socket, a TLS socket, a socket tunnelled through a proxy...) and the ALPN
 * protocol it negotiated. Pools and connections know nothing else about how bytes reach the
 * origin.
 *
 * A connector rejects only with urlpool errors: `NameResolutionError`, `NewConnectionError`,
 * `ConnectTimeoutError`, `SSLError`, `ProxyError`, or the abort reason of `signal`. It must not
 * leave a half-open socket behind when it rejects.
 */
export type Connector = (request: ConnectRequest) => Promise<ConnectedSocket>;
