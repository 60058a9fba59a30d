import { Timeout, type TimeoutInput } from './timeout.ts';

/**
 * The Timeout for one request attempt (urllib3's `ConnectionPool._get_timeout`): the
 * per-request value when given, else the pool's default, always as a fresh clone whose
 * connect timer can be started. `null` per request means no limits; a number sets connect
 * and read; a plain `{ connect, read, total }` object is made a Timeout.
 *
 * @example
 * ```ts
 * const timeout = resolveTimeout(pool.timeout, options.timeout);
 * timeout.startConnect();
 * ```
 */
export function resolveTimeout(
  poolDefault: Timeout,
  perRequest: TimeoutInput | null | undefined,
): Timeout {
  if (perRequest === undefined) return poolDefault.clone();
  if (perRequest === null) return new Timeout();
  if (perRequest instanceof Timeout) return perRequest.clone();
  return Timeout.from(perRequest);
}
