import type { Duplex } from 'node:stream';
import {
  type Connection,
  type ConnectionFactory,
  type ConnectionRequest,
  type ConnectionResponse,
  ContentLengthMismatchError,
  formatHost,
  HTTPHeaderDict,
  type PreparedHeaders,
  ProtocolError,
  ReadTimeoutError,
  SSLError,
} from '@urlpool/core';
import { type BodyFlowControl, BodyReader } from './body-reader.ts';
import type { ParsedHead } from './parse-head.ts';
import { ReadClock } from './read-clock.ts';
import { renderHeaderLines, renderRequestHead } from './request-head.ts';
import { DEFAULT_RESPONSE_LIMITS, type ResponseLimits } from './response-limits.ts';
import { type ParserSink, ResponseParser } from './response-parser.ts';
import { writeRequest } from './write-request.ts';

/** Options for one {@link HTTPConnection} (and {@link createHTTPConnectionFactory}). */
export interface HTTPConnectionOptions {
  /** Response head limits. @default DEFAULT_RESPONSE_LIMITS */
  readonly limits?: ResponseLimits | undefined;
  /**
   * Headers added to every request on the connection, after the request's own (a forwarding
   * proxy's `Proxy-Authorization`, say). Rendered once per connection.
   */
  readonly headers?: PreparedHeaders | undefined;
}

/** A parsed response head with its streaming body. */
export interface ResponseHead extends ConnectionResponse {
  readonly version: 10 | 11;
  readonly body: BodyReader;
}

/**
 * One HTTP/1.1 connection on a connected socket: renders each structured request as one head
 * string, writes it with its body, parses the response incrementally and tells its pool whether
 * it can be reused. One request at a time (no pipelining). The pool owns connections; a
 * response holds one until it is released.
 *
 * @example
 * ```ts
 * const { socket } = await connectTcp({ host: '127.0.0.1', port: 8080, timeout: 1000,
 *   signal: undefined, sourceAddress: undefined, socketOptions: { noDelay: true, keepAlive: false } });
 * const connection = new HTTPConnection(socket, { host: '127.0.0.1', port: 8080 });
 * ```
 */
export class HTTPConnection implements Connection, ParserSink, BodyFlowControl {
  /** Always 'http/1.1'. */
  readonly protocol = 'http/1.1';
  /** One request at a time. */
  readonly capacity = 1;
  readonly host: string;
  readonly port: number;
  private readonly parser: ResponseParser;
  // A JS private field: these lines may carry a proxy's Proxy-Authorization, and util.inspect()
  // of a pool, a manager or an error that references them must not show it.
  readonly #extraLines: string;
  /** The connection's own headers carry a Host (it replaces the request's default Host). */
  readonly #extraHasHost: boolean;
  private socket: Duplex | null = null;
  private active = false;
  private keepAlive = true;
  private dropped = false;
  private writing = false;
  private headResolve: ((head: ResponseHead) => void) | null = null;
  private headReject: ((error: Error) => void) | null = null;
  private reader: BodyReader | null = null;
  private request: ConnectionRequest | null = null;
  private readonly clock: ReadClock = new ReadClock(this);
  private receivedBytes = false;
  /** The socket was unref'd because no request uses it (see {@link HTTPConnection.idle}). */
  private unrefd = false;
  /** Requests sent on this connection. */
  requestCount = 0;

  constructor(
    socket: Duplex,
    origin: { readonly host: string; readonly port: number },
    options: HTTPConnectionOptions = {},
  ) {
    this.host = origin.host;
    this.port = origin.port;
    this.parser = new ResponseParser(options.limits ?? DEFAULT_RESPONSE_LIMITS);
    this.#extraLines = options.headers === undefined ? '' : renderHeaderLines(options.headers);
    this.#extraHasHost = options.headers?.hasHost ?? false;
    this.attach(socket);
  }

  /** True while a socket is attached and not known to be closed. */
  get isConnected(): boolean {
    return this.socket !== null && !this.dropped;
  }

