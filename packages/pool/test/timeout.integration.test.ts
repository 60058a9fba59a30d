import {
  ConnectTimeoutError,
  isTimeoutError,
  MaxRetryError,
  ReadTimeoutError,
  Retry,
  Timeout,
} from '@urlpool/core';
import {
  startRawServer,
  startUnacceptingListener,
  type UnacceptingListener,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool, HTTPSConnectionPool } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';

const fixture = usePoolFixture({ settleMs: 5000 });
const pool = fixture.pool;
let blackhole: UnacceptingListener;

/** Runs `promise`, expecting a rejection; returns the error and how long it took (ms). */
async function timedRejection(promise: Promise<unknown>): Promise<[Error, number]> {
  const started = performance.now();
  try {
    await promise;
  } catch (error) {
    return [error as Error, performance.now() - started];
  }
  throw new Error('expected the request to fail');
}

beforeAll(async () => {
  blackhole = await startUnacceptingListener();
});
afterAll(async () => {
  await blackhole.close();
});

describe('read timeout', () => {
  it('bounds the wait for the response head (a short 100 ms timeout stays accurate)', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 100 }) });
    const [error, elapsed] = await timedRejection(p.request('GET', '/delay/5000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(isTimeoutError(error)).toBe(true);
    expect(error.message).toMatch(/Read timed out\. \(read timeout=100ms\)/);
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2500);
    expect(p.stats.open).toBe(0);
  });

  it('fires a coarse (>= 1 s) read timeout no earlier than asked', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 1000 }) });
    const [error, elapsed] = await timedRejection(p.request('GET', '/delay/8000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(995);
    expect(elapsed).toBeLessThan(5000);
  });

  it('bounds each wait while a body is streamed', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 200 }) });
    const r = await p.request('GET', '/stall-body?bytes=100', { preloadContent: false });
    expect(r.status).toBe(200);
    const first = await r.read(100);
    expect(first.length).toBe(100);
    const [error, elapsed] = await timedRejection(r.read());
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(3000);
    expect(p.stats.open).toBe(0);
  });

  it('bounds the preload of the body too', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 200 }) });
    const [error] = await timedRejection(p.request('GET', '/slow?delay_ms=5000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
  });

  it('restarts for every wait: a body dripping faster than the timeout succeeds', async () => {
    // 5 bytes over 1 s: 200 ms between bytes, longer than the timeout in total but not per wait.
    const p = pool({ retries: false, timeout: new Timeout({ read: 700 }) });
    const r = await p.request('GET', '/drip?numbytes=5&duration=1000');
    expect(r.data.toString()).toBe('*****');
  });

  it('does not tick while nobody reads the body', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 150 }) });
    const r = await p.request('GET', '/bytes/1000', { preloadContent: false });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await r.read()).length).toBe(1000);
    r.releaseConn();
    expect(p.stats.idle).toBe(1);
  });

  it('a per-request timeout overrides the pool timeout', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 20_000 }) });
    const [error, elapsed] = await timedRejection(
      p.request('GET', '/delay/5000', { timeout: 150 }),
    );
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeLessThan(3000);
    // And the pool timeout applies when the request gives none.
    const q = pool({ retries: false, timeout: 150 });
    const [error2] = await timedRejection(q.request('GET', '/delay/5000'));
    expect(error2).toBeInstanceOf(ReadTimeoutError);
  });

  it('timeout: null per request lifts the pool timeout', async () => {
    const p = pool({ retries: false, timeout: 100 });
    const r = await p.request('GET', '/delay/300', { timeout: null });
    expect(r.status).toBe(200);
  });
});

describe('total timeout', () => {
  it('caps the read wait on a new connection', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ total: 300 }) });
    const [error, elapsed] = await timedRejection(p.request('GET', '/delay/5000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    // The read wait is capped by what was left of the 300 ms after connecting (in whole ms),
    // and the attempt's hard deadline ends at the same moment: either may report it.
    expect(error.message).toMatch(/\((read timeout=(2\d\d|300)ms|total timeout=300ms)\b/);
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3000);
  });

  it('applies on a reused connection as well (the clock starts per attempt)', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ total: 300 }) });
    expect((await p.request('GET', '/get')).status).toBe(200);
    expect(p.stats.idle).toBe(1);
    const [error] = await timedRejection(p.request('GET', '/delay/5000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(fixture.server.totalConnections).toBe(1);
  });

  it('is the smaller bound when read is also given', async () => {
    const p = pool({ retries: false, timeout: new Timeout({ read: 10_000, total: 200 }) });
    const [error, elapsed] = await timedRejection(p.request('GET', '/delay/5000'));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('connect timeout', () => {
  it('a connect that never completes gives ConnectTimeoutError', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', {
      port: blackhole.port,
      retries: false,
      timeout: new Timeout({ connect: 200 }),
    });
    fixture.track(p);
    const [error, elapsed] = await timedRejection(p.request('GET', '/'));
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toContain(`127.0.0.1:${blackhole.port}`);
    expect(error.message).toContain('connect timeout=200ms');
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(3000);
    expect(p.stats.open).toBe(0);
  });

  it('is retried for any method and reported as the MaxRetryError reason', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', {
      port: blackhole.port,
      timeout: new Timeout({ connect: 100, read: 5000 }),
    });
    fixture.track(p);
    const [error, elapsed] = await timedRejection(
      p.request('POST', '/', { body: 'x', retries: new Retry({ connect: 1 }) }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ConnectTimeoutError);
    expect(p.numConnections).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(195);
  });

  it('includes the TLS handshake: a server that accepts but never answers it times out', async () => {
    const silent = await startRawServer(async (conn) => {
      await conn.closed;
    });
    try {
      const p = new HTTPSConnectionPool('127.0.0.1', {
        port: silent.port,
        retries: false,
        certReqs: 'CERT_NONE',
        timeout: new Timeout({ connect: 250, read: 20_000 }),
      });
      fixture.track(p);
      const [error, elapsed] = await timedRejection(p.request('GET', '/'));
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(elapsed).toBeGreaterThanOrEqual(245);
      expect(elapsed).toBeLessThan(5000);
      expect(p.stats.open).toBe(0);
    } finally {
      fixture.closePools();
      await silent.close();
    }
  });

  it('total caps the connect timeout', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', {
      port: blackhole.port,
      retries: false,
      timeout: new Timeout({ connect: 20_000, total: 150 }),
    });
    fixture.track(p);
    const [error, elapsed] = await timedRejection(p.request('GET', '/'));
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(elapsed).toBeLessThan(3000);
  });

  it('a number sets both the connect and the read timeout', async () => {
    const p = new HTTPConnectionPool('127.0.0.1', {
      port: blackhole.port,
      retries: false,
      timeout: 150,
    });
    fixture.track(p);
    const [error] = await timedRejection(p.request('GET', '/'));
    expect(error).toBeInstanceOf(ConnectTimeoutError);
  });
});
