import { brandErrorClass, defineHidden, HTTPError, type HTTPErrorOptions } from './http-error.ts';

/** Base for errors raised by a pool (urllib3's `PoolError`); `pool` is non-enumerable. */
export class PoolError extends HTTPError {
  /** The pool (or manager) that raised the error, if any. */
  declare readonly pool: unknown;

  /**
   * The message is prefixed with the pool when the pool names itself, as urllib3's are:
   * `HTTPConnectionPool(host='localhost', port=80): Pool is closed.`
   */
  constructor(pool: unknown, message: string, options?: HTTPErrorOptions) {
    super(`${poolPrefix(pool)}${message}`, options);
    defineHidden(this, 'pool', pool);
  }

  static {
    brandErrorClass(PoolError, 'PoolError', 'URLPOOL_ERR_POOL');
  }
}

/** Base for errors about one request to a URL (urllib3's `RequestError`). */
export class RequestError extends PoolError {
  /** The URL (or request target) of the failing request. */
  readonly url: string;

  constructor(pool: unknown, url: string, message: string, options?: HTTPErrorOptions) {
    super(pool, message, options);
    this.url = url;
  }

  static {
    brandErrorClass(RequestError, 'RequestError', 'URLPOOL_ERR_REQUEST');
  }
}

/**
 * Retries are exhausted (urllib3's `MaxRetryError`). `reason` (also `cause`) is the error that
 * made the last attempt fail, or a `ResponseError` for too many redirects or error statuses.
 * The message names the pool first, as urllib3's does:
 * `HTTPConnectionPool(host='127.0.0.1', port=8080): Max retries exceeded with url: /p (Caused by …)`.
 */
export class MaxRetryError extends RequestError {
  /** The error that caused the final retry to fail. */
  readonly reason: Error | null;

  constructor(pool: unknown, url: string, reason: Error | null = null) {
    super(
      pool,
      url,
      `Max retries exceeded with url: ${url} (Caused by ${describeReason(reason)})`,
      {
        cause: reason ?? undefined,
      },
    );
    this.reason = reason;
  }

  static {
    brandErrorClass(MaxRetryError, 'MaxRetryError', 'URLPOOL_ERR_MAX_RETRY');
  }
}

/**
 * Names the pool on a `PoolError` raised where the pool was not known (a connection's read
 * timeout, say): sets `pool` and prefixes the message as the constructor would have. An error
 * that already has a pool is left alone.
 *
 * @example
 * ```ts
 * if (error instanceof ReadTimeoutError) assignErrorPool(error, pool);
 * ```
 */
export function assignErrorPool(error: PoolError, pool: unknown): void {
  if (error.pool !== null && error.pool !== undefined) return;
  defineHidden(error, 'pool', pool);
  const prefix = poolPrefix(pool);
  if (prefix === '' || error.message.startsWith(prefix)) return;
  const before = error.message;
  // The stack's first line repeats the message: keep the two in step. (Read first: V8 formats
  // the stack lazily, from the message as it is at the first read.)
  const stack = error.stack;
  error.message = `${prefix}${before}`;
  if (typeof stack === 'string') error.stack = stack.replace(before, error.message);
}

/**
 * `"<pool>: "` for a pool that names itself (its own `toString()`, as pools give
 * `HTTPConnectionPool(host='h', port=80)`), else nothing.
 */
function poolPrefix(pool: unknown): string {
  if (pool === null || typeof pool !== 'object') return '';
  const describe = (pool as { toString?: unknown }).toString;
  if (typeof describe !== 'function' || describe === Object.prototype.toString) return '';
  return `${String(pool)}: `;
}

function describeReason(reason: Error | null): string {
  if (reason === null) return 'None';
  return `${reason.name}: ${reason.message}`;
}

/** A request to another host was made through a pool bound to one host. */
export class HostChangedError extends RequestError {
  /** The retry state at the time of the error. */
  readonly retries: unknown;

  constructor(pool: unknown, url: string, retries: unknown = 3) {
    super(pool, url, `Tried to open a foreign host with url: ${url}`);
    this.retries = retries;
  }

  static {
    brandErrorClass(HostChangedError, 'HostChangedError', 'URLPOOL_ERR_HOST_CHANGED');
  }
}

/** No connection became free within `poolTimeout` on a blocking pool. */
export class EmptyPoolError extends PoolError {
  static {
    brandErrorClass(EmptyPoolError, 'EmptyPoolError', 'URLPOOL_ERR_EMPTY_POOL');
  }
}

/** A connection was returned to a pool that is already full (blocking pools). */
export class FullPoolError extends PoolError {
  static {
    brandErrorClass(FullPoolError, 'FullPoolError', 'URLPOOL_ERR_FULL_POOL');
  }
}

/** The pool was closed; it takes no more requests. */
export class ClosedPoolError extends PoolError {
  static {
    brandErrorClass(ClosedPoolError, 'ClosedPoolError', 'URLPOOL_ERR_CLOSED_POOL');
  }
}
