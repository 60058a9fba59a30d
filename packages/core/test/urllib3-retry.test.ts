// Ported from urllib3's test/test_retry.py (and the Retry-After cap of test_retry_after_max.py).
// Durations are milliseconds (backoff_factor=0.2 s is backoffFactor: 200); increment() takes an
// options object; sleep() returns a Promise. Not ported: max_retry_wait_length and
// MaxRetryWaitExceededError from one version of this file, the same feature as
// raise_on_retry_after_max (ported in urllib3-retry-after-max.test.ts) under another name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConnectTimeoutError,
  InvalidHeader,
  MaxRetryError,
  ReadTimeoutError,
  ResponseError,
  Retry,
  SSLError,
} from '../src/index.ts';
import { caught, fakeResponse } from './retry-helpers.ts';

const DUMMY_POOL = null;
const readTimeout = (url = '/') => new ReadTimeoutError(DUMMY_POOL, url, 'read timed out');
const GET = { method: 'GET' } as const;

function maxRetry(fn: () => unknown): MaxRetryError {
  const error = caught(fn);
  expect(error).toBeInstanceOf(MaxRetryError);
  return error as MaxRetryError;
}

describe('urllib3 test_retry', () => {
  it('prints as urllib3 (undefined for no limit of its own)', () => {
    let retry = new Retry();
    expect(String(retry)).toBe(
      'Retry(total=10, connect=undefined, read=undefined, redirect=undefined, status=undefined)',
    );
    for (let i = 0; i < 3; i++) retry = retry.increment(GET);
    expect(String(retry)).toBe(
      'Retry(total=7, connect=undefined, read=undefined, redirect=undefined, status=undefined)',
    );
  });

  it('total wins when it is lower than connect', () => {
    const error = new ConnectTimeoutError('timed out');
    let retry = new Retry({ connect: 3, total: 2 });
    retry = retry.increment({ error });
    retry = retry.increment({ error });
    expect(maxRetry(() => retry.increment({ error })).reason).toBe(error);
  });

  it('a connect count lower than total is honoured', () => {
    const error = new ConnectTimeoutError('timed out');
    let retry = new Retry({ connect: 2, total: 3 });
    retry = retry.increment({ error });
    retry = retry.increment({ error });
    maxRetry(() => retry.increment({ error }));
  });

  it('a read count lower than total is honoured', () => {
    const error = readTimeout();
    let retry = new Retry({ read: 2, total: 3 });
    retry = retry.increment({ ...GET, error });
    retry = retry.increment({ ...GET, error });
    maxRetry(() => retry.increment({ ...GET, error }));
  });

  it('with total: null, the connect count decides', () => {
    const error = new ConnectTimeoutError('timed out');
    let retry = new Retry({ connect: 2, total: null });
    retry = retry.increment({ error });
    retry = retry.increment({ error });
    expect(maxRetry(() => retry.increment({ error })).reason).toBe(error);

    const timeoutError = readTimeout();
    retry = new Retry({ connect: 2, total: null });
    for (let i = 0; i < 3; i++) retry = retry.increment({ ...GET, error: timeoutError });
    expect(retry.isExhausted()).toBe(false);
  });

  it('has urllib3 defaults', () => {
    const retry = new Retry();
    expect(retry.total).toBe(10);
    expect(retry.connect).toBeUndefined();
    expect(retry.read).toBeUndefined();
    expect(retry.redirect).toBeUndefined();
    expect(retry.other).toBeUndefined();

    const error = new ConnectTimeoutError('timed out');
    let one = new Retry({ connect: 1 }).increment({ error });
    maxRetry(() => one.increment({ error }));
    one = new Retry({ connect: 1 }).increment({ error });
    expect(one.isExhausted()).toBe(false);

    expect(new Retry({ total: 0 }).raiseOnRedirect).toBe(true);
    expect(new Retry({ total: false }).raiseOnRedirect).toBe(false);
    expect(Retry.from(0).raiseOnRedirect).toBe(true);
    expect(Retry.from(false).raiseOnRedirect).toBe(false);
  });

  it('counts unexpected errors as other', () => {
    const otherError = new SSLError('ssl');
    let retry = new Retry({ connect: 1 });
    retry = retry.increment({ error: otherError });
    retry = retry.increment({ error: otherError });
    expect(retry.isExhausted()).toBe(false);

    retry = new Retry({ other: 1 }).increment({ error: otherError });
    expect(maxRetry(() => retry.increment({ error: otherError })).reason).toBe(otherError);
  });

  it('read: 0 gives no second chance on a read timeout', () => {
    const error = readTimeout();
    expect(maxRetry(() => new Retry({ read: 0 }).increment({ ...GET, error })).reason).toBe(error);
  });

  it('counts error statuses', () => {
    const resp = fakeResponse(400);
    let retry = new Retry({ status: 2 });
    retry = retry.increment({ response: resp });
    retry = retry.increment({ response: resp });
    const error = maxRetry(() => retry.increment({ response: resp }));
    expect(error.message).toContain(ResponseError.SPECIFIC_ERROR.replace('{status_code}', '400'));
    expect(error.message).toContain('too many 400 error responses');
  });

  it('computes the backoff', () => {
    let retry = new Retry({ total: 100, backoffFactor: 200 });
    expect(retry.getBackoffTime()).toBe(0); // first request
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(0); // first retry
    retry = retry.increment(GET);
    expect(retry.backoffFactor).toBe(200);
    expect(retry.total).toBe(98);
    expect(retry.getBackoffTime()).toBe(400); // backoff starts
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(800);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(1600);
    for (let i = 0; i < 10; i++) retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(Retry.DEFAULT_BACKOFF_MAX);
    expect(Retry.DEFAULT_BACKOFF_MAX).toBe(120_000);
  });

  it('caps the backoff at backoffMax', () => {
    let retry = new Retry({ total: 100, backoffFactor: 200, backoffMax: 1000 });
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET);
    expect(retry.backoffFactor).toBe(200);
    expect(retry.total).toBe(98);
    expect(retry.getBackoffTime()).toBe(400);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(800);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(1000);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(1000);
  });

  it('adds jitter, still capped', () => {
    let retry = new Retry({ total: 100, backoffFactor: 200, backoffMax: 1000, backoffJitter: 400 });
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET);
    expect(retry.backoffFactor).toBe(200);
    expect(retry.total).toBe(98);
    const first = retry.getBackoffTime();
    expect(first).toBeGreaterThanOrEqual(400);
    expect(first).toBeLessThanOrEqual(800);
    retry = retry.increment(GET);
    const second = retry.getBackoffTime();
    expect(second).toBeGreaterThanOrEqual(800);
    expect(second).toBeLessThanOrEqual(1000);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(1000);
    retry = retry.increment(GET);
    expect(retry.getBackoffTime()).toBe(1000);
  });

  it('has no backoff without a backoffFactor', () => {
    let retry = new Retry();
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET).increment(GET);
    expect(retry.getBackoffTime()).toBe(0);
  });

  it('a redirect resets the backoff', () => {
    let retry = new Retry({ total: 100, redirect: 5, backoffFactor: 200 });
    retry = retry.increment(GET).increment(GET);
    expect(retry.getBackoffTime()).toBe(400);
    retry = retry.increment({ ...GET, response: fakeResponse(302, { location: 'test' }) });
    expect(retry.getBackoffTime()).toBe(0);
    retry = retry.increment(GET).increment(GET);
    expect(retry.getBackoffTime()).toBe(400);
  });

  it('sleeps for the backoff', async () => {
    const retry = new Retry({ backoffFactor: 0.1 }).increment(GET).increment(GET);
    await expect(retry.sleep()).resolves.toBeUndefined();
  });

  it('statusForcelist decides which statuses are retried', () => {
    const range = Array.from({ length: 100 }, (_, i) => 500 + i);
    let retry = new Retry({ statusForcelist: range });
    expect(retry.isRetry('GET', 200)).toBe(false);
    expect(retry.isRetry('GET', 400)).toBe(false);
    expect(retry.isRetry('GET', 500)).toBe(true);

    retry = new Retry({ total: 1, statusForcelist: [418] });
    expect(retry.isRetry('GET', 400)).toBe(false);
    expect(retry.isRetry('GET', 418)).toBe(true);

    // urllib3 silently never matches string codes; urlpool refuses them when the Retry is built.
    expect(() => new Retry({ total: 1, statusForcelist: ['418'] as never })).toThrow(TypeError);
  });

  it('allowedMethods and statusForcelist are ANDed; null allows every method', () => {
    let retry = new Retry({ statusForcelist: [500], allowedMethods: null });
    expect(retry.isRetry('GET', 500)).toBe(true);
    expect(retry.isRetry('POST', 500)).toBe(true);

    retry = new Retry({ statusForcelist: [500], allowedMethods: ['POST'] });
    expect(retry.isRetry('GET', 500)).toBe(false);
    expect(retry.isRetry('POST', 500)).toBe(true);
  });

  it('is exhausted only below zero', () => {
    expect(new Retry({ total: 0 }).isExhausted()).toBe(false);
    expect(new Retry({ total: -1 }).isExhausted()).toBe(true);
    expect(new Retry({ total: 1 }).increment(GET).total).toBe(0);
  });

  it.each([-1, 0])('total: %i fails the first increment', (total) => {
    maxRetry(() => new Retry({ total }).increment(GET));
  });

  it('MaxRetryError names the cause, and no redirect unless there was one', () => {
    let error = maxRetry(() => new Retry({ total: 0 }).increment({ ...GET, error: readTimeout() }));
    expect(error.message).toMatch(/read timed out/);
    expect(error.message).not.toContain('Caused by redirect');

    let retry = new Retry({ total: 1 }).increment({ method: 'POST', url: '/' });
    error = maxRetry(() => retry.increment({ method: 'POST', url: '/' }));
    expect(error.message).toContain(ResponseError.GENERIC_ERROR);
    expect(error.message).not.toContain('Caused by redirect');
    expect(error.reason).toBeInstanceOf(ResponseError);

    const response = fakeResponse(500);
    retry = new Retry({ total: 1 }).increment({ method: 'POST', url: '/', response });
    error = maxRetry(() => retry.increment({ method: 'POST', url: '/', response }));
    expect(error.message).toContain('too many 500 error responses');
    expect(error.message).not.toContain('Caused by redirect');

    retry = new Retry({ connect: 1 }).increment({ error: new ConnectTimeoutError('conntimeout') });
    error = maxRetry(() => retry.increment({ error: new ConnectTimeoutError('conntimeout') }));
    expect(error.message).toMatch(/conntimeout/);
    expect(error.message).not.toContain('Caused by redirect');
  });

  it('records the history of attempts', () => {
    let retry = new Retry({ total: 10, allowedMethods: ['GET', 'POST'] });
    expect(retry.history).toEqual([]);
    const connectionError = new ConnectTimeoutError('conntimeout');
    retry = retry.increment({ method: 'GET', url: '/test1', error: connectionError });
    const first = {
      method: 'GET',
      url: '/test1',
      error: connectionError,
      status: null,
      redirectLocation: null,
    };
    expect(retry.history).toEqual([first]);

    const readError = readTimeout('/test2');
    retry = retry.increment({ method: 'POST', url: '/test2', error: readError });
    const second = {
      method: 'POST',
      url: '/test2',
      error: readError,
      status: null,
      redirectLocation: null,
    };
    expect(retry.history).toEqual([first, second]);

    retry = retry.increment({ method: 'GET', url: '/test3', response: fakeResponse(500) });
    expect(retry.history).toEqual([
      first,
      second,
      { method: 'GET', url: '/test3', error: null, status: 500, redirectLocation: null },
    ]);
  });

  it("takes urllib3's positional form increment(method, url, response, error)", () => {
    const connectionError = new ConnectTimeoutError('conntimeout');
    let retry = new Retry({ total: 10, allowedMethods: ['GET', 'POST'] });
    retry = retry.increment('GET', '/test1', null, connectionError);
    retry = retry.increment('GET', '/test3', fakeResponse(500), null);
    retry = retry.increment('POST', '/');
    expect(retry.history).toEqual([
      {
        method: 'GET',
        url: '/test1',
        error: connectionError,
        status: null,
        redirectLocation: null,
      },
      { method: 'GET', url: '/test3', error: null, status: 500, redirectLocation: null },
      { method: 'POST', url: '/', error: null, status: null, redirectLocation: null },
    ]);
    expect(retry.total).toBe(7);
    expect(new Retry({ total: 3 }).increment().total).toBe(2);
  });

  it('re-throws a read error on a method that is not retried', () => {
    const error = readTimeout();
    expect(caught(() => new Retry().increment({ method: 'POST', error }))).toBe(error);
  });

  it('removes Authorization, Proxy-Authorization and Cookie on redirect by default', () => {
    expect([...new Retry().removeHeadersOnRedirect].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authorization',
    ]);
  });

  it('lowercases the headers it is told to remove', () => {
    expect([
      ...new Retry({ removeHeadersOnRedirect: ['X-API-Secret'] }).removeHeadersOnRedirect,
    ]).toEqual(['x-api-secret']);
  });

  it.each(['-1', '+1', '1.0', '\xb2'])('refuses the Retry-After value %j', (value) => {
    expect(() => new Retry().parseRetryAfter(value)).toThrow(InvalidHeader);
  });

  it.each([
    ['0', 0],
    ['1000', 1_000_000],
    ['\t42 ', 42_000],
  ])('parses the Retry-After value %j as %i ms', (value, ms) => {
    expect(new Retry().parseRetryAfter(value)).toBe(ms);
  });

  it.each([true, false])('new() keeps respectRetryAfterHeader: %s', (respect) => {
    expect(new Retry({ respectRetryAfterHeader: respect }).new().respectRetryAfterHeader).toBe(
      respect,
    );
  });

  describe('sleep() and Retry-After', () => {
    const savedTz = process.env.TZ;
    afterEach(() => {
      vi.useRealTimers();
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    });

    /** How long `retry.sleep(response)` waits, with the clock at 2019-06-03 11:00 UTC. */
    async function sleptMs(retry: Retry, retryAfter: string): Promise<number> {
      vi.useFakeTimers({ now: Date.UTC(2019, 5, 3, 11) });
      const start = Date.now();
      const sleeping = retry.sleep(fakeResponse(503, { 'Retry-After': retryAfter }));
      await vi.runAllTimersAsync();
      await sleeping;
      return Date.now() - start;
    }

    const cases: [string, boolean, number | null][] = [
      ['3600', true, 3600],
      ['3600', false, null],
      // An hour ahead of the clock.
      ['Mon, 3 Jun 2019 12:00:00 UTC', true, 3600],
      ['Mon, 3 Jun 2019 12:00:00 UTC', false, null],
      // Already reached.
      ['Mon, 3 Jun 2019 11:00:00 UTC', true, null],
      ['Mon, 3 Jun 2019 11:00:00 UTC', false, null],
      // Every format of RFC 7231 §7.1.1.1; asctime without a zone is UTC.
      ['Mon, 03 Jun 2019 11:30:12 GMT', true, 1812],
      ['Monday, 03-Jun-19 11:30:12 GMT', true, 1812],
      ['Mon Jun  3 11:30:12 2019', true, 1812],
    ];

    for (const tz of ['UTC', 'Asia/Jerusalem', undefined]) {
      it.each(cases)(
        `Retry-After %j, respected: %s, waits %j s (TZ=${tz})`,
        async (value, respect, seconds) => {
          if (tz === undefined) delete process.env.TZ;
          else process.env.TZ = tz;
          const retry = new Retry({ respectRetryAfterHeader: respect });
          expect(await sleptMs(retry, value)).toBe(seconds === null ? 0 : seconds * 1000);
        },
      );
    }

    it.each([
      ['Mon, 03 Jun 2019 06:30:12 EST', 1812],
      ['Mon, 03 Jun 2019 04:30:12 PDT', 1812],
      ['Mon, 03 Jun 2019 13:30:12 +0200', 1812],
      ['03 Jun 2019 11:30:12 GMT', 1812],
    ])('reads the Retry-After date %j as email.utils.parsedate_tz does', async (value, seconds) => {
      expect(await sleptMs(new Retry(), value)).toBe(seconds * 1000);
    });

    it('retryAfterMax caps a long Retry-After (test_retry_after_max)', () => {
      const retry = new Retry({ retryAfterMax: 60_000 });
      expect(retry.parseRetryAfter('3600')).toBe(60_000);
      expect(retry.new().retryAfterMax).toBe(60_000);
      expect(retry.new().parseRetryAfter('61')).toBe(60_000);
      expect(retry.parseRetryAfter('60')).toBe(60_000);
    });
  });
});
