import { MaxRetryError, ReadTimeoutError, Retry } from '@urlpool/core';
import {
  type RawConnection,
  startRawServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool, type HTTPConnectionPoolOptions } from '../src/index.ts';

// Issue 9 item 11: `Timeout.total` is a hard deadline for one attempt. A server dripping
// header bytes held `{ read: 1000, total: 2000 }` for 16 s, since every byte restarted the
// read clock and total only shortened the first read wait.

let server: TestServer;
const pools: HTTPConnectionPool[] = [];
const closers: (() => Promise<void>)[] = [];

function pool(port: number, options: HTTPConnectionPoolOptions = {}): HTTPConnectionPool {
  const p = new HTTPConnectionPool('127.0.0.1', { port, ...options });
  pools.push(p);
  return p;
}

async function timedRejection(promise: Promise<unknown>): Promise<[Error, number]> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return [error as Error, performance.now() - started];
  }
  throw new Error('expected the request to fail');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `head` and then one header line every `everyMs`, for ever (until the client leaves). */
async function dripHeaders(conn: RawConnection, everyMs: number): Promise<void> {
  for (;;) {
    try {
      await conn.readRequest();
    } catch {
      return;
    }
    await conn.write('HTTP/1.1 200 OK\r\n');
    for (let i = 0; !conn.socket.destroyed; i++) {
      await sleep(everyMs);
      if (conn.socket.destroyed) return;
      await conn.write(`X-Drip-${i}: ${'x'.repeat(8)}\r\n`);
    }
  }
}

/** Sends a complete head at once, then one body byte every `everyMs` of a long body. */
async function dripBody(conn: RawConnection, everyMs: number): Promise<void> {
  try {
    await conn.readRequest();
  } catch {
    return;
  }
  await conn.write('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n');
  for (let i = 0; i < 1000 && !conn.socket.destroyed; i++) {
    await sleep(everyMs);
    if (!conn.socket.destroyed) await conn.write('*');
  }
}

async function rawServer(handler: (conn: RawConnection) => Promise<void>) {
  const raw = await startRawServer(handler);
  closers.push(() => raw.close());
  return raw;
}

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
});
afterEach(async () => {
  for (const p of pools.splice(0)) p.close();
  for (const close of closers.splice(0)) await close();
});
afterAll(async () => {
  await server.close();
});

describe('Timeout.total is a hard deadline for one attempt', () => {
  it('a server dripping header bytes cannot hold { read: 1000, total: 2000 } past the total', async () => {
    const raw = await rawServer((conn) => dripHeaders(conn, 300));
    const p = pool(raw.port, { retries: false });
    const [error, elapsed] = await timedRejection(
      p.request('GET', '/', { timeout: { read: 1000, total: 2000 } }),
    );
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(error.message).toContain('total timeout=2000ms');
    // Never early; at most one coarse timer tick (500 ms) late, plus scheduling under load.
    expect(elapsed).toBeGreaterThanOrEqual(1990);
    expect(elapsed).toBeLessThan(3500);
    expect(p.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
    await sleep(50);
    expect(raw.connections).toBe(0);
  });

  it('under the 1 s fast-timer threshold too (a native timer)', async () => {
    const raw = await rawServer((conn) => dripHeaders(conn, 60));
    const p = pool(raw.port, { retries: false, timeout: { read: 200, total: 400 } });
    const [error, elapsed] = await timedRejection(p.request('GET', '/'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(1500);
  });

  it('each retry is a new attempt with its own deadline', async () => {
    const raw = await rawServer((conn) => dripHeaders(conn, 50));
    const p = pool(raw.port, { timeout: { read: 200, total: 300 } });
    const [error, elapsed] = await timedRejection(
      p.request('GET', '/', { retries: new Retry({ total: 2 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ReadTimeoutError);
    expect(raw.totalConnections).toBe(3);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 290);
    expect(elapsed).toBeLessThan(3000);
  });

  it('covers the whole body when preloading', async () => {
    const raw = await rawServer((conn) => dripBody(conn, 50));
    const p = pool(raw.port, { retries: false, maxsize: 1, block: true });
    const [error, elapsed] = await timedRejection(
      p.request('GET', '/', { timeout: { read: 300, total: 600 } }),
    );
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeLessThan(1500);
    // The slot of the blocking pool was freed.
    expect(p.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
  });

  it('does not cover a streamed body: it ends with the head', async () => {
    const p = pool(server.port, { retries: false });
    const r = await p.request('GET', '/drip?numbytes=6&duration=900', {
      preloadContent: false,
      timeout: { read: 400, total: 300 },
    });
    // The head came in time; reading the body may take longer than total (read still applies).
    const body = await r.read();
    expect(body.toString()).toBe('******');
    expect(p.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
  });

  it('a request that finishes in time leaves the connection reusable', async () => {
    const p = pool(server.port, { retries: false, timeout: { read: 1000, total: 1500 } });
    for (let i = 0; i < 3; i++) {
      const r = await p.request('GET', '/drip?numbytes=3&duration=200');
      expect(r.data.toString()).toBe('***');
    }
    // Past the total of every earlier attempt: no stale deadline closes the idle connection.
    await sleep(2200);
    expect(p.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
    expect((await p.request('GET', '/get')).status).toBe(200);
    expect(p.numConnections).toBe(1);
  });
});
