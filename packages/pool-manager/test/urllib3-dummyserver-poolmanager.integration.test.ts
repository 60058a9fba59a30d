// Ported from urllib3's test/with_dummyserver/test_poolmanager.py (selected behaviours,
// against two loopback test servers: another port is another host): redirects with manager-
// and request-level retries, cross-host redirects and remove_headers_on_redirect, release of
// the connection on redirects, unknown schemes in Location, raise_on_status, manager headers,
// credentials in the URL, request-target encoding, bodies and IPv6.
// Not ported here: the top-level request() tests (the urlpool umbrella package), port_by_scheme
// monkeypatching, logging records.
import {
  HTTPHeaderDict,
  InvalidHeader,
  MaxRetryError,
  Retry,
  URLSchemeUnknown,
} from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager, type PoolManagerOptions } from '../src/index.ts';

let a: TestServer;
let b: TestServer;
let v6: TestServer | null;
const managers: PoolManager[] = [];

function manager(options: PoolManagerOptions = {}): PoolManager {
  const m = new PoolManager(options);
  managers.push(m);
  return m;
}

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  v6 = await startTestServer({ host: '::1' }).catch(() => null);
});
afterEach(() => {
  for (const m of managers.splice(0)) m.clear();
  a.resetStats();
  b.resetStats();
});
afterAll(async () => {
  await Promise.all([a.close(), b.close(), v6?.close()]);
});

/** `/redirect-to` on server `a` answering `status` (303 by default) to `target`. */
function redirect(target: string, status = 303): string {
  return `${a.url}/redirect-to?url=${encodeURIComponent(target)}&status_code=${status}`;
}

function headerNames(server: TestServer, index = -1): string[] {
  return server.requests.at(index)!.rawHeaders.map(([k]) => k.toLowerCase());
}

function header(server: TestServer, name: string, index = -1): string | undefined {
  return server.requests.at(index)!.rawHeaders.find(([k]) => k.toLowerCase() === name)?.[1];
}

