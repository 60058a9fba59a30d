// Ported from urllib3's test/test_poolmanager.py (behaviour only): one pool per origin and
// pool options, key normalisation (scheme and host case, default ports, FQDN trailing dot),
// connectionFromUrl/connectionFromHost with per-pool options, clear() and disposal.
// No request is sent: pools are made and compared, never used.
// Not ported: key_fn_by_scheme / custom key functions, connection_from_context and
// connection_from_pool_key (no public equivalent), blocksize, the `strict` deprecation.
import { ClosedPoolError, LocationValueError, Retry, Timeout } from '@urlpool/core';
import type { HTTPConnectionPool, HTTPSConnectionPool } from '@urlpool/pool';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await generateTestCertificates();
});

function allDistinct(pools: readonly HTTPConnectionPool[]): boolean {
  return new Set(pools).size === pools.length;
}

describe('urllib3 test_poolmanager: one pool per origin', () => {
  it('two URLs of one origin share a pool; a trailing-dot FQDN is another origin', async () => {
    await using one = new PoolManager({ numPools: 1 });
    expect(one.connectionFromUrl('http://localhost:8081/foo')).toBe(
      one.connectionFromUrl('http://localhost:8081/bar'),
    );
    await using two = new PoolManager({ numPools: 2 });
    expect(two.connectionFromUrl('http://localhost.:8081/foo')).not.toBe(
      two.connectionFromUrl('http://localhost:8081/bar'),
    );
  });

  it('eight URLs of five origins make five pools', async () => {
    await using http = new PoolManager({ numPools: 10 });
    const pools = new Set(
      [
        'http://localhost:8081/foo',
        'http://www.google.com/mail',
        'http://localhost:8081/bar',
        'https://www.google.com/',
        'https://www.google.com/mail',
        'http://yahoo.com',
        'http://bing.com',
        'http://yahoo.com/',
      ].map((url) => http.connectionFromUrl(url)),
    );
    expect(pools.size).toBe(5);
    expect(http.pools.size).toBe(5);
  });

  it.each([
    ['https://example.com/', 'HTTPS://EXAMPLE.COM/'],
    ['http://example.com/', 'HTTP://EXAMPLE.COM/'],
    ['http://example.com/', 'http://example.com:80/'],
    ['https://example.com/', 'https://example.com:443/'],
  ])('connectionFromUrl(%s) and (%s) are one pool', async (a, b) => {
    await using http = new PoolManager();
    expect(http.connectionFromUrl(a)).toBe(http.connectionFromUrl(b));
    expect(http.pools.size).toBe(1);
  });

  it.each([
    ['https', 'HTTPS', 443],
    ['http', 'HTTP', 8080],
  ])(
    'connectionFromHost ignores the case of scheme %s and of the host',
    async (lower, upper, port) => {
      await using http = new PoolManager();
      const pool = http.connectionFromHost('example.com', port, lower);
      expect(http.connectionFromHost('EXAMPLE.COM', port, upper)).toBe(pool);
      expect(http.pools.size).toBe(1);
      expect(pool.scheme).toBe(lower);
    },
  );

  it.each([['http://@'], [null], ['']])(
    'connectionFromUrl(%j) throws LocationValueError',
    async (url) => {
      await using http = new PoolManager({ numPools: 5 });
      expect(() => http.connectionFromUrl(url as string)).toThrow(LocationValueError);
    },
  );
});

