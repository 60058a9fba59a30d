import { HTTPHeaderDict, MaxRetryError, Retry, URLSchemeUnknown } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
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

beforeAll(async () => {
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

interface Echo {
  method: string;
  headers: Record<string, string>;
  data: string;
  url: string;
}

/** The echo server keeps header names as sent; look them up case-insensitively. */
function header(echo: Echo, name: string): string | undefined {
  const key = Object.keys(echo.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : echo.headers[key];
}

describe('PoolManager', () => {
  it('keeps one pool per origin and at most numPools of them (LRU)', async () => {
    const http = manager({ numPools: 2 });
    await http.request('GET', `${a.url}/get`);
    await http.request('GET', `${b.url}/get`);
    expect(http.pools.size).toBe(2);
    const poolA = http.connectionFromUrl(`${a.url}/x`);
    expect(http.connectionFromHost('127.0.0.1', a.port, 'http')).toBe(poolA);
    // A third origin evicts the least recently used one (b), which gets closed.
    const poolB = http.connectionFromUrl(`${b.url}/`);
    http.connectionFromUrl(`${a.url}/`);
    await http.request('GET', `http://localhost:${a.port}/get`);
    expect(http.pools.size).toBe(2);
    expect(poolB.isClosed).toBe(true);
    expect(poolA.isClosed).toBe(false);
    await b.waitForOpenConnections(0, 2000);
  });

  it('lets an evicted pool finish its active requests, then closes their connections', async () => {
    const http = manager({ numPools: 1 });
    const streaming = await http.request('GET', `${a.url}/bytes/200000`, { preloadContent: false });
    const first = http.connectionFromUrl(`${a.url}/`);
    await http.request('GET', `${b.url}/get`); // evicts a's pool
    expect(first.isClosed).toBe(true);
    let total = 0;
    for await (const chunk of streaming.stream()) total += chunk.length;
    expect(total).toBe(200000);
    streaming.releaseConn();
    expect(first.stats.open).toBe(0);
    await a.waitForOpenConnections(0, 2000);
  });

  it('gives different pool options different pools', () => {
    const http = manager();
    const p1 = http.connectionFromUrl(`${a.url}/`);
    const p2 = http.connectionFromUrl(`${a.url}/`, { maxsize: 5 });
    const p3 = http.connectionFromUrl(`${a.url}/`, { maxsize: 5 });
    expect(p1).not.toBe(p2);
    expect(p2).toBe(p3);
  });

  it('throws URLSchemeUnknown for an unsupported scheme', async () => {
    const http = manager();
    await expect(http.request('GET', 'ftp://127.0.0.1/x')).rejects.toBeInstanceOf(URLSchemeUnknown);
  });

  it('follows a cross-host redirect, dropping Authorization and Cookie but keeping other headers', async () => {
    const http = manager();
    const target = encodeURIComponent(`${b.url}/anything`);
    const r = await http.request('GET', `${a.url}/redirect-to?url=${target}`, {
      headers: { Authorization: 'Bearer secret', Cookie: 'c=1', 'X-Keep': 'yes' },
    });
    expect(r.status).toBe(200);
    const echo = r.json<Echo>();
    expect(header(echo, 'authorization')).toBeUndefined();
    expect(header(echo, 'cookie')).toBeUndefined();
    expect(header(echo, 'x-keep')).toBe('yes');
    expect(r.url).toBe(`${b.url}/anything`);
    expect(r.retries?.history.map((h) => h.status)).toEqual([302]);
  });

  it('keeps Authorization on a same-host redirect and never mutates the caller headers', async () => {
    const http = manager();
    const headers = new HTTPHeaderDict({ Authorization: 'Bearer secret' });
    const r = await http.request(
      'GET',
      `${a.url}/redirect-to?url=${encodeURIComponent('/anything')}`,
      { headers },
    );
    expect(header(r.json<Echo>(), 'authorization')).toBe('Bearer secret');
    expect(headers.get('authorization')).toBe('Bearer secret');
  });

  it('303 turns a POST into a GET without body; 307 keeps method and body', async () => {
    const http = manager();
    const to = encodeURIComponent(`${b.url}/anything`);
    const r303 = await http.request('POST', `${a.url}/redirect-to?url=${to}&status_code=303`, {
      body: 'payload',
      headers: { 'Content-Type': 'text/plain' },
    });
    const e303 = r303.json<Echo>();
    expect(e303.method).toBe('GET');
    expect(e303.data).toBe('');
    expect(header(e303, 'content-type')).toBeUndefined();
    const r307 = await http.request('POST', `${a.url}/redirect-to?url=${to}&status_code=307`, {
      body: 'payload',
    });
    const e307 = r307.json<Echo>();
    expect(e307.method).toBe('POST');
    expect(e307.data).toBe('payload');
  });

  it('throws MaxRetryError for too many redirects, or returns the 3xx with redirect: false', async () => {
    const http = manager();
    const error = await http
      .request('GET', `${a.url}/redirect/3`, { retries: new Retry({ redirect: 2 }) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason?.message).toBe('too many redirects');
    const r = await http.request('GET', `${a.url}/redirect/3`, { redirect: false });
    expect(r.status).toBe(302);
    const ok = await http.request('GET', `${a.url}/redirect/3`);
    expect(ok.status).toBe(200);
    expect(ok.retries?.history).toHaveLength(3);
  });

  it('sends fields as a query string for GET and as multipart for POST', async () => {
    const http = manager();
    const get = await http.request('GET', `${a.url}/get`, { fields: { q: 'a b', n: '1' } });
    expect(get.json<{ args: Record<string, string> }>().args).toEqual({ q: 'a b', n: '1' });
    const post = await http.request('POST', `${a.url}/anything`, {
      fields: { name: 'x', file: ['a.txt', 'hello', 'text/plain'] },
    });
    const echo = post.json<{ form: Record<string, unknown>; files?: Record<string, unknown> }>();
    expect(JSON.stringify(echo)).toContain('hello');
    const json = await http.request('POST', `${a.url}/anything`, { json: { k: [1, 2] } });
    expect(json.json<{ json: unknown }>().json).toEqual({ k: [1, 2] });
  });

  it('clear() closes every pool', async () => {
    const http = manager();
    await http.request('GET', `${a.url}/get`);
    await http.request('GET', `${b.url}/get`);
    http.clear();
    expect(http.pools.size).toBe(0);
    await a.waitForOpenConnections(0, 2000);
    await b.waitForOpenConnections(0, 2000);
  });
});
