import { HostChangedError, MaxRetryError, ResponseError, Retry } from '@urlpool/core';
import { serveBytes, startRawServer, startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';
import { rejection } from './helpers/rejection.ts';

const fx = usePoolFixture();
const { pool } = fx;
/** A second origin, for cross-host redirects. */
let other: TestServer;

function redirectTo(url: string, status: number): string {
  return `/redirect-to?url=${encodeURIComponent(url)}&status_code=${status}`;
}

beforeAll(async () => {
  other = await startTestServer();
});
afterEach(() => {
  other.resetStats();
});
afterAll(async () => {
  await other.close();
});

describe('pool-level redirects', () => {
  it('follows a same-host chain on one reused connection; url and history show it', async () => {
    const p = pool();
    const r = await p.request('GET', '/redirect/3');
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${fx.server.url}/get`);
    const history = r.retries!.history;
    expect(history.map((h) => [h.url, h.status, h.redirectLocation])).toEqual([
      ['/redirect/3', 302, '/redirect/2'],
      ['/redirect/2', 302, '/redirect/1'],
      ['/redirect/1', 302, '/get'],
    ]);
    expect(fx.server.requests.map((q) => q.url)).toEqual([
      '/redirect/3',
      '/redirect/2',
      '/redirect/1',
      '/get',
    ]);
    // Redirect bodies were drained, so every hop reused the same socket.
    expect(fx.server.totalConnections).toBe(1);
    expect(p.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
  });

  it('a chain of 3 with Retry({ redirect: 2 }) throws MaxRetryError: too many redirects', async () => {
    const p = pool();
    const error = await rejection(
      p.request('GET', '/redirect/3', { retries: new Retry({ redirect: 2 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ResponseError);
    expect(reason!.message).toBe('too many redirects');
    expect(error.message).toContain('too many redirects');
    expect(fx.server.requests).toHaveLength(3);
    // The last redirect's connection went back to the pool.
    expect(p.stats.active).toBe(0);
  });

  it('returns the redirect response when raiseOnRedirect is false', async () => {
    const p = pool();
    const r = await p.request('GET', '/redirect/3', {
      retries: new Retry({ redirect: 1, raiseOnRedirect: false }),
    });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/redirect/1');
    expect(r.data.toString()).toContain('redirecting to');
  });

  it('returns the redirect response with redirect: false or retries: false', async () => {
    const p = pool();
    expect((await p.request('GET', '/redirect/1', { redirect: false })).status).toBe(302);
    expect((await p.request('GET', '/redirect/1', { retries: false })).status).toBe(302);
    expect(fx.server.requests).toHaveLength(2);
  });

  it('total counts redirects too (retries: 1 allows one redirect)', async () => {
    const p = pool();
    expect((await p.request('GET', '/redirect/1', { retries: 1 })).status).toBe(200);
    const error = await rejection(p.request('GET', '/redirect/2', { retries: 1 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    // Without a total bound only the redirect counter limits the chain.
    const r = await p.request('GET', '/redirect/6', {
      retries: new Retry({ total: null, redirect: 6 }),
    });
    expect(r.status).toBe(200);
    expect(r.retries!.history).toHaveLength(6);
  });

  it('throws HostChangedError for a redirect to another host', async () => {
    const p = pool();
    const error = await rejection(p.request('GET', redirectTo(`${other.url}/get`, 302)));
    expect(error).toBeInstanceOf(HostChangedError);
    expect(other.requests).toHaveLength(0);
    expect(p.stats.active).toBe(0);
  });

  it('303 turns a POST into a GET without body or body headers', async () => {
    const p = pool();
    const r = await p.request('POST', redirectTo('/anything/after', 303), {
      body: 'secret form',
      headers: { 'Content-Type': 'text/plain', 'X-Keep': 'yes' },
    });
    expect(r.status).toBe(200);
    const [first, second] = fx.server.requests;
    expect(first!.method).toBe('POST');
    expect(first!.body.toString()).toBe('secret form');
    expect(second!.method).toBe('GET');
    expect(second!.url).toBe('/anything/after');
    expect(second!.body.length).toBe(0);
    expect(second!.headers['content-type']).toBeUndefined();
    expect(second!.headers['content-length']).toBeUndefined();
    expect(second!.headers['x-keep']).toBe('yes');
  });

  for (const status of [301, 302, 307, 308]) {
    it(`${status} keeps the method and re-sends the body`, async () => {
      const p = pool();
      const r = await p.request('PUT', redirectTo('/anything/target', status), {
        body: Buffer.from('payload bytes'),
      });
      expect(r.status).toBe(200);
      expect(fx.server.requests.map((q) => [q.method, q.body.toString()])).toEqual([
        ['PUT', 'payload bytes'],
        ['PUT', 'payload bytes'],
      ]);
    });
  }

  it('a POST body (string) is re-sent on 307', async () => {
    const p = pool();
    const r = await p.request('POST', redirectTo('/echo-body', 307), {
      body: 'héllo 307',
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    expect(r.status).toBe(200);
    expect(r.data.toString()).toBe('héllo 307');
    expect(fx.server.requests[1]!.headers['content-length']).toBe(
      String(Buffer.byteLength('héllo 307')),
    );
  });

  it('drains redirect bodies undecoded and reuses their connection', async () => {
    // A redirect whose body claims gzip but is not: decoding it would fail.
    const raw = await startRawServer(
      serveBytes((request) =>
        request.toString('latin1').startsWith('GET /start ')
          ? 'HTTP/1.1 302 Found\r\nLocation: /final\r\nContent-Encoding: gzip\r\n' +
            'Content-Length: 9\r\n\r\nnot gzip!'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone',
      ),
    );
    try {
      const p = fx.track(new HTTPConnectionPool('127.0.0.1', { port: raw.port }));
      const r = await p.request('GET', '/start');
      expect(r.data.toString()).toBe('done');
      expect(raw.totalConnections).toBe(1);
      expect(raw.requestsSeen).toBe(2);
    } finally {
      fx.closePools();
      await raw.close();
    }
  });

  it('honours Retry-After on a redirect', async () => {
    const raw = await startRawServer(
      serveBytes((request) =>
        request.toString('latin1').startsWith('GET /wait ')
          ? 'HTTP/1.1 301 Moved\r\nLocation: /there\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
      ),
    );
    try {
      const p = fx.track(new HTTPConnectionPool('127.0.0.1', { port: raw.port }));
      const started = performance.now();
      const r = await p.request('GET', '/wait');
      expect(r.data.toString()).toBe('ok');
      expect(performance.now() - started).toBeGreaterThanOrEqual(980);
    } finally {
      fx.closePools();
      await raw.close();
    }
  });
});
