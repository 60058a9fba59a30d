import type { HTTPHeaderDict } from '../headers/http-header-dict.ts';
import type { PreparedHeaders } from '../headers/prepared-headers.ts';
import type { PreparedBody } from '../prepared-body.ts';
import type { RawBodyReader } from '../response-body.ts';
import type { ConnectedSocket } from './connector.ts';

/**
 * How the request target is written (RFC 9112 §3.2): `origin` (`/path?query`, to an origin
 * server) or `absolute` (`http://host/path?query`, to a forwarding proxy).
 */
export type RequestTargetForm = 'origin' | 'absolute';

/**
 * One request as a pool hands it to a connection: structured, not rendered. The connection
 * writes it in its own wire format (an HTTP/1.1 head, HTTP/2 frames, nothing at all for an
 * in-memory connection).
 */
export interface ConnectionRequest {
  /** Upper-case method token (validated). */
  readonly method: string;
  /** The origin's scheme: `'http'` or `'https'`. */
  readonly scheme: string;
  /** The origin's authority as the Host header (or `:authority`) names it: `host[:port]`. */
  readonly authority: string;
  /** The origin-form target, `/path?query` (validated, no fragment). */
  readonly path: string;
  /** Which request-target form to write. */
  readonly targetForm: RequestTargetForm;
  /** Validated request headers; the connection adds its protocol's defaults. */
  readonly headers: PreparedHeaders;
  /** The body, normalised once. */
  readonly body: PreparedBody;
  /** Force chunked transfer coding (HTTP/1.1). */
  readonly chunked: boolean;
  /** Read timeout in ms (each wait for bytes); undefined = none. */
  readonly readTimeout: number | undefined;
  /** A Content-Length body that ends short rejects with IncompleteRead. */
  readonly enforceContentLength: boolean;
}

/** A response head with its raw (undecoded, de-framed) body. */
export interface ConnectionResponse {
  readonly status: number;
  readonly reason: string;
  /** 10 for HTTP/1.0, 11 for HTTP/1.1, 20 for HTTP/2 (urllib3's `version`). */
  readonly version: number;
  readonly headers: HTTPHeaderDict;
  readonly body: RawBodyReader;
}

/**
 * The protocol-neutral connection a pool holds: it sends structured requests and yields
 * response heads with raw bodies. HTTP/1.1 (`HTTPConnection`), HTTP/2 or an in-memory mock
 * all fit; the pool knows nothing of wire formats.
 *
 * Rules a pool relies on:
 * - `send` rejects with urlpool errors (`ProtocolError`, `ReadTimeoutError`, `SSLError`…) or
 *   the error given to `abort`; it never throws synchronously.
 * - A connection serves at most `capacity` requests at once (1 for HTTP/1.1).
 * - `isReusable` is true once the last response was completely read and the connection may
 *   take another request; `isDropped` is true once the peer closed it.
 */
export interface Connection {
  /** The protocol spoken, as an ALPN id: `'http/1.1'`, `'h2'`, … */
  readonly protocol: string;
  /** Requests the connection can carry at once (1 for HTTP/1.1, the stream limit for HTTP/2). */
  readonly capacity: number;
  /** True when the connection may take another request (last response fully read). */
  readonly isReusable: boolean;
  /** True when the peer closed the idle connection (the pool replaces it). */
  readonly isDropped: boolean;
  /**
   * True once some byte of the current response arrived: a request that fails before that
   * on a reused connection may be retried on a fresh one (a stale keep-alive connection).
   */
  readonly responseStarted: boolean;
  /** Sends one request; resolves once the response head was received. */
  send(request: ConnectionRequest): Promise<ConnectionResponse>;
  /** Fails the request in progress with `error` and closes the connection. */
  abort(error: Error): void;
  /** Closes the connection now. Idempotent. */
  close(): void;
}

/** What a {@link ConnectionFactory} is given for one new connection. */
export interface ConnectionContext extends ConnectedSocket {
  /** The origin's host (IPv6 without brackets), as the pool names it. */
  readonly host: string;
  /** The origin's port. */
  readonly port: number;
}

/**
 * Makes the connection that speaks HTTP on a socket a connector just connected. The pool
 * option `connectionFactory`; the default makes an HTTP/1.1 `HTTPConnection`. A factory may
 * pick the protocol from `alpnProtocol`, or ignore the socket altogether (an in-memory
 * connection whose connector yields a dummy duplex).
 */
export type ConnectionFactory = (context: ConnectionContext) => Connection;