  /**
   * True when the peer closed the idle connection or sent unexpected bytes (urllib3's
   * `is_connection_dropped`): the pool replaces it instead of reusing it.
   */
  get isDropped(): boolean {
    const socket = this.socket;
    return this.dropped || socket === null || socket.destroyed || !socket.writable;
  }

  /** True when the last response was completely read and the connection may be kept alive. */
  get isReusable(): boolean {
    return (
      !this.active &&
      this.keepAlive &&
      !this.dropped &&
      this.socket !== null &&
      !this.socket.destroyed
    );
  }

  /** Bytes read from the socket over the connection's life (for diagnostics and tests). */
  get socketBytesRead(): number {
    return (this.socket as { bytesRead?: number } | null)?.bytesRead ?? 0;
  }

  /** True once some byte of the current response arrived (decides whether a retry is safe). */
  get responseStarted(): boolean {
    return this.receivedBytes;
  }

  private attach(socket: Duplex): void {
    this.socket = socket;
    this.dropped = false;
    this.keepAlive = true;
    this.unrefd = false;
    (socket as OwnedSocket)[kConnection] = this;
    socket.on('data', onSocketData);
    socket.on('end', onSocketEnd);
    socket.on('close', onSocketClose);
    socket.on('error', onSocketError);
    socket.on('drain', onSocketDrain);
  }

