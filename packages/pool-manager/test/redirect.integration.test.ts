import { Readable } from 'node:stream';
import {
  HTTPHeaderDict,
  MaxRetryError,
  ProtocolError,
  ResponseError,
  Retry,
  UnrewindableBodyError,
} from '@urlpool/core';
import { HTTPSConnectionPool } from '@urlpool/pool';
import { generateTestCertificates, startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

let a: TestServer;
let b: TestServer;
const managers: PoolManager[] = [];

function manager(options: ConstructorParameters<typeof PoolManager>[0] = {}): PoolManager {
  const m = new PoolManager(options);
  managers.push(m);
  return m;
}

/** `${from}/redirect-to?url=<to>&status_code=<status>` */
function hop(from: string, to: string, status = 302): string {
  return `${from}/redirect-to?url=${encodeURIComponent(to)}&status_code=${status}`;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  // Two loopback servers on different ports: different origins for the manager.
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
});
afterEach(() => {
  for (const m of managers.splice(0)) m.clear();
  a.resetStats();
  b.resetStats();
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('PoolManager cross-host redirects', () => {
  it('drops Authorization, Cookie and Proxy-Authorization (any case) and keeps the rest', async () => {
    const http = manager();
    const headers = {
      AUTHORIZATION: 'Bearer secret',
      cookie: 'session=1',
      'Proxy-Authorization': 'Basic cHJveHk6cA==',
      'X-Trace': 'trace-1',
      Accept: 'application/json',
    };
    const snapshot = { ...headers };
    const r = await http.request('GET', hop(a.url, `${b.url}/headers`), { headers });
    expect(r.status).toBe(200);
    const first = a.requests[0]!.headers;
    expect(first.authorization).toBe('Bearer secret');
    expect(first.cookie).toBe('session=1');
    const second = b.requests[0]!.headers;
    expect(second.authorization).toBeUndefined();
    expect(second.cookie).toBeUndefined();
    expect(second['proxy-authorization']).toBeUndefined();
    expect(second['x-trace']).toBe('trace-1');
    expect(second.accept).toBe('application/json');
    // The caller's object is untouched.
    expect(headers).toEqual(snapshot);
  });

  it('does not mutate a caller HTTPHeaderDict either', async () => {
    const http = manager();
    const headers = new HTTPHeaderDict({ Authorization: 'secret', 'X-A': '1' });
    await http.request('GET', hop(a.url, `${b.url}/get`), { headers });
    expect([...headers.items()]).toEqual([
      ['Authorization', 'secret'],
      ['X-A', '1'],
    ]);
    expect(b.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('keeps credentials on a same-host redirect', async () => {
    const http = manager();
    await http.request('GET', hop(a.url, `${a.url}/headers`), {
      headers: { Authorization: 'keep me' },
    });
    expect(a.requests.map((q) => q.headers.authorization)).toEqual(['keep me', 'keep me']);
  });

  it('drops the manager default headers too, and honours removeHeadersOnRedirect', async () => {
    const http = manager({ headers: { Authorization: 'default', 'X-Secret': 's', 'X-Ok': 'ok' } });
    await http.request('GET', hop(a.url, `${b.url}/get`));
    expect(b.requests[0]!.headers.authorization).toBeUndefined();
    expect(b.requests[0]!.headers['x-secret']).toBe('s');
    b.resetStats();
    await http.request('GET', hop(a.url, `${b.url}/get`), {
      retries: new Retry({ removeHeadersOnRedirect: ['x-SECRET'] }),
    });
    const sent = b.requests[0]!.headers;
    expect(sent['x-secret']).toBeUndefined();
    expect(sent.authorization).toBe('default');
    expect(sent['x-ok']).toBe('ok');
  });

  it('response.url and retries.history show the chain a -> b -> a', async () => {
    const http = manager();
    const start = hop(a.url, hop(b.url, `${a.url}/get?done=1`, 301));
    const r = await http.request('GET', start);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${a.url}/get?done=1`);
    const history = r.retries!.history;
    expect(history.map((h) => [h.status, h.redirectLocation])).toEqual([
      [302, hop(b.url, `${a.url}/get?done=1`, 301)],
      [301, `${a.url}/get?done=1`],
    ]);
    expect(history[0]!.url).toBe(start);
    // Redirect bodies were drained: one connection per server was enough.
    expect(a.totalConnections).toBe(1);
    expect(b.totalConnections).toBe(1);
  });

  it('a chain of 3 with Retry({ redirect: 2 }) throws MaxRetryError: too many redirects', async () => {
    const http = manager();
    const url = hop(a.url, hop(b.url, hop(a.url, `${b.url}/get`)));
    const error = await rejection(
      http.request('GET', url, { retries: new Retry({ redirect: 2 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ResponseError);
    expect((error as MaxRetryError).reason!.message).toBe('too many redirects');
    expect(b.requests.map((q) => q.url)).not.toContain('/get');
    // With one more redirect allowed it succeeds.
    const r = await http.request('GET', url, { retries: new Retry({ redirect: 3 }) });
    expect(r.status).toBe(200);
    expect(r.retries!.history).toHaveLength(3);
  });

  it('returns the last redirect with raiseOnRedirect: false, and the first with redirect: false', async () => {
    const http = manager();
    const url = hop(a.url, hop(b.url, `${a.url}/get`));
    const r = await http.request('GET', url, {
      retries: new Retry({ redirect: 1, raiseOnRedirect: false }),
    });
    expect(r.status).toBe(302);
    expect(r.url).toBe(hop(b.url, `${a.url}/get`));
    const first = await http.request('GET', url, { redirect: false });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe(hop(b.url, `${a.url}/get`));
  });

  it('303 across hosts turns a POST into a GET without body', async () => {
    const http = manager();
    const r = await http.request('POST', hop(a.url, `${b.url}/anything`, 303), {
      body: 'form=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(200);
    const sent = b.requests[0]!;
    expect(sent.method).toBe('GET');
    expect(sent.body.length).toBe(0);
    expect(sent.headers['content-type']).toBeUndefined();
  });

  for (const status of [307, 308]) {
    it(`${status} across hosts re-sends a POST body`, async () => {
      const http = manager();
      const r = await http.request('POST', hop(a.url, `${b.url}/echo-body`, status), {
        body: Buffer.from('binary \x00 body'),
      });
      expect(r.data.toString('latin1')).toBe('binary \x00 body');
      expect(b.requests[0]!.method).toBe('POST');
    });
  }

  it('307 across hosts with a one-shot stream body: UnrewindableBodyError', async () => {
    const http = manager();
    const error = await rejection(
      http.request('POST', hop(a.url, `${b.url}/echo-body`, 307), {
        body: Readable.from([Buffer.from('once')]),
      }),
    );
    expect(error).toBeInstanceOf(UnrewindableBodyError);
    expect(b.requests).toHaveLength(0);
  });

  it('redirect then status retry: both show in the history', async () => {
    const http = manager();
    const key = `mgr-${process.pid}`;
    const target = `${b.url}/retry?key=${key}&failures=1&status=503&retry_after=0`;
    const r = await http.request('GET', hop(a.url, target), {
      retries: new Retry({ total: 5, statusForcelist: [503] }),
    });
    expect(r.status).toBe(200);
    expect(r.retries!.history.map((h) => h.status)).toEqual([302, 503]);
    expect(r.url).toBe(target);
  });

  it('retries a body that ends short while preloading, after a redirect', async () => {
    const http = manager();
    const error = await rejection(
      http.request('GET', hop(a.url, `${b.url}/truncated?bytes=10`), { retries: 2 }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProtocolError);
    // One redirect, then the truncated body twice: total 2 spent on 1 redirect + 1 retry.
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(2);
  });

  it('preloads a redirect response body when redirects are off', async () => {
    const http = manager();
    const r = await http.request('GET', hop(a.url, `${b.url}/get`), { redirect: false });
    expect(r.status).toBe(302);
    expect(r.data.toString()).toContain('redirecting to');
    expect(r.connection).toBeNull();
  });

  it('follows a redirect to another scheme through a new pool, dropping credentials', async () => {
    const certs = await generateTestCertificates();
    const secure = await startTestServer({
      tls: { key: certs.server.key, cert: certs.server.cert },
    });
    try {
      const http = manager({ caCerts: certs.ca.certFile });
      const target = `https://127.0.0.1:${secure.port}/headers`;
      const r = await http.request('GET', hop(a.url, target, 301), {
        headers: { Authorization: 'Bearer x', 'X-Kept': 'k' },
      });
      expect(r.status).toBe(200);
      expect(r.url).toBe(target);
      expect(http.pools.size).toBe(2);
      expect(http.connectionFromUrl(target)).toBeInstanceOf(HTTPSConnectionPool);
      const sent = secure.requests[0]!.headers;
      expect(sent.authorization).toBeUndefined();
      expect(sent['x-kept']).toBe('k');
      http.clear();
      await secure.waitForOpenConnections(0, 3000);
    } finally {
      await secure.close();
    }
  });
});
