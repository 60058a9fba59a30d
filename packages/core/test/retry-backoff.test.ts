import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidHeader, parseHttpDate, ReadTimeoutError, Retry } from '../src/index.ts';
import { caught, fakeResponse } from './retry-helpers.ts';

const failure = (): Error => new ReadTimeoutError(null, '/', 'Read timed out.');

/** A Retry after `errors` consecutive errors. */
function afterErrors(retry: Retry, errors: number): Retry {
  for (let i = 0; i < errors; i++)
    retry = retry.increment({ method: 'GET', url: '/', error: failure() });
  return retry;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('getBackoffTime', () => {
  it('is 0 before the second consecutive error, then factor * 2 ** (n - 1)', () => {
    const base = new Retry({ total: 20, backoffFactor: 100 });
    const sequence = Array.from({ length: 7 }, (_, n) => afterErrors(base, n).getBackoffTime());
    expect(sequence).toEqual([0, 0, 200, 400, 800, 1600, 3200]);
  });

  it('is capped at backoffMax', () => {
    const base = new Retry({ total: 20, backoffFactor: 100, backoffMax: 1000 });
    expect(afterErrors(base, 4).getBackoffTime()).toBe(800);
    expect(afterErrors(base, 5).getBackoffTime()).toBe(1000);
    expect(afterErrors(base, 12).getBackoffTime()).toBe(1000);
    const defaultCap = new Retry({ total: 40, backoffFactor: 1000 });
    expect(afterErrors(defaultCap, 20).getBackoffTime()).toBe(120_000);
  });

  it('is 0 with the default factor', () => {
    expect(afterErrors(new Retry(), 5).getBackoffTime()).toBe(0);
  });

  it('adds Math.random() * backoffJitter, before the cap', () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const base = new Retry({ total: 20, backoffFactor: 100, backoffJitter: 60 });
    expect(afterErrors(base, 1).getBackoffTime()).toBe(0);
    expect(random).not.toHaveBeenCalled();
    expect(afterErrors(base, 2).getBackoffTime()).toBe(230);
    expect(afterErrors(base, 3).getBackoffTime()).toBe(430);
    random.mockReturnValue(0.999);
    expect(afterErrors(base, 2).getBackoffTime()).toBeCloseTo(259.94);
    const capped = base.with({ backoffMax: 210 });
    expect(afterErrors(capped, 2).getBackoffTime()).toBe(210);
  });

  it('does not call Math.random without jitter', () => {
    const random = vi.spyOn(Math, 'random');
    afterErrors(new Retry({ backoffFactor: 100 }), 3).getBackoffTime();
    expect(random).not.toHaveBeenCalled();
  });

  it('counts only the errors since the last redirect', () => {
    let retry = afterErrors(new Retry({ total: 20, backoffFactor: 100 }), 3);
    expect(retry.getBackoffTime()).toBe(400);
    retry = retry.increment({
      method: 'GET',
      url: '/',
      response: fakeResponse(301, { location: '/x' }),
    });
    expect(retry.getBackoffTime()).toBe(0);
    retry = afterErrors(retry, 1);
    expect(retry.getBackoffTime()).toBe(0);
    retry = afterErrors(retry, 1);
    expect(retry.getBackoffTime()).toBe(200);
    // Error statuses are not redirects: they extend the run.
    retry = retry.increment({ method: 'GET', url: '/', response: fakeResponse(503) });
    expect(retry.getBackoffTime()).toBe(400);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds (with surrounding whitespace) as milliseconds', () => {
    const retry = new Retry();
    expect(retry.parseRetryAfter('0')).toBe(0);
    expect(retry.parseRetryAfter('5')).toBe(5000);
    expect(retry.parseRetryAfter('  120 ')).toBe(120_000);
  });

  it('reads HTTP dates relative to now, 0 when past', () => {
    vi.useFakeTimers({ now: Date.UTC(2015, 9, 21, 7, 28, 0) });
    const retry = new Retry();
    expect(retry.parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT')).toBe(30_000);
    expect(retry.parseRetryAfter('Wednesday, 21-Oct-15 07:29:00 GMT')).toBe(60_000);
    expect(retry.parseRetryAfter('Wed Oct 21 07:28:10 2015')).toBe(10_000);
    expect(retry.parseRetryAfter('Wed, 21 Oct 2015 09:28:05 +0200')).toBe(5000);
    expect(retry.parseRetryAfter('Tue, 20 Oct 2015 07:28:00 GMT')).toBe(0);
  });

  it('caps the wait at retryAfterMax', () => {
    expect(new Retry({ retryAfterMax: 10_000 }).parseRetryAfter('60')).toBe(10_000);
    expect(new Retry().parseRetryAfter('99999999')).toBe(21_600_000);
  });

  it.each([
    '',
    'soon',
    '-5',
    '1.5',
    '5 s',
    'Wed, 32 Oct 2015 07:28:00 GMT',
    'Fri, 31 Feb 2015 07:28:00 GMT',
  ])('throws InvalidHeader for %j', (value) => {
    const error = caught(() => new Retry().parseRetryAfter(value));
    expect(error).toBeInstanceOf(InvalidHeader);
    expect((error as Error).message).toContain(`Invalid Retry-After header: ${value}`);
  });

  it('getRetryAfter reads the header, null without one', () => {
    const retry = new Retry();
    expect(retry.getRetryAfter(fakeResponse(503, { 'retry-after': '3' }))).toBe(3000);
    expect(retry.getRetryAfter(fakeResponse(503))).toBeNull();
  });
});

describe('parseHttpDate', () => {
  it('parses the three RFC 9110 formats to the same instant', () => {
    const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(expected);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(expected);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(expected);
  });

  it('maps two-digit years like Python (69-99: 19xx, else 20xx)', () => {
    expect(parseHttpDate('01-Jan-69 00:00:00 GMT')).toBe(Date.UTC(1969, 0, 1));
    expect(parseHttpDate('01-Jan-68 00:00:00 GMT')).toBe(Date.UTC(2068, 0, 1));
  });

  it('returns null for non-dates', () => {
    expect(parseHttpDate('yesterday')).toBeNull();
    expect(parseHttpDate('Sun, 06 Nov 1994 25:49:37 GMT')).toBeNull();
  });
});

describe('sleep', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  async function settledAfter(promise: Promise<unknown>, ms: number): Promise<boolean> {
    let settled = false;
    promise.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    await vi.advanceTimersByTimeAsync(ms);
    return settled;
  }

  it('waits for Retry-After when respected', async () => {
    const retry = afterErrors(new Retry({ backoffFactor: 100 }), 3);
    const sleeping = retry.sleep(fakeResponse(503, { 'Retry-After': '2' }));
    expect(await settledAfter(sleeping, 1999)).toBe(false);
    expect(await settledAfter(sleeping, 1)).toBe(true);
  });

  it('caps the Retry-After wait at retryAfterMax', async () => {
    const retry = new Retry({ retryAfterMax: 500 });
    const sleeping = retry.sleep(fakeResponse(429, { 'Retry-After': '3600' }));
    expect(await settledAfter(sleeping, 499)).toBe(false);
    expect(await settledAfter(sleeping, 1)).toBe(true);
  });

  it('falls back to the backoff without Retry-After, or with Retry-After: 0', async () => {
    const retry = afterErrors(new Retry({ backoffFactor: 100 }), 3); // 400 ms
    for (const response of [fakeResponse(503), fakeResponse(503, { 'Retry-After': '0' }), null]) {
      const sleeping = retry.sleep(response);
      expect(await settledAfter(sleeping, 399)).toBe(false);
      expect(await settledAfter(sleeping, 1)).toBe(true);
    }
  });

  it('ignores Retry-After when respectRetryAfterHeader is false', async () => {
    const retry = new Retry({ respectRetryAfterHeader: false });
    const sleeping = retry.sleep(fakeResponse(503, { 'Retry-After': '60' }));
    expect(await settledAfter(sleeping, 0)).toBe(true);
  });

  it('rejects with InvalidHeader on a malformed Retry-After', async () => {
    await expect(new Retry().sleep(fakeResponse(503, { 'Retry-After': 'later' }))).rejects.toThrow(
      InvalidHeader,
    );
  });

  it('sleepForRetry resolves whether it slept', async () => {
    const retry = new Retry();
    const slept = retry.sleepForRetry(fakeResponse(503, { 'Retry-After': '1' }));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(slept).resolves.toBe(true);
    await expect(retry.sleepForRetry(fakeResponse(503))).resolves.toBe(false);
  });

  it('aborts with the signal reason', async () => {
    const controller = new AbortController();
    const retry = afterErrors(new Retry({ backoffFactor: 1000 }), 3);
    const sleeping = retry.sleep(null, { signal: controller.signal });
    const reason = new Error('stop');
    controller.abort(reason);
    await expect(sleeping).rejects.toBe(reason);
    await expect(new Retry().sleep(null, { signal: controller.signal })).rejects.toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
  });
});