  /**
   * Sends a request and resolves with the response head once it is parsed. The body is read
   * through the returned head's `body`. Errors are typed (ProtocolError, ReadTimeoutError...),
   * including `InvalidHeader`/`LocationParseError` for a head that may not reach the wire.
   */
  send(request: ConnectionRequest): Promise<ResponseHead> {
    const socket = this.socket;
    if (socket === null || this.dropped) {
      return Promise.reject(new ProtocolError('Connection is not open; connect() it first'));
    }
    if (this.active) {
      return Promise.reject(new ProtocolError('Connection is busy with another request'));
    }
    this.active = true;
    if (this.unrefd) this.inUse(socket);
    this.request = request;
    this.reader = null;
    this.receivedBytes = false;
    this.requestCount++;
    this.parser.start(request.method, this);
    const promise = new Promise<ResponseHead>((resolve, reject) => {
      this.headResolve = resolve;
      this.headReject = reject;
    });
    let writing: Promise<void> | null;
    try {
      writing = writeRequest(
        socket,
        renderRequestHead(request, this.#extraLines, this.#extraHasHost),
        request.body,
      );
    } catch (error) {
      this.fail(error as Error);
      return promise;
    }
    if (writing !== null) {
      // A streamed body: the clock runs, but only stalls of the socket count (onReadTimeout).
      this.writing = true;
      // Streamed bodies only: two closures here are cheaper than two bound fields per connection.
      writing.then(
        () => this.onWriteDone(),
        (error: Error) => this.onWriteError(error),
      );
      this.clock.arm(request.readTimeout);
    } else if (socket.writableNeedDrain) {
      // A bytes body larger than the socket buffers: Node reports no progress until it is all
      // flushed, so the clock starts then (a slow upload must not look like a slow server).
      this.writing = true;
      socket.once('drain', onSocketWriteDone);
    } else {
      this.clock.arm(request.readTimeout);
    }
    return promise;
  }

  /** Closes the socket now. Idempotent. */
  close(): void {
    this.dropped = true;
    this.clock.disarm();
    this.clock.dispose();
    const socket = this.socket;
    if (socket !== null && !socket.destroyed) socket.destroy();
    if (this.active)
      this.fail(new ProtocolError('Connection was closed while a request was in progress'));
  }

  /** Fails the request in progress with `error` and closes the connection. */
  abort(error: Error): void {
    if (this.active) this.fail(error);
    else this.close();
  }

  // ParserSink ------------------------------------------------------------------------------

  onHead(head: ParsedHead, hasBody: boolean): void {
    if (head.close || (hasBody && head.unsafeFraming)) this.keepAlive = false;
    // A bodiless answer (HEAD, 204, 304) has 0 bytes left whatever its Content-Length says,
    // as urllib3's length_remaining (the header describes the resource, not this message).
    const reader = new BodyReader(this, head.chunked, hasBody ? head.contentLength : 0, hasBody);
    this.reader = reader;
    const resolve = this.headResolve;
    this.headResolve = null;
    this.headReject = null;
    resolve?.({
      status: head.status,
      reason: head.reason,
      version: head.version,
      headers: HTTPHeaderDict.fromRaw(head.rawHeaders, head.lowerNames),
      body: reader,
    });
  }

  onBody(chunk: Buffer): void {
    this.reader!.push(chunk);
  }

  onComplete(): void {
    this.clock.disarm();
    if (this.writing) this.keepAlive = false; // the server answered before taking the whole body
    this.active = false;
    this.request = null;
    this.reader?.finish();
    if (!this.keepAlive) this.closeSocketOnly();
    else this.idle();
  }

  // BodyFlowControl -------------------------------------------------------------------------

  pauseReading(): void {
    this.socket?.pause();
  }

  resumeReading(): void {
    this.socket?.resume();
  }

  waitingForBytes(): void {
    if (this.active && this.request !== null) this.clock.arm(this.request.readTimeout);
  }

  abandon(reader: BodyReader, _error: Error): void {
    // A stale response (its connection already serves another request) must not close it.
    if (reader !== this.reader) return;
    // The consumer gave up on the body: the bytes still in flight make the socket unusable.
    this.keepAlive = false;
    this.active = false;
    this.request = null;
    this.closeSocketOnly();
  }

  // Socket events (module-level listeners find the connection on the socket: no closures) ----

  /** @internal */
  onData(data: Buffer): void {
    if (!this.active) {
      // Bytes on an idle connection (or after a complete response): the stream is out of sync.
      this.dropped = true;
      this.closeSocketOnly();
      return;
    }
    this.receivedBytes = true;
    this.clock.refresh();
    let consumed: number;
    try {
      consumed = this.parser.execute(data);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (consumed < data.length) {
      // Extra bytes after a complete response: never reuse this connection.
      this.keepAlive = false;
      this.dropped = true;
      this.closeSocketOnly();
    } else if (this.clock.armed && this.reader !== null && !this.parser.awaitingHead) {
      // Body bytes arrived for a reader that is not waiting: stop the clock until it waits again.
      this.clock.disarm();
    }
  }

  /** @internal */
  onEnd(): void {
    this.dropped = true;
    if (!this.active) return;
    try {
      this.parser.finish(this.request?.enforceContentLength ?? true);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (this.active)
      this.fail(new ProtocolError('Connection closed before the response completed'));
  }

  /** @internal */
  onClose(): void {
    this.dropped = true;
    if (this.active) this.onEnd();
  }

  /** @internal */
  onError(error: Error): void {
    this.dropped = true;
    if (!this.active) return;
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_SSL_')) {
      // A TLS alert after the handshake (TLS 1.3 reports a refused client certificate on the
      // first read): urllib3 raises SSLError here too.
      this.fail(
        new SSLError(`TLS error from ${formatHost(this.host)}:${this.port}: ${error.message}`, {
          cause: error,
        }),
      );
      return;
    }
    const phase = this.reader === null ? 'aborted' : 'broken';
    this.fail(new ProtocolError(`Connection ${phase}: ${error.message}`, { cause: error }));
  }

  /** @internal */
  onWriteDone(): void {
    if (!this.writing) return;
    this.writing = false;
    // The wait for the response starts when the last request byte was handed to the socket.
    const request = this.request;
    if (this.active && request !== null && this.reader === null) {
      this.clock.arm(request.readTimeout);
    }
  }

  /** The socket took buffered request bytes: the upload makes progress, restart the clock. */
  /** @internal */
  onDrain(): void {
    if (this.writing) this.clock.refresh();
  }

  private onWriteError(error: Error): void {
    this.writing = false;
    this.keepAlive = false;
    // A write error after the response arrived is not the caller's problem, but a body that
    // broke its own Content-Length is: the response (or its body) fails with it.
    if (this.active && (this.reader === null || error instanceof ContentLengthMismatchError)) {
      this.fail(error);
    }
  }

  /** @internal */
  onReadTimeout(): void {
    if (!this.active) return;
    if (this.writing && this.reader === null && !this.socket?.writableNeedDrain) {
      // Still sending a streamed body and the socket takes bytes: we wait for the caller's
      // body source, not for the server. Only a socket that accepts nothing for a whole
      // timeout (no 'drain') is a timeout while sending.
      this.clock.arm(this.request?.readTimeout);
      return;
    }
    this.clock.disarm();
    const request = this.request!;
    this.fail(
      new ReadTimeoutError(
        null,
        request.path,
        // A total-derived timeout is fractional: whole milliseconds read better.
        `Read timed out. (read timeout=${Math.round(request.readTimeout ?? 0)}ms)`,
      ),
    );
  }

  // Internals -------------------------------------------------------------------------------

  /**
   * No request uses the connection any more: unref the socket, so a keep-alive connection
   * waiting in a pool never keeps the process alive (a script that never closes its pools
   * still exits when its work is done, as with undici and node:http). `send()` refs it again.
   * Sockets without `unref` (a custom in-memory duplex) are left as they are.
   */
  private idle(): void {
    const socket = this.socket as Partial<Refable> | null;
    if (socket === null || typeof socket.unref !== 'function') return;
    socket.unref();
    this.unrefd = true;
  }

  private inUse(socket: Duplex): void {
    this.unrefd = false;
    (socket as Partial<Refable>).ref?.();
  }

  private fail(error: Error): void {
    this.clock.disarm();
    this.active = false;
    this.keepAlive = false;
    this.request = null;
    const reject = this.headReject;
    this.headResolve = null;
    this.headReject = null;
    if (reject !== null) reject(error);
    else this.reader?.fail(error);
    this.closeSocketOnly();
  }

  private closeSocketOnly(): void {
    this.dropped = true;
    const socket = this.socket;
    if (socket !== null && !socket.destroyed) socket.destroy();
  }
}

// Socket listeners shared by every connection. Node calls them with `this` = the socket, which
// carries its connection under a symbol: no per-connection closures (connection churn over
// many origins made them, and their allocation, a visible part of each request's cost).
const kConnection: unique symbol = Symbol('urlpool.connection');

type OwnedSocket = Duplex & { [kConnection]?: HTTPConnection };

/** What net.Socket and tls.TLSSocket add to a Duplex to (not) keep the event loop alive. */
interface Refable {
  ref(): unknown;
  unref(): unknown;
}

function onSocketData(this: OwnedSocket, data: Buffer): void {
  this[kConnection]?.onData(data);
}

function onSocketEnd(this: OwnedSocket): void {
  this[kConnection]?.onEnd();
}

function onSocketClose(this: OwnedSocket): void {
  this[kConnection]?.onClose();
}

function onSocketError(this: OwnedSocket, error: Error): void {
  this[kConnection]?.onError(error);
}

function onSocketDrain(this: OwnedSocket): void {
  this[kConnection]?.onDrain();
}

function onSocketWriteDone(this: OwnedSocket): void {
  this[kConnection]?.onWriteDone();
}

/**
 * The default connection factory of pools: an HTTP/1.1 {@link HTTPConnection} on the socket
 * the connector yielded, with `options` for every connection it makes.
 *
 * @example
 * ```ts
 * const pool = new HTTPConnectionPool('127.0.0.1', {
 *   connectionFactory: createHTTPConnectionFactory({ limits: { ...DEFAULT_RESPONSE_LIMITS, maxHeaders: 50 } }),
 * });
 * ```
 */
export function createHTTPConnectionFactory(
  options: HTTPConnectionOptions = {},
): ConnectionFactory {
  return (context) => new HTTPConnection(context.socket, context, options);
}
