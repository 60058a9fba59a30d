import { brandErrorClass, HTTPError } from './http-error.ts';

/**
 * A response asked to wait longer (`Retry-After`) than the Retry's `retryAfterMax`, and the Retry
 * was built with `raiseOnRetryAfterMax: true` (urllib3's `RetryAfterMaxExceededError`). Thrown
 * instead of waiting, so a caller can give up, or schedule the retry itself, rather than have
 * the wait silently shortened to the cap.
 */
export class RetryAfterMaxExceededError extends HTTPError {
  /** The wait the server asked for, in ms. */
  readonly retryAfter: number;
  /** The Retry's `retryAfterMax`, in ms. */
  readonly maxWait: number;

  constructor(retryAfter: number, maxWait: number) {
    super(
      `Retry-After asks to wait ${retryAfter} ms, more than retryAfterMax (${maxWait} ms); raise retryAfterMax or set raiseOnRetryAfterMax: false to wait at most retryAfterMax`,
    );
    this.retryAfter = retryAfter;
    this.maxWait = maxWait;
  }

  static {
    brandErrorClass(
      RetryAfterMaxExceededError,
      'RetryAfterMaxExceededError',
      'URLPOOL_ERR_RETRY_AFTER_MAX_EXCEEDED',
    );
  }
}
