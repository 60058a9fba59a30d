import { resolveTimeout, type Timeout, type TimeoutInput } from '@urlpool/core';

/**
 * The Timeout for one attempt, with its clock started (urllib3's `_get_timeout` followed by
 * `start_connect()`), on new and reused connections alike so that `total` always caps the
 * read timeout.
 *
 * Hot path: without a `total` nothing depends on the clock, so the pool's own Timeout is used
 * as is instead of cloning it for every request.
 */
export function startAttemptTimeout(
  poolTimeout: Timeout,
  perRequest: TimeoutInput | null | undefined,
): Timeout {
  if (perRequest === undefined && poolTimeout.total === undefined) return poolTimeout;
  // resolveTimeout always returns a fresh instance, so starting it touches nobody else's.
  const timeout = resolveTimeout(poolTimeout, perRequest);
  if (timeout.total !== undefined) timeout.startConnect();
  return timeout;
}
