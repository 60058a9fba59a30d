// Ported from urllib3's test/test_retry_after_max.py and test/test_retry_after_limit.py:
// retry_after_max and raise_on_retry_after_max (retryAfterMax / raiseOnRetryAfterMax here, in
// milliseconds; RetryAfterMaxExceededError's retryAfter and maxWait are milliseconds too).
// Pickling has no JavaScript equivalent; the error keeps its class, fields and message instead.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HTTPError, Retry, RetryAfterMaxExceededError } from '../src/index.ts';
import { caught, fakeResponse } from './retry-helpers.ts';

afterEach(() => {
  vi.useRealTimers();
});

function exceeded(fn: () => unknown): RetryAfterMaxExceededError {
  const error = caught(fn);
  expect(error).toBeInstanceOf(RetryAfterMaxExceededError);
  return error as RetryAfterMaxExceededError;
}

describe('urllib3 test_retry_after_max', () => {
  it('retryAfterMax still caps the wait by default', () => {
    expect(new Retry({ retryAfterMax: 60_000 }).parseRetryAfter('3600')).toBe(60_000);
  });

  it('raiseOnRetryAfterMax throws instead of capping', () => {
    const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    const error = exceeded(() => retry.parseRetryAfter('3600'));
    expect(error.retryAfter).toBe(3_600_000);
    expect(error.maxWait).toBe(60_000);
  });

  it('a wait of exactly retryAfterMax is allowed', () => {
    const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    expect(retry.parseRetryAfter('60')).toBe(60_000);
  });

  it('applies to an HTTP date too', () => {
    vi.useFakeTimers({ now: Date.UTC(2019, 5, 3, 11) });
    const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    const error = exceeded(() => retry.parseRetryAfter('Mon, 3 Jun 2019 12:00:00 UTC'));
    expect(error.retryAfter).toBe(3_600_000);
    expect(error.maxWait).toBe(60_000);
  });

  it('new() keeps both options', () => {
    const copy = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true }).new();
    expect(copy.retryAfterMax).toBe(60_000);
    expect(copy.raiseOnRetryAfterMax).toBe(true);
    exceeded(() => copy.parseRetryAfter('61'));
  });

  it('sleepForRetry throws before waiting', async () => {
    vi.useFakeTimers();
    const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    await expect(retry.sleepForRetry(fakeResponse(503, { 'Retry-After': '3600' }))).rejects.toThrow(
      RetryAfterMaxExceededError,
    );
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('urllib3 test_retry_after_limit', () => {
  it.each(['61', ' 61 ', 'Thu, 01 Jan 1970 00:02:01 GMT'])(
    'sleep() with Retry-After %j keeps the requested interval in the error and does not wait',
    async (header) => {
      vi.useFakeTimers({ now: 60_000 });
      const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
      const error: unknown = await retry.sleep(fakeResponse(503, { 'Retry-After': header })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(RetryAfterMaxExceededError);
      if (!(error instanceof RetryAfterMaxExceededError)) return;
      expect(error.retryAfter).toBe(61_000);
      expect(error.maxWait).toBe(60_000);
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it.each([0, 59, 60])('the limit is inclusive: %i s', (seconds) => {
    const retry = new Retry({ retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    expect(retry.parseRetryAfter(String(seconds))).toBe(seconds * 1000);
  });

  it('without raiseOnRetryAfterMax the wait is capped', () => {
    expect(new Retry({ retryAfterMax: 60_000 }).parseRetryAfter('3600')).toBe(60_000);
  });

  it('the policy survives increment() and can be changed by new()', () => {
    const retry = new Retry({ total: 2, retryAfterMax: 60_000, raiseOnRetryAfterMax: true });
    expect(retry.increment().raiseOnRetryAfterMax).toBe(true);
    expect(retry.new({ raiseOnRetryAfterMax: false }).raiseOnRetryAfterMax).toBe(false);
  });

  it('an ignored Retry-After neither throws nor waits', async () => {
    vi.useFakeTimers();
    const retry = new Retry({
      retryAfterMax: 60_000,
      raiseOnRetryAfterMax: true,
      respectRetryAfterHeader: false,
    });
    await expect(
      retry.sleep(fakeResponse(503, { 'Retry-After': '3600' })),
    ).resolves.toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('the error keeps its class, fields and message', () => {
    const error = new RetryAfterMaxExceededError(3_600_000, 60_000);
    expect(error).toBeInstanceOf(HTTPError);
    expect(error.name).toBe('RetryAfterMaxExceededError');
    expect(error.code).toBe('URLPOOL_ERR_RETRY_AFTER_MAX_EXCEEDED');
    expect(error.retryAfter).toBe(3_600_000);
    expect(error.maxWait).toBe(60_000);
    expect(error.message).toContain('3600000 ms');
    expect(error.message).toContain('60000 ms');
  });
});
