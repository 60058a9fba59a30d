import { type DispatchRequest, type Interceptor, ReadTimeoutError, Retry } from '@urlpool/core';
import { HTTPConnectionPool } from '@urlpool/pool';
import type { HTTPResponse } from '@urlpool/response-streams';
import { createMemoryTransport, type MemoryHandler } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

/** Records every request it sees and the status it got (or the error name). */
function recorder(): {
  seen: string[];
  requests: DispatchRequest[];
  spy: Interceptor<HTTPResponse>;
} {
  const seen: string[] = [];
  const requests: DispatchRequest[] = [];
  const spy: Interceptor<HTTPResponse> = (next) => async (request) => {
    requests.push(request);
    const line = `${request.method} ${request.scheme}://${request.host}:${request.port}${request.path}`;
    try {
      const response = await next(request);
      seen.push(`${line} -> ${response.status}`);
      return response;
    } catch (error) {
      seen.push(`${line} -> ${(error as Error).name}`);
      throw error;
    }
  };
  return { seen, requests, spy };
}

/** /flaky times out once, /busy answers 503 once, /hop 302s to /flaky, /away 303s to b.invalid. */
function handler(): MemoryHandler {
  const counts = new Map<string, number>();
  return (request) => {
    const key = `${request.origin}${request.path}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    switch (request.path) {
      case '/flaky':
        return count === 1
          ? { status: 0, error: new ReadTimeoutError(null, request.path, 'Read timed out.') }
          : { status: 200, body: 'ok' };
      case '/busy':
        return count === 1 ? { status: 503 } : { status: 200, body: 'ok' };
      case '/hop':
        return { status: 302, headers: { Location: '/busy' } };
      case '/away':
        return { status: 303, headers: { Location: 'http://b.invalid:81/flaky' } };
      default:
        return { status: 404 };
    }
  };
}

const retries = (): Retry => new Retry({ total: 5, statusForcelist: [503], backoffFactor: 0 });

describe('a user interceptor registered once sees every attempt', () => {
  it('at pool level: error retries, status retries and same-host redirects', async () => {
    const { seen, spy } = recorder();
    const transport = createMemoryTransport(handler());
    await using pool = new HTTPConnectionPool('a.invalid', {
      ...transport.options,
      retries: retries(),
      interceptors: [spy],
    });
    const response = await pool.request('GET', '/hop');
    expect(response.status).toBe(200);
    expect(await (await pool.request('GET', '/flaky')).data.toString()).toBe('ok');
    expect(seen).toEqual([
      'GET http://a.invalid:80/hop -> 302',
      'GET http://a.invalid:80/busy -> 503',
      'GET http://a.invalid:80/busy -> 200',
      'GET http://a.invalid:80/flaky -> ReadTimeoutError',
      'GET http://a.invalid:80/flaky -> 200',
    ]);
  });

  it('at manager level: the same, plus cross-host redirects, in the same shape', async () => {
    const pool = recorder();
    const manager = recorder();
    const transport = createMemoryTransport(handler());
    await using single = new HTTPConnectionPool('a.invalid', {
      ...transport.options,
      retries: retries(),
      interceptors: [pool.spy],
    });
    await single.request('GET', '/hop');
    await using http = new PoolManager({
      ...transport.options,
      retries: retries(),
      interceptors: [manager.spy],
    });
    expect((await http.request('GET', 'http://a.invalid/hop')).status).toBe(200);
    const away = await http.request('POST', 'http://a.invalid/away', { body: 'x' });
    expect([away.status, away.data.toString()]).toEqual([200, 'ok']);
    expect(manager.seen).toEqual([
      'GET http://a.invalid:80/hop -> 302',
      'GET http://a.invalid:80/busy -> 200', // 503 once per origin+path: counted at pool level above
      'POST http://a.invalid:80/away -> 303',
      'GET http://b.invalid:81/flaky -> ReadTimeoutError',
      'GET http://b.invalid:81/flaky -> 200',
    ]);
    // One request shape at both levels: the same keys, the Retry history growing per attempt.
    const keys = (r: DispatchRequest): string[] => Object.keys(r).sort();
    expect(keys(manager.requests[0]!)).toEqual(keys(pool.requests[0]!));
    // Two requests: each starts with a fresh Retry.
    expect(manager.requests.map((r) => r.retries.history.length)).toEqual([0, 1, 0, 1, 2]);
    expect(manager.requests[3]!.body).toEqual({ type: 'empty' });
  });

  it('a user interceptor can answer without calling the pool, or change the request', async () => {
    const transport = createMemoryTransport((request) => ({
      status: 200,
      body: String(request.headers.list.join('|')),
    }));
    const addHeader: Interceptor<HTTPResponse> = (next) => (request) =>
      next({ ...request, headers: { 'X-Trace': `t-${request.path}` } });
    await using pool = new HTTPConnectionPool('a.invalid', {
      ...transport.options,
      interceptors: [addHeader],
    });
    expect((await pool.request('GET', '/p')).data.toString()).toBe('X-Trace|t-/p');
  });
});
