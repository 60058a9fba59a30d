// Ported from urllib3's test/test_connectionpool.py (behaviour only): same-host checks, pool
// sizing and blocking, close, connection_from_url, default timeouts, error messages and the
// release_conn contract across a retry. Pool internals (_get_conn/_put_conn) have no public
// equivalent here, so the same behaviours are checked through requests on an in-memory
// transport (no socket is opened; no traffic leaves the process).
import {
  ClosedPoolError,
  EmptyPoolError,
  HostChangedError,
  LocationValueError,
  MaxRetryError,
  ProtocolError,
  ReadTimeoutError,
  Timeout,
} from '@urlpool/core';
import {
  createMemoryTransport,
  generateTestCertificates,
  type MemoryResponse,
} from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { connectionFromUrl, HTTPConnectionPool, HTTPSConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

const ok = (): MemoryResponse => ({ status: 200, body: 'ok' });

describe('urllib3 test_connectionpool: isSameHost', () => {
  it.each([
    ['http://google.com/', '/'],
    ['http://google.com/', 'http://google.com/'],
    ['http://google.com/', 'http://google.com'],
    ['http://google.com/', 'http://google.com/abra/cadabra'],
    ['http://google.com:42/', 'http://google.com:42/abracadabra'],
    ['http://google.com:80/', 'http://google.com/abracadabra'],
    ['http://google.com/', 'http://google.com:80/abracadabra'],
    ['https://google.com:443/', 'https://google.com/abracadabra'],
    ['https://google.com/', 'https://google.com:443/abracadabra'],
    ['http://[2607:f8b0:4005:805::200e%25eth0]/', 'http://[2607:f8b0:4005:805::200e%eth0]/'],
    [
      'https://[2607:f8b0:4005:805::200e%25eth0]:443/',
      'https://[2607:f8b0:4005:805::200e%eth0]:443/',
    ],
    ['http://[::1]/', 'http://[::1]'],
    [
      'http://[2001:558:fc00:200:f816:3eff:fef9:b954%lo]/',
      'http://[2001:558:fc00:200:f816:3eff:fef9:b954%25lo]',
    ],
  ])('%s is the same host as %s', (a, b) => {
    const pool = connectionFromUrl(a);
    try {
      expect(pool.isSameHost(b)).toBe(true);
    } finally {
      pool.close();
    }
  });

  it.each([
    ['https://google.com/', 'http://google.com/'],
    ['http://google.com/', 'https://google.com/'],
    ['http://yahoo.com/', 'http://google.com/'],
    ['http://google.com:42', 'https://google.com/abracadabra'],
    ['http://google.com', 'https://google.net/'],
    ['http://google.com:42', 'http://google.com'],
    ['https://google.com:42', 'https://google.com'],
    ['http://google.com:443', 'http://google.com'],
    ['https://google.com:80', 'https://google.com'],
    ['http://google.com:443', 'https://google.com'],
    ['https://google.com:80', 'http://google.com'],
    ['https://google.com:443', 'http://google.com'],
    ['http://google.com:80', 'https://google.com'],
    // Zone identifiers name distinct end points.
    ['http://[dead::beef]', 'https://[dead::beef%en5]/'],
  ])('%s is not the same host as %s (either way round)', (a, b) => {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const pool = connectionFromUrl(from);
      try {
        expect(pool.isSameHost(to)).toBe(false);
      } finally {
        pool.close();
      }
    }
  });

  it.each([
    '/',
    'http://google.com/',
    'http://google.com',
    'http://google.com/abra/cadabra',
    'http://google.com:80/abracadabra',
  ])('an HTTP pool made without a port is the same host as %s', (url) => {
    const pool = new HTTPConnectionPool('google.com');
    expect(pool.isSameHost(url)).toBe(true);
    pool.close();
  });

  it.each([
    '/',
    'https://google.com/',
    'https://google.com',
    'https://google.com/abra/cadabra',
    'https://google.com:443/abracadabra',
  ])('an HTTPS pool made without a port is the same host as %s', (url) => {
    const pool = new HTTPSConnectionPool('google.com');
    expect(pool.isSameHost(url)).toBe(true);
    pool.close();
  });

  it.each([
    ['google.com', 'https://google.com/'],
    ['yahoo.com', 'http://google.com/'],
    ['google.com', 'https://google.net/'],
    ['google.com', 'http://google.com./'],
  ])('an HTTP pool for %s is not the same host as %s', (host, url) => {
    const pool = new HTTPConnectionPool(host);
    expect(pool.isSameHost(url)).toBe(false);
    pool.close();
  });

  it.each([
    ['google.com', 'http://google.com/'],
    ['yahoo.com', 'https://google.com/'],
    ['google.com', 'https://google.net/'],
    ['google.com', 'https://google.com./'],
  ])('an HTTPS pool for %s is not the same host as %s', (host, url) => {
    const pool = new HTTPSConnectionPool(host);
    expect(pool.isSameHost(url)).toBe(false);
    pool.close();
  });

  it('a request to another host throws HostChangedError before anything is sent', async () => {
    const transport = createMemoryTransport(ok);
    const pool = connectionFromUrl('http://google.com:80', transport.options);
    const error = await rejection(
      pool.request('GET', 'http://yahoo.com:80', { assertSameHost: true }),
    );
    expect(error).toBeInstanceOf(HostChangedError);
    expect(transport.connections).toBe(0);
    pool.close();
  });
});

