import { describe, expect, it } from 'vitest';
import {
  ConnectTimeoutError,
  IncompleteRead,
  isConnectionError,
  isReadError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  ProtocolError,
  ProxyError,
  ReadTimeoutError,
  ResponseError,
  Retry,
  SSLError,
} from '../src/index.ts';
import { caught, fakeResponse } from './retry-helpers.ts';

const connectError = (): Error => new NewConnectionError(null, 'Connection refused');
const readError = (): Error => new ReadTimeoutError(null, '/x', 'Read timed out.');
const otherError = (): Error => new SSLError('certificate verify failed');

describe('Retry defaults and validation', () => {
  it('has urllib3 defaults', () => {
    const retry = new Retry();
    expect(retry.total).toBe(10);
    expect([retry.connect, retry.read, retry.redirect, retry.status, retry.other]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([...retry.allowedMethods!].sort()).toEqual([
      'DELETE',
      'GET',
      'HEAD',
      'OPTIONS',
      'PUT',
      'TRACE',
    ]);
    expect(retry.statusForcelist.size).toBe(0);
    expect(retry.backoffFactor).toBe(0);
    expect(retry.backoffMax).toBe(120_000);
    expect(retry.backoffJitter).toBe(0);
    expect(retry.retryAfterMax).toBe(21_600_000);
    expect(retry.raiseOnRedirect).toBe(true);
    expect(retry.raiseOnStatus).toBe(true);
    expect(retry.respectRetryAfterHeader).toBe(true);
    expect([...retry.removeHeadersOnRedirect].sort()).toEqual([
      'authorization',
      'cookie',
      'proxy-authorization',
    ]);
    expect(retry.history).toEqual([]);
    expect(Retry.DEFAULT.total).toBe(3);
    expect(String(Retry.DEFAULT)).toBe(
      'Retry(total=3, connect=undefined, read=undefined, redirect=undefined, status=undefined)',
    );
  });

  it('null means no limit, for total too', () => {
    const retry = new Retry({ total: null, connect: null });
    expect(retry.total).toBeUndefined();
    expect(retry.connect).toBeUndefined();
  });

  it('total: false or redirect: false disable redirects and raiseOnRedirect', () => {
    for (const options of [{ total: false as const }, { redirect: false as const }]) {
      const retry = new Retry({ ...options, raiseOnRedirect: true });
      expect(retry.redirect).toBe(0);
      expect(retry.raiseOnRedirect).toBe(false);
    }
  });

  it('rejects unknown options and bad values with clear errors', () => {
    expect(() => new Retry({ totl: 3 } as object)).toThrow(/Unknown Retry option 'totl'/);
    expect(() => new Retry({ connect: 1.5 })).toThrow(TypeError);
    expect(() => new Retry({ read: '2' as unknown as number })).toThrow(/integer/);
    expect(() => new Retry({ backoffFactor: -1 })).toThrow(RangeError);
    expect(() => new Retry({ backoffMax: Number.NaN })).toThrow(RangeError);
    expect(() => new Retry({ raiseOnStatus: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => new Retry({ allowedMethods: 'GET' as unknown as string[] })).toThrow(/collection/);
    expect(() => new Retry({ statusForcelist: ['500'] as unknown as number[] })).toThrow(
      /status codes/,
    );
    expect(() => new Retry(3 as unknown as object)).toThrow(/Retry.from/);
  });

  it('normalises allowedMethods to upper case; false, null and empty mean every method', () => {
    expect(new Retry({ allowedMethods: ['get'] }).isMethodRetryable('GET')).toBe(true);
    expect(new Retry({ allowedMethods: ['GET'] }).isMethodRetryable('post')).toBe(false);
    for (const allowedMethods of [false as const, null, []]) {
      const retry = new Retry({ allowedMethods });
      expect(retry.allowedMethods).toBeNull();
      expect(retry.isMethodRetryable('POST')).toBe(true);
    }
    expect(new Retry().isMethodRetryable('POST')).toBe(false);
    expect(new Retry().isMethodRetryable('get')).toBe(true);
  });

  it('compares removeHeadersOnRedirect case-insensitively', () => {
    const retry = new Retry({ removeHeadersOnRedirect: ['X-Api-Key', 'AUTHORIZATION'] });
    expect([...retry.removeHeadersOnRedirect].sort()).toEqual(['authorization', 'x-api-key']);
    expect(retry.isHeaderRemovedOnRedirect('x-API-key')).toBe(true);
    expect(retry.isHeaderRemovedOnRedirect('Cookie')).toBe(false);
    expect(new Retry().isHeaderRemovedOnRedirect('PROXY-AUTHORIZATION')).toBe(true);
    expect(new Retry({ removeHeadersOnRedirect: [] }).isHeaderRemovedOnRedirect('cookie')).toBe(
      false,
    );
  });
});

describe('Retry immutability and copies', () => {
  it('is frozen, and its history too', () => {
    const retry = new Retry({ total: 2 });
    expect(Object.isFrozen(retry)).toBe(true);
    expect(() => {
      (retry as { total: number }).total = 5;
    }).toThrow(TypeError);
    const next = retry.increment({ method: 'GET', url: '/a', error: connectError() });
    expect(Object.isFrozen(next.history)).toBe(true);
    expect(Object.isFrozen(next.history[0])).toBe(true);
  });

  it('increment never changes the original', () => {
    const retry = new Retry({ total: 2, connect: 2 });
    const next = retry.increment({ method: 'GET', url: '/a', error: connectError() });
    expect(next).not.toBe(retry);
    expect([retry.total, retry.connect, retry.history.length]).toEqual([2, 2, 0]);
    expect([next.total, next.connect, next.history.length]).toEqual([1, 1, 1]);
  });

  it('does not share caller collections', () => {
    const methods = ['GET'];
    const statuses = new Set([500]);
    const retry = new Retry({ allowedMethods: methods, statusForcelist: statuses });
    methods.push('POST');
    statuses.add(502);
    expect(retry.isMethodRetryable('POST')).toBe(false);
    expect(retry.statusForcelist.has(502)).toBe(false);
  });

  it('new()/with() copy everything, replacing only what is given', () => {
    const retry = new Retry({
      total: 5,
      connect: 4,
      statusForcelist: [503],
      backoffFactor: 100,
      backoffJitter: 7,
      retryAfterMax: 1000,
      raiseOnStatus: false,
      respectRetryAfterHeader: false,
      removeHeadersOnRedirect: ['x-secret'],
      allowedMethods: null,
    }).increment({ method: 'GET', url: '/a', error: connectError() });
    const copy = retry.new({ read: 1, connect: undefined });
    expect(copy.read).toBe(1);
    expect(copy.connect).toBe(3);
    expect(copy.total).toBe(4);
    expect(copy.statusForcelist).toBe(retry.statusForcelist);
    expect(copy.backoffFactor).toBe(100);
    expect(copy.backoffJitter).toBe(7);
    expect(copy.retryAfterMax).toBe(1000);
    expect(copy.raiseOnStatus).toBe(false);
    expect(copy.respectRetryAfterHeader).toBe(false);
    expect(copy.allowedMethods).toBeNull();
    expect(copy.isHeaderRemovedOnRedirect('X-Secret')).toBe(true);
    expect(copy.history).toBe(retry.history);
    expect(retry.with({ total: null }).total).toBeUndefined();
    expect(retry.with({ total: 9 }).total).toBe(9);
  });

  it('new() keeps the subclass', () => {
    class MyRetry extends Retry {}
    const retry = new MyRetry({ total: 2 });
    expect(retry.new({})).toBeInstanceOf(MyRetry);
    expect(retry.increment({ method: 'GET', error: connectError() })).toBeInstanceOf(MyRetry);
  });
});

describe('Retry.from (urllib3 from_int)', () => {
  it('returns a Retry as is', () => {
    const retry = new Retry({ total: 7 });
    expect(Retry.from(retry)).toBe(retry);
    expect(Retry.from(retry, { redirect: false })).toBe(retry);
  });

  it('uses the default, then Retry.DEFAULT, for nullish values', () => {
    expect(Retry.from(undefined)).toBe(Retry.DEFAULT);
    expect(Retry.from(null)).toBe(Retry.DEFAULT);
    const fallback = new Retry({ total: 1 });
    expect(Retry.from(undefined, { default: fallback })).toBe(fallback);
    expect(Retry.from(null, { default: 4 }).total).toBe(4);
  });

  it('turns a number into total with unbounded redirects, or none when redirect is false', () => {
    const retry = Retry.from(5);
    expect([retry.total, retry.redirect, retry.raiseOnRedirect]).toEqual([5, undefined, true]);
    const noRedirect = Retry.from(5, { redirect: false });
    expect([noRedirect.total, noRedirect.redirect, noRedirect.raiseOnRedirect]).toEqual([
      5,
      0,
      false,
    ]);
  });

  it('false disables retries and redirects; true is one retry as in urllib3', () => {
    const disabled = Retry.from(false);
    expect([disabled.total, disabled.redirect, disabled.raiseOnRedirect]).toEqual([
      false,
      0,
      false,
    ]);
    expect(Retry.from(true).total).toBe(1);
  });

  it('rejects other types', () => {
    expect(() => Retry.from('3' as unknown as number)).toThrow(TypeError);
  });
});

describe('error classification', () => {
  it('connection errors: the ConnectTimeoutError family, also inside a ProxyError', () => {
    expect(isConnectionError(new ConnectTimeoutError('timed out'))).toBe(true);
    expect(isConnectionError(connectError())).toBe(true);
    expect(isConnectionError(new NameResolutionError('h', null, new Error('x')))).toBe(true);
    expect(isConnectionError(new ProxyError('via proxy', { cause: connectError() }))).toBe(true);
    expect(isConnectionError(new ProxyError('via proxy', { cause: readError() }))).toBe(false);
    expect(isConnectionError(readError())).toBe(false);
    expect(isConnectionError(new Error('x'))).toBe(false);
  });

  it('read errors: ReadTimeoutError and the ProtocolError family', () => {
    expect(isReadError(readError())).toBe(true);
    expect(isReadError(new ProtocolError('Connection aborted.'))).toBe(true);
    expect(isReadError(new IncompleteRead(1, 2))).toBe(true);
    expect(isReadError(connectError())).toBe(false);
    expect(isReadError(otherError())).toBe(false);
  });
});

describe('Retry.increment', () => {
  it('counts a connection error against total and connect', () => {
    const retry = new Retry({ total: 5, connect: 3, read: 3, other: 3 });
    const next = retry.increment({ method: 'POST', url: '/a', error: connectError() });
    expect([next.total, next.connect, next.read, next.other]).toEqual([4, 2, 3, 3]);
  });

  it('counts a read error against total and read, for retryable methods', () => {
    const retry = new Retry({ total: 5, connect: 3, read: 3, other: 3 });
    const next = retry.increment({ method: 'GET', url: '/a', error: readError() });
    expect([next.total, next.connect, next.read, next.other]).toEqual([4, 3, 2, 3]);
  });

  it('counts other errors against total and other', () => {
    const retry = new Retry({ total: 5, connect: 3, read: 3, other: 3 });
    const next = retry.increment({ method: 'GET', url: '/a', error: otherError() });
    expect([next.total, next.connect, next.read, next.other]).toEqual([4, 3, 3, 2]);
  });

  it('counts a redirect against total and redirect, recording the location', () => {
    const retry = new Retry({ total: 5, redirect: 3, status: 3 });
    const response = fakeResponse(302, { Location: '/b' });
    const next = retry.increment({ method: 'GET', url: '/a', response });
    expect([next.total, next.redirect, next.status]).toEqual([4, 2, 3]);
    expect(next.history).toEqual([
      { method: 'GET', url: '/a', error: null, status: 302, redirectLocation: '/b' },
    ]);
  });

  it('counts an error status against total and status', () => {
    const retry = new Retry({ total: 5, redirect: 3, status: 3 });
    const next = retry.increment({ method: 'GET', url: '/a', response: fakeResponse(503) });
    expect([next.total, next.redirect, next.status]).toEqual([4, 3, 2]);
    expect(next.history[0]).toEqual({
      method: 'GET',
      url: '/a',
      error: null,
      status: 503,
      redirectLocation: null,
    });
  });

  it('a redirect status without Location counts as an error status', () => {
    const next = new Retry({ status: 2 }).increment({ response: fakeResponse(302) });
    expect([next.redirect, next.status]).toEqual([undefined, 1]);
  });

  it('leaves unbounded counters unbounded', () => {
    const retry = new Retry({ total: null });
    let next = retry;
    for (let i = 0; i < 50; i++) next = next.increment({ method: 'GET', error: connectError() });
    expect(next.total).toBeUndefined();
    expect(next.connect).toBeUndefined();
    expect(next.history).toHaveLength(50);
    expect(next.isExhausted()).toBe(false);
  });

  it('records every attempt in order', () => {
    const first = connectError();
    const second = readError();
    const retry = new Retry({ total: 5 })
      .increment({ method: 'GET', url: '/1', error: first })
      .increment({ method: 'GET', url: '/2', error: second })
      .increment({ method: 'GET', url: '/3', response: fakeResponse(301, { location: '/4' }) });
    expect(retry.history.map((entry) => [entry.url, entry.error, entry.status])).toEqual([
      ['/1', first, null],
      ['/2', second, null],
      ['/3', null, 301],
    ]);
  });
});

describe('Retry exhaustion', () => {
  it('allows exactly `total` retries, then throws MaxRetryError with the error as reason', () => {
    let retry = new Retry({ total: 2 });
    retry = retry.increment({ method: 'GET', url: '/a', error: connectError() });
    retry = retry.increment({ method: 'GET', url: '/a', error: connectError() });
    expect(retry.total).toBe(0);
    expect(retry.isExhausted()).toBe(false);
    const last = connectError();
    const pool = { name: 'pool' };
    const error = caught(() => retry.increment({ method: 'GET', url: '/a', error: last, pool }));
    expect(error).toBeInstanceOf(MaxRetryError);
    const maxRetry = error as MaxRetryError;
    expect(maxRetry.reason).toBe(last);
    expect(maxRetry.cause).toBe(last);
    expect(maxRetry.url).toBe('/a');
    expect(maxRetry.pool).toBe(pool);
    expect(maxRetry.message).toBe(
      'Max retries exceeded with url: /a (Caused by NewConnectionError: Connection refused)',
    );
  });

  it('total: 0 fails on the first retry', () => {
    const error = caught(() =>
      new Retry({ total: 0 }).increment({ method: 'GET', url: '/', error: readError() }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
  });

  it.each([
    ['connect', { connect: 0 }, connectError],
    ['read', { read: 0 }, readError],
    ['other', { other: 0 }, otherError],
  ] as const)('%s: 0 fails on the first error of that kind only', (_kind, options, make) => {
    const retry = new Retry({ total: 10, ...options });
    const error = caught(() => retry.increment({ method: 'GET', url: '/', error: make() }));
    expect(error).toBeInstanceOf(MaxRetryError);
    const others = [connectError, readError, otherError].filter((f) => f !== make);
    for (const other of others) {
      expect(() => retry.increment({ method: 'GET', url: '/', error: other() })).not.toThrow();
    }
  });

  it("too many redirects: reason is ResponseError('too many redirects')", () => {
    const retry = new Retry({ redirect: 1 }).increment({
      method: 'GET',
      url: '/a',
      response: fakeResponse(302, { location: '/b' }),
    });
    const error = caught(() =>
      retry.increment({
        method: 'GET',
        url: '/b',
        response: fakeResponse(307, { location: '/c' }),
      }),
    ) as MaxRetryError;
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(error.reason).toBeInstanceOf(ResponseError);
    expect(error.reason?.message).toBe('too many redirects');
    expect(error.message).toBe(
      'Max retries exceeded with url: /b (Caused by ResponseError: too many redirects)',
    );
  });

  it("too many error statuses: reason is ResponseError('too many 503 error responses')", () => {
    const retry = new Retry({ status: 0 });
    const error = caught(() =>
      retry.increment({ method: 'GET', url: '/a', response: fakeResponse(503) }),
    ) as MaxRetryError;
    expect(error.reason).toBeInstanceOf(ResponseError);
    expect(error.reason?.message).toBe('too many 503 error responses');
  });

  it("without response or error the reason is 'too many error responses'", () => {
    const error = caught(() => new Retry({ total: 0 }).increment({})) as MaxRetryError;
    expect(error.reason?.message).toBe('too many error responses');
  });

  it('isExhausted ignores counters at 0, false or unbounded', () => {
    expect(new Retry({ total: 0, connect: 0, read: false }).isExhausted()).toBe(false);
    expect(new Retry({ total: -1 }).isExhausted()).toBe(true);
    expect(new Retry({ total: null, status: -1 }).isExhausted()).toBe(true);
    expect(new Retry({ total: false }).isExhausted()).toBe(false);
  });
});

describe('errors re-thrown as they are (urllib3 reraise)', () => {
  it('total: false re-throws any error', () => {
    const retry = Retry.from(false);
    for (const make of [connectError, readError, otherError]) {
      const error = make();
      expect(caught(() => retry.increment({ method: 'GET', url: '/', error }))).toBe(error);
    }
  });

  it('total: false with a redirect throws MaxRetryError, which raiseOnRedirect=false lets pass', () => {
    const retry = Retry.from(false);
    const error = caught(() =>
      retry.increment({ method: 'GET', url: '/', response: fakeResponse(302, { location: '/b' }) }),
    ) as MaxRetryError;
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(retry.raiseOnRedirect).toBe(false);
  });

  it('connect: false re-throws a connection error', () => {
    const error = connectError();
    expect(caught(() => new Retry({ connect: false }).increment({ method: 'GET', error }))).toBe(
      error,
    );
  });

  it('read: false re-throws a read error', () => {
    const error = readError();
    expect(caught(() => new Retry({ read: false }).increment({ method: 'GET', error }))).toBe(
      error,
    );
  });

  it('a read error on a method that is not retryable (or unknown) is re-thrown', () => {
    const error = readError();
    const retry = new Retry();
    expect(caught(() => retry.increment({ method: 'POST', error }))).toBe(error);
    expect(caught(() => retry.increment({ error }))).toBe(error);
    expect(retry.increment({ method: 'post', error: connectError() }).total).toBe(9);
    expect(new Retry({ allowedMethods: false }).increment({ method: 'POST', error }).read).toBe(
      undefined,
    );
  });

  it('other: false counts as 0 (urllib3 arithmetic) and fails on the first other error', () => {
    const error = caught(() =>
      new Retry({ other: false }).increment({ method: 'GET', error: otherError() }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
  });
});

describe('Retry.isRetry', () => {
  it('retries forced statuses for retryable methods only', () => {
    const retry = new Retry({ statusForcelist: [500, 502] });
    expect(retry.isRetry('GET', 500)).toBe(true);
    expect(retry.isRetry('get', 502)).toBe(true);
    expect(retry.isRetry('POST', 500)).toBe(false);
    expect(retry.isRetry('GET', 404)).toBe(false);
  });

  it('retries 413, 429 and 503 with Retry-After when respected and total is non-zero', () => {
    const retry = new Retry();
    for (const status of [413, 429, 503]) {
      expect(retry.isRetry('GET', status, true)).toBe(true);
      expect(retry.isRetry('GET', status, false)).toBe(false);
    }
    expect(retry.isRetry('GET', 500, true)).toBe(false);
    expect(new Retry({ respectRetryAfterHeader: false }).isRetry('GET', 429, true)).toBe(false);
    expect(new Retry({ total: 0 }).isRetry('GET', 429, true)).toBe(false);
    expect(new Retry({ total: null }).isRetry('GET', 429, true)).toBe(false);
    expect(new Retry({ total: false }).isRetry('GET', 429, true)).toBe(false);
    expect(retry.isRetry('POST', 429, true)).toBe(false);
  });
});
