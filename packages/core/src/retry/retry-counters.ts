import type { RetryCount } from './retry-options.ts';

/**
 * One less of a counter. urllib3 does plain arithmetic on its counters, where `False - 1`
 * is `-1`: so `false` counts as 0 here, and `undefined` (no limit) stays unbounded.
 */
export function decrement(count: RetryCount): RetryCount {
  return count === undefined ? undefined : (count === false ? 0 : count) - 1;
}

/** True for a counter that has run out (below zero). */
export function isNegative(count: RetryCount): boolean {
  return typeof count === 'number' && count < 0;
}