describe('urllib3 test_poolmanager: pool options are part of the key', () => {
  it('each HTTP pool option, changed in turn, gives a new pool', async () => {
    const variants: Record<string, unknown>[] = [
      { timeout: new Timeout({ connect: 3140, read: 3140 }) },
      { retries: new Retry({ total: 6, connect: 2 }) },
      { block: true },
      { sourceAddress: '127.0.0.1' },
    ];
    await using http = new PoolManager();
    const pools = [
      http.connectionFromUrl('http://example.com/'),
      http.connectionFromUrl('http://example.com:8000/'),
      http.connectionFromUrl('http://other.example.com/'),
    ];
    const accumulated: Record<string, unknown> = {};
    for (const variant of variants) {
      Object.assign(accumulated, variant);
      pools.push(http.connectionFromUrl('http://example.com/', { ...accumulated }));
    }
    expect(allDistinct(pools)).toBe(true);
  });

  it('each HTTPS pool option, changed in turn, gives a new pool; the same options find it again', async () => {
    const variants: Record<string, unknown>[] = [
      { timeout: new Timeout({ connect: 3140, read: 3140 }) },
      { retries: new Retry({ total: 6, connect: 2 }) },
      { block: true },
      { sourceAddress: '127.0.0.1' },
      { keyFile: certs.client.keyFile, certFile: certs.client.certFile },
      { certReqs: 'CERT_NONE' },
      { caCerts: certs.ca.certFile },
      { sslMinimumVersion: 'TLSv1.3' },
    ];
    await using http = new PoolManager({ numPools: 20 });
    const pools = [
      http.connectionFromUrl('https://example.com/'),
      http.connectionFromUrl('https://example.com:4333/'),
      http.connectionFromUrl('https://other.example.com/'),
    ];
    const duplicates: HTTPConnectionPool[] = [];
    const accumulated: Record<string, unknown> = {};
    for (const variant of variants) {
      Object.assign(accumulated, variant);
      pools.push(http.connectionFromUrl('https://example.com/', { ...accumulated }));
      duplicates.push(http.connectionFromUrl('https://example.com/', { ...accumulated }));
    }
    expect(allDistinct(pools)).toBe(true);
    expect(duplicates.every((pool) => pools.includes(pool))).toBe(true);
  });

  it('connectionFromHost keys TLS options of the manager and of the call alike', async () => {
    await using http = new PoolManager({
      numPools: 5,
      keyFile: certs.client.keyFile,
      certFile: certs.client.certFile,
      caCerts: certs.ca.certFile,
    });
    const pools = [
      http.connectionFromHost('example.com', 443, 'https'),
      http.connectionFromHost('example.com', 443, 'https', { caCertDir: certs.ca.certDir }),
      http.connectionFromHost('example.com', 443, 'https', { caCertData: certs.ca.cert }),
      http.connectionFromHost('example.com', 443, 'https', { certReqs: 'CERT_NONE' }),
      http.connectionFromHost('example.com', 443, 'https', { sslMaximumVersion: 'TLSv1.2' }),
    ];
    expect(allDistinct(pools)).toBe(true);
  });

  it('assertHostname and assertFingerprint reach the HTTPS pool', async () => {
    const fingerprint = '92:81:FE:85:F7:0C:26:60:EC:D6:B3:BF:93:CF:F9:71:CC:07:7D:0A';
    await using http = new PoolManager({
      assertHostname: 'example.org',
      assertFingerprint: fingerprint,
    });
    const pool = http.connectionFromUrl('https://example.com/') as HTTPSConnectionPool;
    expect(http.pools.size).toBe(1);
    expect(pool.tls.assertHostname).toBe('example.org');
    expect(pool.tls.fingerprint).toBeDefined();
  });

  it.each(['url', 'host'] as const)(
    'options given to connectionFrom%s override the manager defaults for that pool only',
    async (via) => {
      await using http = new PoolManager();
      const poolOptions = { retries: 100, block: true };
      const get = (options?: typeof poolOptions): HTTPConnectionPool =>
        via === 'url'
          ? http.connectionFromUrl('http://example.com/', options)
          : http.connectionFromHost('example.com', undefined, 'http', options);
      const base = get();
      const override = get(poolOptions);
      expect(override).not.toBe(base);
      expect(base.retries).toBe(Retry.DEFAULT);
      expect(base.block).toBe(false);
      expect(override.retries).toBe(100);
      expect(override.block).toBe(true);
    },
  );

  it('socketOptions given per pool override the manager default', async () => {
    await using http = new PoolManager({ socketOptions: { noDelay: false } });
    const base = http.connectionFromHost('example.com', undefined, 'http');
    const override = http.connectionFromHost('example.com', undefined, 'http', {
      socketOptions: { noDelay: true, keepAlive: true },
    });
    expect(override).not.toBe(base);
    expect(base.options.socketOptions).toMatchObject({ noDelay: false });
    expect(override.options.socketOptions).toMatchObject({ noDelay: true, keepAlive: true });
  });

  it("no pool options, or the manager's own values, name the manager's pool", async () => {
    await using http = new PoolManager({ retries: 100 });
    const base = http.connectionFromUrl('http://example.com/');
    expect(base.retries).toBe(100);
    expect(http.connectionFromUrl('http://example.com/', {})).toBe(base);
    expect(http.connectionFromUrl('http://example.com/', { retries: 100 })).toBe(base);
  });

  it('an option given as undefined removes the manager default (urllib3 merges None as removal)', async () => {
    await using http = new PoolManager({ retries: 100 });
    const base = http.connectionFromUrl('http://example.com/');
    const removed = http.connectionFromUrl('http://example.com/', { retries: undefined });
    expect(removed).not.toBe(base);
    expect(removed.retries).toBe(Retry.DEFAULT);
  });
});

describe('urllib3 test_poolmanager: clear and disposal', () => {
  it('clear() empties the manager and closes its pools', async () => {
    const http = new PoolManager({ numPools: 5 });
    const pool = http.connectionFromUrl('http://google.com');
    expect(http.pools.size).toBe(1);
    http.clear();
    expect(http.pools.size).toBe(0);
    expect(pool.isClosed).toBe(true);
    await expect(pool.request('GET', '/')).rejects.toBeInstanceOf(ClosedPoolError);
    expect(http.pools.size).toBe(0);
  });

  it('await using clears the manager like a with-block', async () => {
    let escaped: PoolManager;
    let pool: HTTPConnectionPool;
    {
      await using http = new PoolManager({ numPools: 1 });
      escaped = http;
      pool = http.connectionFromUrl('http://google.com');
      expect(http.pools.size).toBe(1);
    }
    expect(escaped.pools.size).toBe(0);
    await expect(pool.request('GET', '/')).rejects.toBeInstanceOf(ClosedPoolError);
  });

  it('a pool evicted past numPools is closed; asking again makes a new one', async () => {
    await using http = new PoolManager({ numPools: 2 });
    const a = http.connectionFromUrl('http://a.example/');
    http.connectionFromUrl('http://b.example/');
    http.connectionFromUrl('http://c.example/');
    expect(http.pools.size).toBe(2);
    expect(a.isClosed).toBe(true);
    const again = http.connectionFromUrl('http://a.example/');
    expect(again).not.toBe(a);
    expect(again.isClosed).toBe(false);
  });
});
