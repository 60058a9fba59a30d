import { InvalidHeader } from '../errors/protocol-errors.ts';
import { RetryAfterMaxExceededError } from '../errors/retry-after-max-exceeded-error.ts';
import { parseHttpDate } from './http-date.ts';

const DELAY_SECONDS = /^\s*[0-9]+\s*$/;

/**
 * Milliseconds to wait for a `Retry-After` value (RFC 9110 §10.2.3): a number of seconds, or
 * an HTTP date (the time left until it, 0 if past). The result is capped at `maxMs`, or, with
 * `raiseOverMax`, a longer wait throws.
 *
 * @throws InvalidHeader when the value is neither.
 * @throws RetryAfterMaxExceededError when `raiseOverMax` and the wait is longer than `maxMs`.
 */
export function parseRetryAfterMs(
  value: string,
  maxMs: number,
  now: number = Date.now(),
  raiseOverMax = false,
): number {
  let ms: number;
  if (DELAY_SECONDS.test(value)) {
    ms = Number(value.trim()) * 1000;
  } else {
    const date = parseHttpDate(value);
    if (date === null) {
      throw new InvalidHeader(
        `Invalid Retry-After header: ${value} (expected delay-seconds or an HTTP date)`,
      );
    }
    ms = date - now;
  }
  ms = Math.max(ms, 0);
  if (ms > maxMs && raiseOverMax) throw new RetryAfterMaxExceededError(ms, maxMs);
  return Math.min(ms, maxMs);
}
