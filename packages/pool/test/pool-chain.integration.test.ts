import type { Interceptor } from '@urlpool/core';
import type { HTTPResponse } from '@urlpool/response-streams';
import { serveBytes, startRawServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// The retry/redirect chain of a pool without interceptors is built on its first request (a
// PoolManager's pools are only dispatched to); with interceptors it is built, as ever, in the
// constructor.
let raw: Awaited<ReturnType<typeof startRawServer>>;

beforeAll(async () => {
  raw = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
});
afterAll(async () => {
  await raw.close();
});

describe('the pool chain', () => {
  it('an interceptor that returns no dispatch function still fails the constructor', () => {
    const broken = (() => undefined) as unknown as Interceptor<HTTPResponse>;
    expect(() => new HTTPConnectionPool('127.0.0.1', { interceptors: [broken] })).toThrow(
      /did not return a dispatch function/,
    );
  });

  it('interceptors are composed once, at construction, and see every request', async () => {
    let composed = 0;
    let seen = 0;
    const count: Interceptor<HTTPResponse> = (next) => {
      composed++;
      return (request) => {
        seen++;
        return next(request);
      };
    };
    await using pool = new HTTPConnectionPool('127.0.0.1', {
      port: raw.port,
      interceptors: [count],
    });
    expect(composed).toBe(1);
    for (let i = 0; i < 3; i++) expect((await pool.request('GET', '/')).data.toString()).toBe('ok');
    expect([composed, seen]).toEqual([1, 3]);
  });

  it('a pool without interceptors retries and answers from its first request on', async () => {
    await using pool = new HTTPConnectionPool('127.0.0.1', { port: raw.port });
    const [a, b] = await Promise.all([pool.request('GET', '/'), pool.urlopen('GET', '/')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(pool.numRequests).toBe(2);
  });
});
