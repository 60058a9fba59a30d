import type { RequestHistory } from './request-history.ts';

/**
 * urllib3's backoff formula, in ms. Only the errors since the last redirect count (`n`):
 * no wait until the second of them (most errors clear on an immediate retry), then
 * `factor * 2 ** (n - 1)` plus `Math.random() * jitter`, capped at `max`.
 */
export function computeBackoff(
  history: readonly RequestHistory[],
  factor: number,
  jitter: number,
  max: number,
): number {
  let consecutive = 0;
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.redirectLocation !== null) break;
    consecutive++;
  }
  if (consecutive <= 1) return 0;
  let backoff = factor * 2 ** (consecutive - 1);
  if (jitter !== 0) backoff += Math.random() * jitter;
  return Math.max(0, Math.min(max, backoff));
}
