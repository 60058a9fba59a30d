import { EMPTY_BODY, InvalidHeader, Retry } from '@urlpool/core';
import { type RawServer, serveBytes, startRawServer } from '@urlpool/test-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// A forwarding pool (`targetForm: 'absolute'`, its connections go to a proxy) serves every
// origin: each request's target, Host and response URL come from the request, not the pool.
// The raw server stands in for the proxy and records the heads it receives.

let proxy: RawServer;
let pool: HTTPConnectionPool;

beforeEach(async () => {
  proxy = await startRawServer(serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'));
  pool = new HTTPConnectionPool('127.0.0.1', {
    port: proxy.port,
    targetForm: 'absolute',
    retries: false,
  });
});
afterEach(async () => {
  pool.close();
  await proxy.close();
});

const heads = (): string[] => proxy.requests.map((r) => r.toString('latin1'));

describe('a forwarding pool', () => {
  it('sends each absolute URL to its own origin over one kept-alive connection', async () => {
    const a = await pool.urlopen('GET', 'http://127.0.0.1:8001/a?x=1');
    const b = await pool.urlopen('GET', 'http://localhost:8002/b');
    const c = await pool.urlopen('GET', 'https://[::1]/c');
    expect([a.url, b.url, c.url]).toEqual([
      'http://127.0.0.1:8001/a?x=1',
      'http://localhost:8002/b',
      'https://[::1]/c',
    ]);
    const [ha, hb, hc] = heads();
    expect(ha).toMatch(/^GET http:\/\/127\.0\.0\.1:8001\/a\?x=1 HTTP\/1\.1\r\n/);
    expect(ha).toContain('\r\nHost: 127.0.0.1:8001\r\n');
    expect(hb).toMatch(/^GET http:\/\/localhost:8002\/b HTTP\/1\.1\r\n/);
    expect(hb).toContain('\r\nHost: localhost:8002\r\n');
    expect(hc).toMatch(/^GET https:\/\/\[::1\]\/c HTTP\/1\.1\r\n/);
    expect(hc).toContain('\r\nHost: [::1]\r\n');
    expect(proxy.totalConnections).toBe(1);
    expect(pool.numConnections).toBe(1);
  });

  it('does not trip assertSameHost; an ordinary pool still does', async () => {
    await expect(pool.request('GET', 'http://other.test/x')).resolves.toMatchObject({
      status: 200,
      url: 'http://other.test/x',
    });
    await using plain = new HTTPConnectionPool('127.0.0.1', { port: proxy.port });
    await expect(plain.urlopen('GET', 'http://other.test/x')).rejects.toMatchObject({
      name: 'HostChangedError',
    });
  });

  it('a relative path goes to the pool origin; the target is percent-encoded', async () => {
    const r = await pool.urlopen('GET', '/a b');
    expect(r.url).toBe(`http://127.0.0.1:${proxy.port}/a%20b`);
    expect(heads()[0]).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${proxy.port}/a%20b `));
  });

  it('validates a dispatched host as a Host value: U+010A cannot add a line', async () => {
    const error = await pool
      .dispatch({
        method: 'GET',
        scheme: 'http',
        host: 'evil\u010aX-Injected: 1',
        port: 80,
        path: '/',
        headers: undefined,
        body: EMPTY_BODY,
        retries: new Retry({ total: 0 }),
        redirect: false,
        preloadContent: true,
        signal: undefined,
        options: {},
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHeader);
    expect(heads().join('')).not.toContain('X-Injected');
  });
});