describe('urllib3 with_dummyserver test_poolmanager: redirects', () => {
  it.each([
    ['no retries option', {}],
    ['retries: 1', { retries: 1 }],
    ['retries: new Retry({ total: 1 })', { retries: new Retry({ total: 1 }) }],
  ])(
    'one redirect with %s: returned with redirect: false, followed otherwise',
    async (_n, options) => {
      const http = manager(options);
      expect(
        (await http.request('GET', redirect(`${a.url}/get`), { redirect: false })).status,
      ).toBe(303);
      const r = await http.request('GET', redirect(`${a.url}/get`));
      expect(r.status).toBe(200);
      expect(r.url).toBe(`${a.url}/get`);
    },
  );

  it.each([
    ['no retries option', {}],
    ['retries: 2', { retries: 2 }],
    ['retries: new Retry({ total: 2 })', { retries: new Retry({ total: 2 }) }],
  ])('two redirects with %s are followed', async (_n, options) => {
    const http = manager(options);
    expect(
      (await http.request('GET', redirect(redirect(`${a.url}/get`)), { redirect: false })).status,
    ).toBe(303);
    expect((await http.request('GET', redirect(redirect(`${a.url}/get`)))).status).toBe(200);
  });

  it('a relative Location is resolved against the request URL', async () => {
    const http = manager();
    expect((await http.request('GET', redirect('/get'), { redirect: false })).status).toBe(303);
    const r = await http.request('GET', redirect('/get'));
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${a.url}/get`);
  });

  it.each([
    ['0', 0],
    ['Retry({ total: 0 })', new Retry({ total: 0 })],
    ['Retry({ redirect: 0 })', new Retry({ redirect: 0 })],
    ['Retry({ total: 0, redirect: 0 })', new Retry({ total: 0, redirect: 0 })],
  ])(
    'manager retries %s: MaxRetryError, even with redirect: true; redirect: false returns the 303',
    async (_n, retries) => {
      const http = manager({ retries });
      const url = `${a.url}/redirect/1`;
      await expect(http.request('GET', url)).rejects.toBeInstanceOf(MaxRetryError);
      await expect(http.request('GET', url, { redirect: true })).rejects.toBeInstanceOf(
        MaxRetryError,
      );
      expect((await http.request('GET', url, { redirect: false })).status).toBe(302);
    },
  );

  it.each([
    ['false', false as const],
    ['Retry({ total: false })', new Retry({ total: false })],
    ['Retry({ redirect: false })', new Retry({ redirect: false })],
    ['Retry({ total: false, redirect: false })', new Retry({ total: false, redirect: false })],
  ])(
    'manager retries %s: the redirect is returned, whatever redirect says',
    async (_n, retries) => {
      const http = manager({ retries });
      const url = `${a.url}/redirect/1`;
      expect((await http.request('GET', url)).status).toBe(302);
      expect((await http.request('GET', url, { redirect: true })).status).toBe(302);
      expect((await http.request('GET', url, { redirect: false })).status).toBe(302);
    },
  );

  it('request-level retries: 0 raises, false returns the redirect; redirect: false always returns it', async () => {
    const http = manager();
    const url = `${a.url}/redirect/1`;
    await expect(http.request('GET', url, { retries: 0 })).rejects.toBeInstanceOf(MaxRetryError);
    expect((await http.request('GET', url, { retries: false })).status).toBe(302);
    await expect(http.request('GET', url, { retries: 0, redirect: true })).rejects.toBeInstanceOf(
      MaxRetryError,
    );
    expect((await http.request('GET', url, { retries: false, redirect: true })).status).toBe(302);
    expect((await http.request('GET', url, { retries: 0, redirect: false })).status).toBe(302);
    expect((await http.request('GET', url, { retries: false, redirect: false })).status).toBe(302);
  });

  it("a cross-host redirect needs a retry and lands on the other host's pool", async () => {
    const http = manager();
    const target = `${b.url}/get?a=b`;
    await expect(
      http.request('GET', redirect(target), { timeout: 5000, retries: 0 }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    const r = await http.request('GET', redirect(target), { timeout: 5000, retries: 1 });
    expect(r.status).toBe(200);
    expect(r.url).toBe(target);
    expect(b.requests).toHaveLength(1);
    expect(http.pools.size).toBe(2);
  });

  it('too many redirects: MaxRetryError, and the streamed redirect bodies still reuse one connection', async () => {
    const http = manager();
    const url = redirect(redirect(`${a.url}/get`));
    await expect(
      http.request('GET', url, { retries: 1, preloadContent: false }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    await expect(
      http.request('GET', url, {
        retries: new Retry({ total: null, redirect: 1 }),
        preloadContent: false,
      }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    expect(http.pools.size).toBe(1);
    expect(http.connectionFromHost(a.host, a.port).numConnections).toBe(1);
  });

  it('manager retries: 1 stops two redirects; a request allowing 2 follows them', async () => {
    const http = manager({ retries: 1 });
    const url = redirect(`/redirect-to?url=${encodeURIComponent(`${a.url}/get`)}&status_code=303`);
    await expect(http.request('GET', url)).rejects.toBeInstanceOf(MaxRetryError);
    expect((await http.request('GET', url, { retries: 2 })).status).toBe(200);
  });

  it('raiseOnRedirect: false returns the last redirect once redirects run out', async () => {
    const r = await manager().request('GET', redirect(redirect(`${a.url}/get`)), {
      retries: new Retry({ total: null, redirect: 1, raiseOnRedirect: false }),
    });
    expect(r.status).toBe(303);
  });

  it('a streamed redirect releases its connection: two requests, one connection', async () => {
    const http = manager({ block: true, maxsize: 2 });
    const r = await http.request('GET', `${a.url}/redirect/1`, { preloadContent: false });
    expect(r.status).toBe(200);
    const pool = http.connectionFromHost(a.host, a.port);
    expect(pool.numRequests).toBe(2);
    expect(pool.numConnections).toBe(1);
    expect(http.pools.size).toBe(1);
    await r.drainConn();
  });

  it('a 303 after a POST loses the body and its Content-Type', async () => {
    const r = await manager().request('POST', redirect(`${a.url}/anything`), {
      fields: { a: 'b' },
    });
    const echo = r.json<{ method: string; args: object; bodyLength: number; headers: object }>();
    expect(echo.method).toBe('GET');
    expect(echo.args).toEqual({});
    expect(echo.bodyLength).toBe(0);
    expect(new HTTPHeaderDict(echo.headers as Record<string, string>).has('content-type')).toBe(
      false,
    );
  });

  it('an unknown scheme throws URLSchemeUnknown naming it, also from a Location', async () => {
    const http = manager();
    const unknown = 'unknown://host';
    const direct = await http.request('GET', unknown).catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(URLSchemeUnknown);
    expect((direct as URLSchemeUnknown).scheme).toBe('unknown');
    const r = await http.request('GET', redirect(unknown), { redirect: false });
    expect(r.status).toBe(303);
    expect(r.headers.get('Location')).toBe(unknown);
    const followed = await http.request('GET', redirect(unknown)).catch((e: unknown) => e);
    expect(followed).toBeInstanceOf(URLSchemeUnknown);
    expect((followed as URLSchemeUnknown).scheme).toBe('unknown');
  });
});

describe('urllib3 with_dummyserver test_poolmanager: headers on cross-host redirects', () => {
  it.each([
    ['Title-Case', { Authorization: 'foo', 'Proxy-Authorization': 'bar', Cookie: 'foo=bar' }],
    ['lower-case', { authorization: 'foo', 'proxy-authorization': 'baz', cookie: 'foo=bar' }],
  ])(
    'Authorization, Proxy-Authorization and Cookie (%s) are dropped by default',
    async (_n, headers) => {
      const r = await manager().request('GET', redirect(`${b.url}/headers`), { headers });
      expect(r.status).toBe(200);
      const names = headerNames(b);
      expect(names).not.toContain('authorization');
      expect(names).not.toContain('proxy-authorization');
      expect(names).not.toContain('cookie');
    },
  );

  it('removeHeadersOnRedirect: [] keeps them', async () => {
    await manager().request('GET', redirect(`${b.url}/headers`), {
      headers: { Authorization: 'foo', 'Proxy-Authorization': 'bar', Cookie: 'foo=bar' },
      retries: new Retry({ removeHeadersOnRedirect: [] }),
    });
    expect(header(b, 'authorization')).toBe('foo');
    expect(header(b, 'proxy-authorization')).toBe('bar');
    expect(header(b, 'cookie')).toBe('foo=bar');
  });

  it.each([
    [
      'Title-Case',
      {
        'X-API-Secret': 'foo',
        Authorization: 'bar',
        'Proxy-Authorization': 'baz',
        Cookie: 'foo=bar',
      },
    ],
    [
      'lower-case',
      {
        'x-api-secret': 'foo',
        authorization: 'bar',
        'proxy-authorization': 'baz',
        cookie: 'foo=bar',
      },
    ],
  ])(
    'removeHeadersOnRedirect: ["X-API-Secret"] drops only it (%s), caller headers untouched',
    async (_n, headers) => {
      const copy = { ...headers };
      await manager().request('GET', redirect(`${b.url}/headers`), {
        headers,
        retries: new Retry({ removeHeadersOnRedirect: ['X-API-Secret'] }),
      });
      expect(headerNames(b)).not.toContain('x-api-secret');
      expect(header(b, 'authorization')).toBe('bar');
      expect(header(b, 'proxy-authorization')).toBe('baz');
      expect(header(b, 'cookie')).toBe('foo=bar');
      expect(headers).toEqual(copy);
    },
  );
});

describe('urllib3 with_dummyserver test_poolmanager: status retries', () => {
  it('raiseOnStatus: default and true raise MaxRetryError once retries run out; false returns the 500', async () => {
    const http = manager();
    const url = `${a.url}/status/500`;
    const forcelist = Array.from({ length: 100 }, (_, i) => 500 + i);
    await expect(
      http.request('GET', url, { retries: new Retry({ total: 1, statusForcelist: forcelist }) }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    await expect(
      http.request('GET', url, {
        retries: new Retry({ total: 1, statusForcelist: forcelist, raiseOnStatus: true }),
      }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    const r = await http.request('GET', url, {
      retries: new Retry({ total: 1, statusForcelist: forcelist, raiseOnStatus: false }),
    });
    expect(r.status).toBe(500);
  });
});

describe('urllib3 with_dummyserver test_poolmanager: headers and bodies', () => {
  it("manager headers go with every request that brings none, and are replaced by a request's own", async () => {
    const http = manager({ headers: { Foo: 'bar' } });
    await http.request('GET', `${a.url}/headers`);
    expect(header(a, 'foo')).toBe('bar');
    await http.request('POST', `${a.url}/headers`);
    expect(header(a, 'foo')).toBe('bar');
    await http.request('GET', `${a.url}/headers`, { fields: { x: '1' } });
    expect(header(a, 'foo')).toBe('bar');
    await http.request('POST', `${a.url}/headers`, { fields: { x: '1' } });
    expect(header(a, 'foo')).toBe('bar');
    await http.request('GET', `${a.url}/headers`, { headers: { Baz: 'quux' } });
    expect(header(a, 'foo')).toBeUndefined();
    expect(header(a, 'baz')).toBe('quux');
    await http.request('POST', `${a.url}/headers`, {
      headers: { Baz: 'quux' },
      fields: { x: '1' },
    });
    expect(header(a, 'foo')).toBeUndefined();
    expect(header(a, 'baz')).toBe('quux');
  });

  it('an HTTPHeaderDict of manager headers is sent in items() order: a repeated name’s lines together (test_headers_http_header_dict)', async () => {
    const headers = new HTTPHeaderDict();
    headers.add('Foo', 'bar');
    headers.add('Multi', '1');
    headers.add('Baz', 'quux');
    headers.add('Multi', '2');
    const http = manager({ headers });
    await http.request('GET', `${a.url}/headers`);
    const sent = a.requests.at(-1)!.rawHeaders.filter(([k]) => ['Foo', 'Multi', 'Baz'].includes(k));
    expect(sent).toEqual([
      ['Foo', 'bar'],
      ['Multi', '1'],
      ['Multi', '2'],
      ['Baz', 'quux'],
    ]);
  });

  it('repeated Cookie headers from a merged dict are all sent; the manager headers are untouched', async () => {
    const headers = new HTTPHeaderDict();
    headers.add('Cookie', 'choc-chip');
    headers.add('Cookie', 'oatmeal-raisin');
    const http = manager({ headers });
    const merged = new HTTPHeaderDict(headers);
    merged.add('Cookie', 'tim-tam');
    await http.request('GET', `${a.url}/headers`, { headers: merged });
    const cookies = a.requests.at(-1)!.rawHeaders.filter(([k]) => k.toLowerCase() === 'cookie');
    expect(cookies.map(([, v]) => v).join('; ')).toBe('choc-chip; oatmeal-raisin; tim-tam');
    expect(headers.getlist('Cookie')).toEqual(['choc-chip', 'oatmeal-raisin']);
  });

  it('multipart with repeated manager headers: the generated Content-Type, or the one given', async () => {
    const headers = new HTTPHeaderDict();
    headers.add('Multi', '1');
    headers.add('Multi', '2');
    const http = manager({ headers });
    await http.request('POST', `${a.url}/headers`, { fields: { k: 'v' }, multipartBoundary: 'b' });
    expect(header(a, 'content-type')).toBe('multipart/form-data; boundary=b');
    expect(headers.has('content-type')).toBe(false);
    const withType = new HTTPHeaderDict(headers);
    withType.set('Content-Type', 'multipart/form-data; boundary=b; field=value');
    await manager({ headers: withType }).request('POST', `${a.url}/headers`, {
      fields: { k: 'v' },
      multipartBoundary: 'b',
    });
    expect(header(a, 'content-type')).toBe('multipart/form-data; boundary=b; field=value');
  });

  it('a body is sent as is', async () => {
    const r = await manager().request('POST', `${a.url}/echo-body`, { body: Buffer.from('test') });
    expect(r.data).toEqual(Buffer.from('test'));
  });

  it('TLS options do not affect plain-HTTP requests', async () => {
    const http = manager({
      caCerts: '/nonexistent/ca.pem',
      caCertDir: '/nosuchdir',
      serverHostname: 'example.com',
    });
    expect((await http.request('GET', `${a.url}/get`)).status).toBe(200);
  });

  it.each([
    ['/anything', '/anything'],
    ['/anything?q=1#fragment', '/anything?q=1'],
    ['/anything?#', '/anything?'],
    ['/anything#!', '/anything'],
    ['/anything#!#', '/anything'],
    ['/anything??#', '/anything??'],
    ['/anything?%3f#', '/anything?%3F'],
    ['/anything?%3F#', '/anything?%3F'],
    ['/anything?[]', '/anything?%5B%5D'],
  ])('the target %j is sent as %j', async (target, expected) => {
    await manager().request('GET', `${a.url}${target}`);
    expect(a.requests.at(-1)!.url).toBe(expected);
  });

  it('an IPv6 literal host works', async (context) => {
    if (v6 === null) context.skip();
    const r = await manager().request('GET', `http://[::1]:${v6!.port}/get`);
    expect(r.status).toBe(200);
  });
});

