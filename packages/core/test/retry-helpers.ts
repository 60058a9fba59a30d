import type { RetryResponse } from '../src/index.ts';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A minimal response for Retry tests: status, headers, redirect location as urllib3 computes it. */
export function fakeResponse(status: number, headers: Record<string, string> = {}): RetryResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    headers: { get: (name: string) => lower.get(name.toLowerCase()) ?? null },
    getRedirectLocation: () =>
      REDIRECT_STATUSES.has(status) ? (lower.get('location') ?? null) : false,
  };
}

/** Runs `fn` and returns what it threw (fails the test if it did not throw). */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}
