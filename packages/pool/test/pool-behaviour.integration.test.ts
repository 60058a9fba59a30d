import { ClosedPoolError, EmptyPoolError } from '@urlpool/core';
import { startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPConnectionPool, type PoolFullMessage } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';

const fixture = usePoolFixture({ settleMs: 2000 });
const makePool = fixture.pool;

describe('HTTPConnectionPool pooling', () => {
  it('reuses one keep-alive connection for sequential requests', async () => {
    const pool = makePool();
    for (let i = 0; i < 5; i++) {
      const r = await pool.request('GET', '/get');
      expect(r.status).toBe(200);
      expect(r.json<{ url: string }>().url).toContain('/get');
    }
    expect(fixture.server.totalConnections).toBe(1);
    expect(pool.numConnections).toBe(1);
    expect(pool.numRequests).toBe(5);
    expect(pool.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
  });

  it('never has a third socket open with maxsize 2 and block under 50 concurrent requests', async () => {
    const pool = makePool({ maxsize: 2, block: true });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pool.request('GET', `/delay/5?i=${i}`)),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(fixture.server.maxOpenConnections).toBeLessThanOrEqual(2);
    expect(fixture.server.totalConnections).toBe(2);
    expect(pool.numConnections).toBe(2);
    expect(pool.stats.open).toBe(2);
  });

  it('with block: false opens more connections and closes the extras beyond maxsize', async () => {
    const pool = makePool({ maxsize: 2, block: false });
    await Promise.all(Array.from({ length: 10 }, () => pool.request('GET', '/delay/20')));
    expect(fixture.server.maxOpenConnections).toBeGreaterThan(2);
    expect(pool.stats.idle).toBe(2);
    expect(pool.stats.open).toBe(2);
    await fixture.server.waitForOpenConnections(2, 2000);
  });

  it('publishes one warn-level diagnostic per discarded connection, never throws', async () => {
    const { subscribe, unsubscribe } = await import('node:diagnostics_channel');
    const seen: PoolFullMessage[] = [];
    const listener = (message: unknown): void => {
      seen.push(message as PoolFullMessage);
    };
    subscribe('urlpool:pool:full', listener);
    try {
      const pool = makePool({ maxsize: 1, block: false });
      await Promise.all(Array.from({ length: 4 }, () => pool.request('GET', '/delay/20')));
      const opened = pool.numConnections;
      expect(opened).toBeGreaterThan(1);
      expect(seen).toHaveLength(opened - 1);
      expect(seen[0]!.level).toBe('warn');
      expect(seen[0]!.message).toContain('Connection pool is full, discarding connection');
      expect(seen[0]!.pool).toBe(pool);
    } finally {
      unsubscribe('urlpool:pool:full', listener);
    }
  });

  it('serves waiters in FIFO order', async () => {
    const pool = makePool({ maxsize: 1, block: true });
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        pool.request('GET', `/delay/2?i=${i}`).then(() => {
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reuses idle connections newest first (LIFO)', async () => {
    const pool = makePool({ maxsize: 3 });
    const held = await Promise.all(
      [0, 1, 2].map(() => pool.request('GET', '/get', { preloadContent: false })),
    );
    const connections = held.map((r) => r.connection);
    for (const r of held) await r.drainConn();
    const next = await pool.request('GET', '/get', { preloadContent: false });
    expect(next.connection).toBe(connections[2]);
    await next.drainConn();
  });

  it('throws EmptyPoolError after poolTimeout when every connection is busy', async () => {
    const pool = makePool({ maxsize: 1, block: true });
    const held = await pool.request('GET', '/get', { preloadContent: false });
    await expect(pool.request('GET', '/get', { poolTimeout: 50 })).rejects.toBeInstanceOf(
      EmptyPoolError,
    );
    await held.drainConn();
    const r = await pool.request('GET', '/get', { poolTimeout: 50 });
    expect(r.status).toBe(200);
  });

  it('close() is idempotent and later requests throw ClosedPoolError', async () => {
    const pool = makePool();
    await pool.request('GET', '/get');
    pool.close();
    pool.close();
    await expect(pool.request('GET', '/get')).rejects.toBeInstanceOf(ClosedPoolError);
    await fixture.server.waitForOpenConnections(0, 2000);
  });

  it('closes through await using', async () => {
    {
      await using pool = new HTTPConnectionPool('127.0.0.1', { port: fixture.server.port });
      expect((await pool.request('GET', '/get')).status).toBe(200);
      expect(fixture.server.openConnections).toBe(1);
    }
    await fixture.server.waitForOpenConnections(0, 2000);
  });

  it('honours Connection: close by opening a new connection next time', async () => {
    const pool = makePool();
    expect((await pool.request('GET', '/close')).status).toBe(200);
    expect((await pool.request('GET', '/get')).status).toBe(200);
    expect(fixture.server.totalConnections).toBe(2);
  });

  it('replaces a connection the server closed while idle', async () => {
    const shortLived = await startTestServer({ keepAliveTimeoutMs: 50 });
    try {
      const pool = new HTTPConnectionPool('127.0.0.1', { port: shortLived.port, retries: false });
      fixture.track(pool);
      expect((await pool.request('GET', '/get')).status).toBe(200);
      await shortLived.waitForOpenConnections(0, 2000);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await pool.request('GET', '/get')).status).toBe(200);
      expect(shortLived.totalConnections).toBe(2);
      pool.close();
    } finally {
      await shortLived.close();
    }
  });

  it('isSameHost compares scheme, host and port', () => {
    const pool = makePool();
    expect(pool.isSameHost('/x')).toBe(true);
    expect(pool.isSameHost(`http://127.0.0.1:${fixture.server.port}/x`)).toBe(true);
    expect(pool.isSameHost(`https://127.0.0.1:${fixture.server.port}/x`)).toBe(false);
    expect(pool.isSameHost(`http://127.0.0.1:${fixture.server.port + 1}/x`)).toBe(false);
    expect(pool.isSameHost('http://localhost/x')).toBe(false);
  });
});
