import { brandErrorClass, defineHidden, HTTPError, type HTTPErrorOptions } from './http-error.ts';
import { RequestError } from './pool-errors.ts';

/** Base for timeouts (urllib3's `TimeoutError`). See also {@link isTimeoutError}. */
export class TimeoutError extends HTTPError {
  static {
    brandErrorClass(TimeoutError, 'TimeoutError', 'URLPOOL_ERR_TIMEOUT');
  }
}

/**
 * No byte arrived within the read timeout. A `RequestError` by class (as in urllib3) and a
 * timeout by {@link isTimeoutError}.
 */
export class ReadTimeoutError extends RequestError {
  static {
    brandErrorClass(ReadTimeoutError, 'ReadTimeoutError', 'URLPOOL_ERR_READ_TIMEOUT');
  }
}

/** The connection (DNS + TCP + TLS handshake) did not complete within the connect timeout. */
export class ConnectTimeoutError extends TimeoutError {
  static {
    brandErrorClass(ConnectTimeoutError, 'ConnectTimeoutError', 'URLPOOL_ERR_CONNECT_TIMEOUT');
  }
}

/** A new connection could not be made (refused, unreachable, ...). `conn` is non-enumerable. */
export class NewConnectionError extends ConnectTimeoutError {
  /** The connection object that failed, if known. */
  declare readonly conn: unknown;

  constructor(conn: unknown, message: string, options?: HTTPErrorOptions) {
    super(message, options);
    defineHidden(this, 'conn', conn);
  }

  static {
    brandErrorClass(NewConnectionError, 'NewConnectionError', 'URLPOOL_ERR_NEW_CONNECTION');
  }
}

/** The host name could not be resolved. */
export class NameResolutionError extends NewConnectionError {
  /** The host that failed to resolve. */
  readonly host: string;

  /**
   * @param reason The resolver's error (becomes `cause`); urllib3 allows `None`, shown as such.
   */
  constructor(host: string, conn: unknown, reason: Error | null) {
    super(
      conn,
      `Failed to resolve '${host}' (${reason == null ? 'None' : reason.message})`,
      reason == null ? undefined : { cause: reason },
    );
    this.host = host;
  }

  static {
    brandErrorClass(NameResolutionError, 'NameResolutionError', 'URLPOOL_ERR_NAME_RESOLUTION');
  }
}

/** True for every timeout: `TimeoutError` subclasses and `ReadTimeoutError`. */
export function isTimeoutError(error: unknown): error is TimeoutError | ReadTimeoutError {
  return error instanceof TimeoutError || error instanceof ReadTimeoutError;
}
