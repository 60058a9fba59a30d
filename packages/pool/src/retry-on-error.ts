import {
  type PreparedBody,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  type Retry,
  SSLError,
  TimeoutError,
  UnrewindableBodyError,
} from '@urlpool/core';

/** What the retry step needs to know about the request being retried. */
export interface RetryableAttempt {
  readonly method: string;
  readonly target: string;
  retries: Retry;
}

/**
 * urllib3's `except (TimeoutError, HTTPException, OSError, ProtocolError, SSLError,
 * ProxyError)` branch of `urlopen`: counts the error on the attempt's Retry (which throws the
 * error itself, or `MaxRetryError` with the error as `reason`, when it may not be retried),
 * then waits the backoff. Errors outside that list, and every error once `signal` aborted,
 * are rethrown at once.
 */
export async function retryAfterError(
  pool: unknown,
  attempt: RetryableAttempt,
  error: unknown,
  signal: AbortSignal | undefined,
): Promise<void> {
  if (!isRetriableError(error) || signal?.aborted) throw error;
  attempt.retries = attempt.retries.increment({
    method: attempt.method,
    url: attempt.target,
    error: error as Error,
    pool,
  });
  await attempt.retries.sleep(null, { signal });
}

/** Transport errors a Retry may count; everything else (DecodeError, TypeError...) propagates. */
export function isRetriableError(error: unknown): boolean {
  return (
    error instanceof TimeoutError ||
    error instanceof ReadTimeoutError ||
    error instanceof ProtocolError ||
    error instanceof SSLError ||
    error instanceof ProxyError
  );
}

// Bodies that were handed to a connection at least once. A WeakSet rather than a flag on the
// body: PreparedBody is a shared core type, and managers pass the same body to other pools.
const sentBodies = new WeakSet<PreparedBody>();

/** True when the body can be written again: bytes, empty, or a rewindable stream. */
export function isReplayableBody(body: PreparedBody): boolean {
  return body.type !== 'stream' || body.replayable;
}

/**
 * Called before every attempt: a stream body that cannot be rewound and was already sent once
 * throws `UnrewindableBodyError` (urllib3's `rewind_body`) before anything is connected or
 * written, instead of sending an empty or partial body.
 */
export function assertBodyCanBeSent(body: PreparedBody): void {
  if (isReplayableBody(body) || !sentBodies.has(body)) return;
  throw new UnrewindableBodyError(
    'Unable to re-send the request body for this retry or redirect: it is a stream or ' +
      'iterator that was already sent and cannot be rewound. Pass the body as a string, a ' +
      'Buffer or an array of chunks to allow re-sending, or set retries: false and ' +
      'redirect: false for this request.',
  );
}

/** Records that the body is about to be written. */
export function markBodySent(body: PreparedBody): void {
  if (body.type === 'stream' && !body.replayable) sentBodies.add(body);
}
