import { abortError, type Connection, type ReleaseHandle } from '@urlpool/core';

/** Where a lease returns its connection. */
export interface ConnectionHome {
  putConn(connection: Connection): void;
}

/**
 * One checkout of a connection (and its pool slot), from the moment the pool hands it out
 * until the response gives it back. It is the response's ReleaseHandle.
 *
 * - A second release() is ignored, so a stale response can never return a connection that
 *   already serves another request.
 * - With an AbortSignal, the lease listens for the abort for its whole life: while connecting,
 *   sending, waiting for the head and while the body is streamed. Aborting fails whatever is in
 *   progress with `signal.reason` (an `AbortError` unless the caller gave another reason),
 *   closes the socket and frees the pool slot at once, even if nobody reads the response.
 *
 * The lease is its own abort listener (`handleEvent`), so no closure is made per request.
 */
export class Lease implements ReleaseHandle {
  /** The attempt's `Timeout.total` deadline, if any: it ends when the connection is given back. */
  deadline: { clear(): void } | null = null;
  /** The attempt's diagnostics, when traced: told the body's outcome by `release()`. */
  trace: { end(error?: Error): void } | null = null;
  private connection: Connection | null;
  private readonly home: ConnectionHome;
  private readonly signal: AbortSignal | undefined;

  constructor(home: ConnectionHome, connection: Connection, signal?: AbortSignal) {
    this.home = home;
    this.connection = connection;
    this.signal = signal;
    if (signal !== undefined) signal.addEventListener('abort', this);
  }

  /** True until the connection was given back (or discarded). */
  get held(): boolean {
    return this.connection !== null;
  }

  /** The abort listener: fail the request in progress, close the socket, free the slot. */
  handleEvent(): void {
    const connection = this.connection;
    if (connection === null) return;
    const error = abortError(this.signal!);
    connection.abort(error);
    this.release(error);
  }

  /**
   * Gives the connection back: kept for reuse when reusable, else closed. Idempotent. With the
   * `error` the body failed with, the attempt's trace reports it.
   */
  release(error?: Error): void {
    this.releaseConnection();
    // After releaseConnection() (a decoded body at its raw end), this call reports the outcome.
    const trace = this.trace;
    if (trace !== null) {
      this.trace = null;
      trace.end(error);
    }
  }

  /** Gives the connection back without reporting yet (see `ReleaseHandle`). Idempotent. */
  releaseConnection(): void {
    const connection = this.connection;
    if (connection === null) return;
    this.connection = null;
    this.signal?.removeEventListener('abort', this);
    this.deadline?.clear();
    this.home.putConn(connection);
  }

  /** Closes the connection and frees its slot (after a failure). Idempotent. */
  discard(): void {
    const connection = this.connection;
    if (connection === null) return;
    connection.close();
    this.release();
  }
}