describe('urllib3 test_connectionpool: sizing, blocking and close', () => {
  it('a blocking pool of maxsize 1 with its connection held throws EmptyPoolError after poolTimeout', async () => {
    const transport = createMemoryTransport(ok);
    const pool = new HTTPConnectionPool('localhost', {
      maxsize: 1,
      block: true,
      ...transport.options,
    });
    const held = await pool.request('GET', '/', { preloadContent: false });
    const error = await rejection(pool.request('GET', '/', { poolTimeout: 20 }));
    expect(error).toBeInstanceOf(EmptyPoolError);
    expect(pool.numConnections).toBe(1);
    await held.drainConn();
    pool.close();
  });

  it('a non-blocking pool of maxsize 1 keeps the first returned connection and closes the second', async () => {
    const transport = createMemoryTransport(ok);
    const pool = new HTTPConnectionPool('localhost', {
      maxsize: 1,
      block: false,
      ...transport.options,
    });
    const first = await pool.request('GET', '/', { preloadContent: false });
    const second = await pool.request('GET', '/', { preloadContent: false });
    expect(pool.numConnections).toBe(2);
    await first.drainConn();
    await second.drainConn();
    expect(pool.stats).toMatchObject({ open: 1, idle: 1 });
    // The kept one is reused; a third request needs no new connection.
    await pool.request('GET', '/');
    expect(pool.numConnections).toBe(2);
    expect(transport.requests.at(-1)?.connectionId).toBe(1);
    pool.close();
  });

  it('a blocking pool never opens more than maxsize connections, so nothing overflows on return', async () => {
    const transport = createMemoryTransport(ok);
    const pool = new HTTPConnectionPool('localhost', {
      maxsize: 1,
      block: true,
      ...transport.options,
    });
    const responses = await Promise.all(Array.from({ length: 5 }, () => pool.request('GET', '/')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(pool.numConnections).toBe(1);
    expect(pool.stats).toMatchObject({ open: 1, idle: 1, queued: 0 });
    pool.close();
  });

  it('failed attempts give their slot back: the pool is never left empty (urllib3 #76)', async () => {
    let calls = 0;
    const transport = createMemoryTransport(() => {
      calls++;
      if (calls <= 2) return { status: 0, error: new ProtocolError('Connection aborted.') };
      return ok();
    });
    const pool = new HTTPConnectionPool('localhost', {
      maxsize: 1,
      block: true,
      ...transport.options,
    });
    const error = await rejection(pool.request('GET', '/', { retries: 1, poolTimeout: 50 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(calls).toBe(2);
    expect(pool.stats).toMatchObject({ active: 0, queued: 0 });
    // The slot is free again: the next request gets a connection at once.
    expect((await pool.request('GET', '/', { poolTimeout: 50 })).status).toBe(200);
    pool.close();
  });

  it('close() closes idle connections, is idempotent, and later requests throw ClosedPoolError', async () => {
    const transport = createMemoryTransport(ok);
    const pool = connectionFromUrl('http://google.com:80', { maxsize: 3, ...transport.options });
    const held = await Promise.all(
      [1, 2, 3].map(() => pool.request('GET', '/', { preloadContent: false })),
    );
    await held[0]!.drainConn();
    await held[1]!.drainConn();
    expect(pool.stats.idle).toBe(2);
    pool.close();
    expect(pool.stats.idle).toBe(0);
    expect(() => pool.close()).not.toThrow();
    expect(await rejection(pool.request('GET', '/'))).toBeInstanceOf(ClosedPoolError);
    // A connection returned after close is closed, not pooled.
    await held[2]!.drainConn();
    expect(pool.stats.idle).toBe(0);
    expect(await rejection(pool.urlopen('GET', '/'))).toBeInstanceOf(ClosedPoolError);
  });

  it('await using closes the pool like a with-block', async () => {
    const transport = createMemoryTransport(ok);
    let escaped: HTTPConnectionPool;
    {
      await using pool = connectionFromUrl('http://google.com:80', transport.options);
      escaped = pool;
      await pool.request('GET', '/');
    }
    expect(escaped.isClosed).toBe(true);
    expect(await rejection(escaped.request('GET', '/'))).toBeInstanceOf(ClosedPoolError);
  });
});

describe('urllib3 test_connectionpool: construction', () => {
  it('default timeouts are unset; a number sets connect and read', () => {
    const plain = new HTTPConnectionPool('localhost');
    expect(plain.timeout).toBeInstanceOf(Timeout);
    expect(plain.timeout.connectTimeout).toBeUndefined();
    expect(plain.timeout.readTimeout).toBeUndefined();
    expect(plain.timeout.total).toBeUndefined();
    const short = new HTTPConnectionPool('localhost', { timeout: 100 });
    expect(short.timeout.connectTimeout).toBe(100);
    expect(short.timeout.readTimeout).toBe(100);
    expect(short.timeout.total).toBeUndefined();
    plain.close();
    short.close();
  });

  it('a missing host throws LocationValueError', () => {
    expect(() => new HTTPConnectionPool(null as unknown as string)).toThrow(LocationValueError);
    expect(() => new HTTPConnectionPool('')).toThrow(LocationValueError);
  });

  it('connectionFromUrl picks the pool class and port from the URL; HTTPS requires certificates', async () => {
    const certs = await generateTestCertificates();
    const http = connectionFromUrl('http://google.com:80');
    expect(http).toBeInstanceOf(HTTPConnectionPool);
    expect(http).not.toBeInstanceOf(HTTPSConnectionPool);
    expect(http.port).toBe(80);
    const https = connectionFromUrl('https://google.com:80', { caCerts: certs.ca.certFile });
    expect(https).toBeInstanceOf(HTTPSConnectionPool);
    expect(https.port).toBe(80);
    expect((https as HTTPSConnectionPool).tls.verify).toBe(true);
    http.close();
    https.close();
  });

  it('a pool names itself as urllib3 does in error messages', () => {
    const pool = new HTTPConnectionPool('localhost');
    expect(String(pool)).toBe("HTTPConnectionPool(host='localhost', port=80)");
    expect(new MaxRetryError(pool, 'Test.', null).message).toBe(
      "HTTPConnectionPool(host='localhost', port=80): Max retries exceeded with url: Test. (Caused by None)",
    );
    const cause = new Error('Test');
    expect(new MaxRetryError(pool, 'Test.', cause).message).toBe(
      "HTTPConnectionPool(host='localhost', port=80): Max retries exceeded with url: Test. (Caused by Error: Test)",
    );
    pool.close();
  });

  it('every PoolError names the pool first (test_exception_str)', async () => {
    const pool = new HTTPConnectionPool('localhost');
    const prefix = "HTTPConnectionPool(host='localhost', port=80): ";
    expect(new EmptyPoolError(pool, 'Test.').message).toBe(`${prefix}Test.`);
    expect(new HostChangedError(pool, '/x').message).toBe(
      `${prefix}Tried to open a foreign host with url: /x`,
    );
    expect(new EmptyPoolError(null, 'Test.').message).toBe('Test.');
    pool.close();
    const closed = await rejection(pool.request('GET', '/'));
    expect(closed).toBeInstanceOf(ClosedPoolError);
    expect((closed as Error).message).toBe(`${prefix}Pool is closed.`);
  });
});

describe('urllib3 test_connectionpool: releaseConn across a retry (urllib3 #651)', () => {
  it.each([
    ['a read timeout', () => new ReadTimeoutError(null, '/', 'Read timed out.')],
    ['a protocol error', () => new ProtocolError('Connection aborted.')],
    [
      'a connection reset',
      () =>
        new ProtocolError('Connection aborted.', {
          cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
        }),
    ],
  ])(
    'after %s then a success, releaseConn: false leaves the connection on the response',
    async (_n, makeError) => {
      let first = true;
      const transport = createMemoryTransport(() => {
        if (first) {
          first = false;
          return { status: 0, error: makeError() };
        }
        return { status: 200, body: 'foo', headers: { 'transfer-encoding': 'chunked' } };
      });
      const pool = new HTTPConnectionPool('localhost', {
        maxsize: 1,
        block: true,
        ...transport.options,
      });
      const response = await pool.urlopen('GET', '/', {
        retries: 1,
        releaseConn: false,
        preloadContent: false,
      });
      expect(pool.stats.idle).toBe(0);
      expect(pool.numConnections).toBe(2);
      expect(response.connection).not.toBeNull();
      await response.read();
      response.releaseConn();
      expect(pool.stats.idle).toBe(1);
      expect(response.connection).toBeNull();
      pool.close();
    },
  );
});