describe('urllib3 with_dummyserver test_poolmanager: credentials in the URL', () => {
  it.each([
    ['user:password', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['user%40example.com:p%40ss', 'Basic dXNlckBleGFtcGxlLmNvbTpwQHNz'],
  ])('%s@ becomes Authorization: %s', async (auth, expected) => {
    await manager().request('GET', `http://${auth}@127.0.0.1:${a.port}/headers`);
    expect(header(a, 'authorization')).toBe(expected);
  });

  it('a matching Authorization header is allowed and left untouched', async () => {
    const headers = { authorization: 'Basic dXNlcjpwYXNzd29yZA==' };
    await manager().request('GET', `http://user:password@127.0.0.1:${a.port}/headers`, { headers });
    expect(header(a, 'authorization')).toBe('Basic dXNlcjpwYXNzd29yZA==');
    expect(
      a.requests.at(-1)!.rawHeaders.filter(([k]) => k.toLowerCase() === 'authorization'),
    ).toHaveLength(1);
    expect(headers).toEqual({ authorization: 'Basic dXNlcjpwYXNzd29yZA==' });
  });

  it('credentials do not persist to the next request', async () => {
    const http = manager();
    await http.request('GET', `http://user:password@127.0.0.1:${a.port}/headers`);
    expect(header(a, 'authorization')).toBe('Basic dXNlcjpwYXNzd29yZA==');
    await http.request('GET', `${a.url}/headers`);
    expect(header(a, 'authorization')).toBeUndefined();
  });

  it.each([false, true])(
    'a conflicting or repeated Authorization header is InvalidHeader (repeated: %s)',
    async (duplicate) => {
      const headers = new HTTPHeaderDict();
      headers.add('Authorization', 'Basic dXNlcjpwYXNzd29yZA==');
      if (duplicate) headers.add('Authorization', 'Basic dXNlcjpwYXNzd29yZA==');
      else headers.set('Authorization', 'Basic ZGlmZmVyZW50');
      const error = await manager()
        .request('GET', `http://user:password@127.0.0.1:${a.port}/headers`, { headers })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidHeader);
      expect((error as Error).message).toContain('Authorization');
    },
  );

  it('a same-host redirect keeps the Authorization made from the URL; history URLs carry no credentials', async () => {
    const same = await manager().request(
      'GET',
      `http://user:password@127.0.0.1:${a.port}/redirect-to?url=${encodeURIComponent(`${a.url}/headers`)}&status_code=303`,
    );
    expect(same.status).toBe(200);
    expect(header(a, 'authorization')).toBe('Basic dXNlcjpwYXNzd29yZA==');
    expect(same.retries!.history.length).toBeGreaterThan(0);
    for (const entry of same.retries!.history) {
      expect(entry.url ?? '').not.toContain('user:password@');
    }
  });

  it('a cross-host redirect drops the Authorization made from the URL', async () => {
    await manager().request(
      'GET',
      `http://user:password@127.0.0.1:${a.port}/redirect-to?url=${encodeURIComponent(`${b.url}/headers`)}&status_code=303`,
    );
    expect(headerNames(b)).not.toContain('authorization');
  });

  it('a cross-host Location with its own user:pass@ sends Authorization from those credentials', async () => {
    const target = b.url.replace('http://', 'http://other:secret@');
    const r = await manager().request(
      'GET',
      `http://user:password@127.0.0.1:${a.port}/redirect-to?url=${encodeURIComponent(`${target}/headers`)}&status_code=303`,
    );
    expect(r.status).toBe(200);
    // b3RoZXI6c2VjcmV0 is other:secret: the first URL's credentials never reach b.
    expect(header(b, 'authorization')).toBe('Basic b3RoZXI6c2VjcmV0');
    expect(headerNames(b).filter((name) => name === 'authorization')).toHaveLength(1);
  });

  it('a same-host Location with other credentials replaces the Authorization, no conflict', async () => {
    const target = a.url.replace('http://', 'http://other:secret@');
    const r = await manager().request(
      'GET',
      `http://user:password@127.0.0.1:${a.port}/redirect-to?url=${encodeURIComponent(`${target}/headers`)}&status_code=302`,
    );
    expect(r.status).toBe(200);
    expect(header(a, 'authorization')).toBe('Basic b3RoZXI6c2VjcmV0');
  });
});
