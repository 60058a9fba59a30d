// Ported from urllib3's test/with_dummyserver/test_connectionpool.py (selected behaviours,
// against the loopback test server): pool-level vs request-level timeouts, redirects and their
// history, keep-alive reuse and connection counts, release of connections on errors, retries
// on status (forcelist, allowed methods, Retry-After), retries and redirects of bodies, the
// default User-Agent and SKIP_HEADER, and request targets sent as given.
// Not ported: socket-level settimeout mocks, set_tunnel, TARPIT hosts and DNS failures (no
// traffic may leave loopback), HTTP/2 variants, request_chunked deprecation, tell() failures.
import { Readable } from 'node:stream';
import {
  EmptyPoolError,
  InvalidHeader,
  MaxRetryError,
  NewConnectionError,
  ReadTimeoutError,
  Retry,
  SKIP_HEADER,
  Timeout,
  VERSION,
} from '@urlpool/core';
import { freePort, serveBytes, startRawServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';
import { rejection } from './helpers/rejection.ts';

const fx = usePoolFixture();
const pool = fx.pool;

interface Echo {
  method: string;
  url: string;
  path: string;
  args: Record<string, string | string[]>;
  headers: Record<string, string>;
  data: string;
  bodyLength: number;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

let retryKey = 0;
/** A fresh /retry URL failing `failures` times with `status` (and Retry-After if given). */
function retryUrl(failures: number, status: number, retryAfter?: string): string {
  const after = retryAfter === undefined ? '' : `&retry_after=${encodeURIComponent(retryAfter)}`;
  return `/retry?key=u3-${process.pid}-${++retryKey}&failures=${failures}&status=${status}${after}`;
}

/** `/redirect-to` nested so that each hop answers the next status, ending at /get. */
function redirectChain(statuses: readonly number[]): string {
  let url = '/get';
  for (const status of [...statuses].reverse()) {
    url = `/redirect-to?url=${encodeURIComponent(url)}&status_code=${status}`;
  }
  return url;
}

describe('urllib3 with_dummyserver: timeouts', () => {
  it('a pool-level read timeout applies; a request-level one overrides it', async () => {
    const p = pool({ timeout: new Timeout({ read: 50 }), retries: false });
    expect(await rejection(p.request('GET', '/delay/300'))).toBeInstanceOf(ReadTimeoutError);
    const started = performance.now();
    const r = await p.request('GET', '/delay/150', { timeout: 2000 });
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(await rejection(p.request('GET', '/delay/300', { timeout: 50 }))).toBeInstanceOf(
      ReadTimeoutError,
    );
  });

  it('a read timeout names the pool first, alone and as the cause of MaxRetryError', async () => {
    const p = pool({ timeout: new Timeout({ read: 50 }) });
    const prefix = `${String(p)}: Read timed out.`;
    const alone = await rejection(p.request('GET', '/delay/300', { retries: false }));
    expect(alone).toBeInstanceOf(ReadTimeoutError);
    expect(alone.message.startsWith(prefix)).toBe(true);
    expect((alone as ReadTimeoutError).pool).toBe(p);
    expect(String(alone.stack).split('\n')[0]).toBe(`ReadTimeoutError: ${alone.message}`);
    const wrapped = await rejection(p.request('GET', '/delay/300', { retries: 1 }));
    expect(wrapped.message).toContain(`(Caused by ReadTimeoutError: ${prefix}`);
  });

  it('a request-level long timeout is waited for in full, not cut to the pool-level one', async () => {
    const p = pool({ timeout: new Timeout({ read: 30 }), retries: false });
    const started = performance.now();
    const error = await rejection(p.request('GET', '/delay/2000', { timeout: 200 }));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('total caps the read: Timeout({ connect: 3000, read: 5000, total: 50 }) is a ReadTimeoutError', async () => {
    const p = pool({
      timeout: new Timeout({ connect: 3000, read: 5000, total: 50 }),
      retries: false,
    });
    expect(await rejection(p.request('GET', '/delay/500'))).toBeInstanceOf(ReadTimeoutError);
  });

  it('one Timeout serves many requests and pools (no "timeout already started")', async () => {
    const timeout = new Timeout({ connect: 3000, read: 5000 });
    const a = pool({ timeout });
    expect((await a.request('GET', '/get')).status).toBe(200);
    expect((await a.request('GET', '/get')).status).toBe(200);
    expect((await pool({ timeout }).request('GET', '/get')).status).toBe(200);
    expect((await pool({ timeout: new Timeout({}) }).request('GET', '/get')).status).toBe(200);
  });
});

describe('urllib3 with_dummyserver: requests and bodies', () => {
  it('fields: a query for GET (repeated names kept), multipart for POST', async () => {
    const p = pool();
    const fields: Array<[string, string]> = [
      ['foo', 'a'],
      ['foo', 'b'],
    ];
    const get = (await p.request('GET', '/anything', { fields })).json<Echo>();
    expect(new URL(get.url).search).toBe('?foo=a&foo=b');
    const post = (await p.request('POST', '/anything', { fields })).json<Echo>();
    expect(post.data.split('name="foo"').length - 1).toBe(2);
  });

  it('encodeMultipart: false sends fields urlencoded', async () => {
    const r = await pool().request('POST', '/anything', {
      fields: { banana: 'hammock', lol: 'cat' },
      encodeMultipart: false,
    });
    const echo = r.json<Echo>();
    expect(echo.data).toBe('banana=hammock&lol=cat');
    expect(header(echo.headers, 'content-type')).toBe('application/x-www-form-urlencoded');
  });

  it('a body is sent as is; body with fields is a TypeError', async () => {
    const p = pool();
    expect((await p.request('POST', '/echo-body', { body: Buffer.from('hi') })).data).toEqual(
      Buffer.from('hi'),
    );
    await expect(
      p.request('POST', '/echo-body', { body: 'hi', fields: { hi: 'hello' } }),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('a multipart body with a given boundary streams back part by part', async () => {
    const r = await pool().request('POST', '/echo-body', {
      fields: { hello: 'world' },
      multipartBoundary: 'boundary',
      preloadContent: false,
    });
    const chunks: Buffer[] = [];
    for await (const chunk of r) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString()).toBe(
      '--boundary\r\nContent-Disposition: form-data; name="hello"\r\n\r\nworld\r\n--boundary--\r\n',
    );
  });

  it('a partial read, then the rest', async () => {
    const p = pool({ maxsize: 1 });
    const echo = await p.request('POST', '/echo-body', {
      body: 'lol=cat',
      preloadContent: false,
    });
    expect((await echo.read(5)).toString()).toBe('lol=c');
    expect((await echo.read()).toString()).toBe('at');
  });

  it.each([' ', '\r', '\n', '\x00'])(
    'a method with %j throws before anything is sent',
    async (char) => {
      const error = await rejection(pool().request(`GET${char}`, '/get'));
      expect(error).toBeInstanceOf(InvalidHeader);
      expect(fx.server.requests).toHaveLength(0);
    },
  );

  it('CR, LF and spaces in the target are percent-encoded', async () => {
    const echo = (await pool().request('GET', '/anything?q=\r&k=\n \n')).json<Echo>();
    expect(echo.args).toEqual({ q: '\r', k: '\n \n' });
    expect(new URL(echo.url).search).toBe('?q=%0D&k=%0A%20%0A');
  });

  it('dot segments in the path are sent as given', async () => {
    await pool().request('GET', '/anything/seg0/../seg2');
    expect(fx.server.requests[0]!.url).toBe('/anything/seg0/../seg2');
  });

  it('a mixed-case host name works for the pool and for an absolute URL to it', async () => {
    const p = fx.track(new HTTPConnectionPool('LoCaLhOsT', { port: fx.server.port }));
    const r = await p.request('GET', `http://LoCaLhOsT:${fx.server.port}/get`);
    expect(r.status).toBe(200);
  });
});

describe('urllib3 with_dummyserver: User-Agent and SKIP_HEADER', () => {
  it('the default User-Agent, a request one in any case, and pool headers left untouched', async () => {
    const defaultUa = `urlpool/${VERSION}`;
    const ua = async (p: HTTPConnectionPool, headers?: Record<string, string>) =>
      header(
        (await p.request('GET', '/headers', headers ? { headers } : {})).json<Echo>().headers,
        'user-agent',
      );
    expect(await ua(pool())).toBe(defaultUa);
    expect(await ua(pool(), { 'UsEr-AGENt': 'custom' })).toBe('custom');
    const poolHeaders = { foo: 'bar' };
    expect(await ua(pool({ headers: poolHeaders }))).toBe(defaultUa);
    expect(poolHeaders).toEqual({ foo: 'bar' });
    expect(await ua(pool({ headers: { 'User-Agent': 'pool-ua' } }))).toBe('pool-ua');
  });

  it.each([
    [undefined, false],
    [{}, false],
    [{ 'User-Agent': 'key' }, false],
    [{ 'user-agent': 'key' }, true],
    [{ 'uSeR-AgEnT': 'key' }, true],
  ])('User-Agent is sent once (headers %j, chunked %s)', async (headers, chunked) => {
    const r = await pool().request('GET', '/headers', {
      ...(headers === undefined ? {} : { headers }),
      chunked,
    });
    expect(r.status).toBe(200);
    const seen = fx.server.requests[0]!.rawHeaders.filter(
      ([k]) => k.toLowerCase() === 'user-agent',
    );
    expect(seen).toHaveLength(1);
    const expected =
      headers === undefined || Object.keys(headers).length === 0 ? /^urlpool\// : /^key$/;
    expect(seen[0]![1]).toMatch(expected);
  });

  it('SKIP_HEADER omits User-Agent, from request or pool headers, without changing them', async () => {
    const skip = { 'User-Agent': SKIP_HEADER };
    const names = async (p: HTTPConnectionPool, headers?: Record<string, string>) => {
      await p.request('GET', '/headers', headers ? { headers } : {});
      return fx.server.requests.at(-1)!.rawHeaders.map(([k]) => k.toLowerCase());
    };
    expect(await names(pool(), skip)).not.toContain('user-agent');
    expect(await names(pool({ headers: skip }))).not.toContain('user-agent');
    const poolHeaders = { 'User-Agent': 'custom' };
    expect(await names(pool({ headers: poolHeaders }), skip)).not.toContain('user-agent');
    expect(skip['User-Agent']).toBe(SKIP_HEADER);
    expect(poolHeaders['User-Agent']).toBe('custom');
  });

  it.each([
    ['Content-Length', true],
    ['content-length', false],
  ])(
    'SKIP_HEADER for %s (chunked %s) throws naming the skippable headers',
    async (name, chunked) => {
      const error = await rejection(
        pool().request('GET', '/headers', { headers: { [name]: SKIP_HEADER }, chunked }),
      );
      for (const skippable of ['Accept-Encoding', 'Host', 'User-Agent']) {
        expect(error.message).toContain(skippable);
      }
      expect(fx.server.requests).toHaveLength(0);
    },
  );

  it('a non-ASCII User-Agent goes as Latin-1', async () => {
    await pool({ retries: false }).urlopen('GET', '/headers', {
      headers: { 'User-Agent': 'Schönefeld/1.18.0' },
    });
    const raw = fx.server.requests[0]!.rawHeaders.find(([k]) => k.toLowerCase() === 'user-agent');
    expect(raw![1]).toBe('Schönefeld/1.18.0');
  });
});

describe('urllib3 with_dummyserver: keep-alive and release', () => {
  it('block, maxsize 1: two requests share one connection', async () => {
    const p = pool({ block: true, maxsize: 1 });
    await p.request('GET', '/get');
    const r = await p.request('GET', '/get');
    expect(r.status).toBe(200);
    expect(p.numConnections).toBe(1);
    expect(p.numRequests).toBe(2);
  });

  it('Connection: close from the request closes the connection; keep-alive keeps it', async () => {
    const p = pool({ block: true, maxsize: 1, timeout: 2000 });
    await p.request('GET', '/get', { retries: 0, headers: { Connection: 'close' } });
    expect(p.numConnections).toBe(1);
    expect(p.stats.open).toBe(0);
    await p.request('GET', '/get', { retries: 0, headers: { Connection: 'keep-alive' } });
    expect(p.numConnections).toBe(2);
    expect(p.stats.idle).toBe(1);
    await p.request('GET', '/get', { retries: 0, headers: { Connection: 'close' } });
    expect(p.numConnections).toBe(2);
    expect(p.stats.open).toBe(0);
    expect((await p.request('GET', '/get')).status).toBe(200);
    expect(p.numConnections).toBe(3);
  });

  it.each([1, 16])('maxsize %i: three sequential requests use one connection', async (maxsize) => {
    const p = pool({ maxsize });
    for (let i = 0; i < 3; i++) await p.request('GET', '/get');
    expect(p.numConnections).toBe(1);
    expect(p.numRequests).toBe(3);
  });

  it('streamed chunked responses read to the end give their connection back', async () => {
    const p = pool();
    for (let i = 0; i < 2; i++) {
      const r = await p.request('GET', '/stream-bytes/3', {
        headers: { Connection: 'keep-alive' },
        preloadContent: false,
        retries: false,
      });
      const chunks: Buffer[] = [];
      for await (const chunk of r.stream()) chunks.push(chunk);
      expect(Buffer.concat(chunks)).toHaveLength(3);
    }
    expect(p.numConnections).toBe(1);
    expect(p.numRequests).toBe(2);
  });

  it('a held half-read response keeps the only connection: the next request gets EmptyPoolError', async () => {
    const p = pool({ block: true, maxsize: 1, timeout: 2000 });
    const body = 'a'.repeat(2048);
    const r1 = await p.request('POST', '/echo-body', { body, preloadContent: false });
    expect((await r1.read(512)).toString()).toBe(body.slice(0, 512));
    const error = await rejection(
      p.request('POST', '/echo-body', {
        body: 'b'.repeat(2048),
        preloadContent: false,
        poolTimeout: 1,
      }),
    );
    expect(error).toBeInstanceOf(EmptyPoolError);
    expect((await r1.read()).toString()).toBe(body.slice(512));
    expect(p.numRequests).toBe(1);
    expect(p.numConnections).toBe(1);
  });

  it('connections are never released twice', async () => {
    const p = pool({ maxsize: 5 });
    await p.urlopen('GET', '/get');
    expect(p.stats).toMatchObject({ open: 1, idle: 1 });
    const held = await p.urlopen('GET', '/get', { preloadContent: false });
    expect(p.stats).toMatchObject({ open: 1, idle: 0, active: 1 });
    await p.urlopen('GET', '/get');
    expect(p.stats).toMatchObject({ open: 2, idle: 1, active: 1 });
    const r = await p.urlopen('GET', '/get');
    void r.data;
    void r.data;
    r.releaseConn();
    expect(p.stats).toMatchObject({ open: 2, idle: 1, active: 1 });
    await held.drainConn();
    held.releaseConn();
    expect(p.stats).toMatchObject({ open: 2, idle: 2, active: 0 });
  });

  it('releaseConn: false with preloadContent: false keeps the connection out of the pool', async () => {
    const p = pool({ maxsize: 5 });
    const r = await p.request('GET', '/get', { releaseConn: false, preloadContent: false });
    expect(p.stats).toMatchObject({ idle: 0, active: 1 });
    await r.drainConn();
  });

  it('a failed redirect and a kept response still leave every slot of a blocking pool usable', async () => {
    const p = pool({ maxsize: 3, block: true });
    const error = await rejection(
      p.request('GET', redirectChain([303]), { releaseConn: false, retries: 0 }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const r = await p.request('GET', redirectChain([303]), { releaseConn: false, retries: 1 });
    r.releaseConn();
    expect(p.stats).toMatchObject({ active: 0, queued: 0 });
    const all = await Promise.all(
      [1, 2, 3].map(() => p.request('GET', '/get', { preloadContent: false, poolTimeout: 200 })),
    );
    for (const held of all) await held.drainConn();
  });

  it('sourceAddress binds the local end: the server sees that address and port', async () => {
    const port = await freePort();
    const p = pool({ sourceAddress: ['127.0.0.1', port], retries: false });
    const r = await p.request('GET', '/ip');
    expect(r.json<{ origin: string }>().origin).toBe('127.0.0.1');
    const byHost = pool({ sourceAddress: '127.0.0.1', retries: false });
    expect((await byHost.request('GET', '/ip')).json<{ origin: string }>().origin).toBe(
      '127.0.0.1',
    );
  });

  it.each([
    ['an address of no local interface', ['192.0.2.1', 0] as const],
    ['an IPv6 address for an IPv4 server', ['::1', 0] as const],
  ])('sourceAddress %s: NewConnectionError', async (_n, sourceAddress) => {
    const p = pool({ sourceAddress, retries: false });
    const error = await rejection(p.request('GET', '/ip'));
    expect(error).toBeInstanceOf(NewConnectionError);
  });

  it('a refused connection with connect retries: MaxRetryError caused by NewConnectionError', async () => {
    const port = await freePort();
    const p = fx.track(new HTTPConnectionPool('127.0.0.1', { port }));
    const error = await rejection(p.request('GET', '/', { retries: new Retry({ connect: 3 }) }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason?.constructor).toBe(NewConnectionError);
  });
});

describe('urllib3 with_dummyserver: redirects', () => {
  it('redirect: false returns the 303; redirect: true follows it', async () => {
    const p = pool();
    expect((await p.request('GET', redirectChain([303]), { redirect: false })).status).toBe(303);
    const r = await p.request('GET', redirectChain([303]));
    expect(r.status).toBe(200);
  });

  it('a 303 after a POST loses the body and its Content-Type', async () => {
    const url = `/redirect-to?url=${encodeURIComponent('/anything')}&status_code=303`;
    const r = await pool().request('POST', url, { fields: { a: 'b' } });
    const echo = r.json<Echo>();
    expect(echo.method).toBe('GET');
    expect(echo.args).toEqual({});
    expect(echo.bodyLength).toBe(0);
    expect(header(echo.headers, 'content-type')).toBeUndefined();
  });

  it('retries: 0 on a redirect is MaxRetryError; retries: false or Retry({ redirect: false }) returns it', async () => {
    const p = pool();
    expect(await rejection(p.request('GET', redirectChain([303]), { retries: 0 }))).toBeInstanceOf(
      MaxRetryError,
    );
    expect((await p.request('GET', redirectChain([303]), { retries: false })).status).toBe(303);
    expect(
      (await p.request('GET', redirectChain([303]), { retries: new Retry({ redirect: false }) }))
        .status,
    ).toBe(303);
  });

  it('the final response carries the redirect history', async () => {
    const url = redirectChain([303]);
    const r = await pool().request('GET', url);
    expect(r.retries!.history).toEqual([
      { method: 'GET', url, error: null, status: 303, redirectLocation: '/get' },
    ]);
  });

  it('history of a chain 303, 302, 301, 307, 302; none with redirect: false', async () => {
    const statuses = [303, 302, 301, 307, 302];
    const p = pool();
    const first = await p.request('GET', redirectChain(statuses), { redirect: false });
    expect(first.status).toBe(303);
    expect(first.retries!.history).toEqual([]);
    const r = await p.request('GET', redirectChain(statuses), { retries: 10 });
    expect(r.status).toBe(200);
    expect(r.retries!.history.map((h) => [h.status, h.redirectLocation])).toEqual(
      statuses.map((status, i) => [status, redirectChain(statuses.slice(i + 1))]),
    );
  });

  it('a redirect with Retry-After waits before following it', async () => {
    await using raw = await startRawServer(
      serveBytes((request) =>
        request.toString('latin1').startsWith('GET /after ')
          ? 'HTTP/1.1 303 See Other\r\nLocation: /done\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n'
          : 'HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone',
      ),
    );
    const p = fx.track(new HTTPConnectionPool('127.0.0.1', { port: raw.port }));
    expect((await p.request('GET', '/after', { retries: false })).status).toBe(303);
    const started = performance.now();
    const r = await p.request('GET', '/after');
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe('urllib3 with_dummyserver: retries on status', () => {
  it.each([
    [
      'read: 1 with 418 in the forcelist',
      new Retry({ read: 1, statusForcelist: [418] }),
      'GET',
      200,
    ],
    [
      'total: 1 with 418 in the forcelist',
      new Retry({ total: 1, statusForcelist: [418] }),
      'GET',
      200,
    ],
    ['a forcelist without 418', new Retry({ total: 1, statusForcelist: [202] }), 'GET', 418],
    [
      'OPTIONS, allowed by default',
      new Retry({ total: 1, statusForcelist: [418] }),
      'OPTIONS',
      200,
    ],
    [
      'a method outside allowedMethods',
      new Retry({ total: 1, statusForcelist: [418], allowedMethods: ['POST'] }),
      'GET',
      418,
    ],
    ['retries: 1 without a forcelist', 1, 'GET', 418],
  ] as const)('%s', async (_name, retries, method, expected) => {
    const r = await pool().request(method, retryUrl(1, 418), { retries });
    expect(r.status).toBe(expected);
  });

  it('one Retry serves requests on two pools (never mutated)', async () => {
    const retries = new Retry({ total: 1, statusForcelist: [418] });
    expect((await pool().request('GET', retryUrl(1, 418), { retries })).status).toBe(200);
    expect((await pool().request('GET', retryUrl(1, 418), { retries })).status).toBe(200);
    expect(retries.total).toBe(1);
    expect(retries.history).toEqual([]);
  });

  it('the response carries the Retry it ended with, history included', async () => {
    const url = retryUrl(1, 418);
    const r = await pool().request('GET', url, {
      retries: new Retry({ total: 2, statusForcelist: [418] }),
    });
    expect(r.status).toBe(200);
    expect(r.retries!.total).toBe(1);
    expect(r.retries!.history).toEqual([
      { method: 'GET', url, error: null, status: 418, redirectLocation: null },
    ]);
  });

  it('Retry-After is honoured on 429 and 503, ignored on 418', async () => {
    const p = pool();
    for (const status of [429, 503]) {
      expect((await p.request('GET', retryUrl(1, status, '1'), { retries: false })).status).toBe(
        status,
      );
      const started = performance.now();
      expect((await p.request('GET', retryUrl(1, status, '1'))).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    }
    const started = performance.now();
    expect((await p.request('GET', retryUrl(1, 418, '1'))).status).toBe(418);
    expect(performance.now() - started).toBeLessThan(900);
  });

  it('a Retry-After date in the past means no wait', async () => {
    const past = new Date(Date.now() - 5000).toUTCString();
    const started = performance.now();
    const r = await pool().request('GET', retryUrl(1, 503, past));
    expect(r.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(900);
  });
});

describe('urllib3 with_dummyserver: bodies on retry and redirect', () => {
  it('a PUT Buffer body with Content-Length is re-sent on a status retry', async () => {
    const data = Buffer.alloc(65535, 'A');
    const r = await pool({ timeout: 5000 }).urlopen('PUT', retryUrl(1, 418), {
      headers: { 'Content-Length': String(data.length) },
      retries: new Retry({ total: 3, statusForcelist: [418] }),
      body: data,
      assertSameHost: false,
      redirect: false,
    });
    expect(r.status).toBe(200);
    const puts = fx.server.requests.filter((q) => q.method === 'PUT');
    expect(puts.map((q) => q.body.length)).toEqual([65535, 65535]);
  });

  it('a PUT body follows a 307 redirect', async () => {
    const data = Buffer.alloc(65535, 'A');
    const url = `/redirect-to?url=${encodeURIComponent('/echo-body')}&status_code=307`;
    const r = await pool({ timeout: 5000 }).urlopen('PUT', url, {
      headers: { 'Content-Length': String(data.length) },
      retries: new Retry({ total: 3, statusForcelist: [418] }),
      body: data,
      assertSameHost: false,
      redirect: true,
    });
    expect(r.status).toBe(200);
    expect(r.data).toEqual(data);
  });

  it('a one-shot stream body cannot follow a 307: UnrewindableBodyError', async () => {
    const url = `/redirect-to?url=${encodeURIComponent('/echo-body')}&status_code=307`;
    const error = await rejection(
      pool().urlopen('PUT', url, {
        headers: { 'Content-Length': '8' },
        body: Readable.from([Buffer.from('the data')]),
      }),
    );
    expect(error.name).toBe('UnrewindableBodyError');
  });
});

describe('urllib3 with_dummyserver: pool size across retries and redirects', () => {
  it('a status retry reuses the connection (blocking pool of 10)', async () => {
    const p = pool({
      maxsize: 10,
      block: true,
      retries: new Retry({ total: 1, raiseOnStatus: false, statusForcelist: [404] }),
    });
    const r = await p.urlopen('GET', '/status/404', { preloadContent: false });
    expect(r.status).toBe(404);
    expect(p.numConnections).toBe(1);
    await r.drainConn();
  });

  it('a redirect reuses the connection (blocking pool of 10)', async () => {
    const p = pool({
      maxsize: 10,
      block: true,
      retries: new Retry({ total: 1, raiseOnStatus: false, statusForcelist: [404], redirect: 1 }),
    });
    const r = await p.urlopen('GET', '/redirect/1', { preloadContent: false });
    expect(r.status).toBe(200);
    expect(p.numConnections).toBe(1);
    await r.drainConn();
  });
});
