import { startTestServer, type TestServer } from '@urlpool/test-server';
import { disableWarnings, type HTTPWarning, onWarning, PoolFullWarning } from '@urlpool/warnings';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// Issue 9 item 15: `block: false` discarding connections because the pool was full was silent
// (2000 requests at concurrency 50 opened 1961 sockets and nothing said so).

let server: TestServer;
const pools: HTTPConnectionPool[] = [];
let stopListening: (() => void) | undefined;
let seen: HTTPWarning[] = [];

function makePool(maxsize: number): HTTPConnectionPool {
  const pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, maxsize });
  pools.push(pool);
  return pool;
}

async function burst(pool: HTTPConnectionPool, n: number): Promise<void> {
  const responses = await Promise.all(
    Array.from({ length: n }, () => pool.request('GET', '/delay/20')),
  );
  expect(responses.every((r) => r.status === 200)).toBe(true);
}

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
});
afterEach(async () => {
  stopListening?.();
  stopListening = undefined;
  seen = [];
  for (const pool of pools.splice(0)) pool.close();
  await server.waitForOpenConnections(0, 2000);
});
afterAll(async () => {
  await server.close();
});

function listen(): void {
  stopListening = onWarning((warning) => seen.push(warning));
}

describe('PoolFullWarning', () => {
  it('is emitted once per pool with urllib3 message when block: false discards connections', async () => {
    listen();
    const pool = makePool(2);
    await burst(pool, 10);
    expect(pool.stats.open).toBe(2);
    expect(seen).toHaveLength(1);
    const warning = seen[0]!;
    expect(warning).toBeInstanceOf(PoolFullWarning);
    expect(warning.name).toBe('PoolFullWarning');
    expect(warning.code).toBe('URLPOOL_WARN_POOL_FULL');
    expect(warning.message).toBe(
      'Connection pool is full, discarding connection: 127.0.0.1. Connection pool size: 2',
    );
    await burst(pool, 10);
    expect(seen).toHaveLength(1);
    // Another pool warns for itself.
    await burst(makePool(1), 5);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.message).toMatch(/Connection pool size: 1$/);
  });

  it('is not emitted while connections fit in the pool, nor for connections that cannot be reused', async () => {
    listen();
    const pool = makePool(10);
    await burst(pool, 10);
    for (let i = 0; i < 5; i++) await pool.request('GET', '/close');
    expect(seen).toHaveLength(0);
  });

  it('reaches process.emitWarning when nobody listens, and disableWarnings silences it', async () => {
    const received: Error[] = [];
    const onProcessWarning = (warning: Error): void => {
      received.push(warning);
    };
    process.on('warning', onProcessWarning);
    try {
      const undo = disableWarnings(PoolFullWarning);
      const silenced = makePool(1);
      await burst(silenced, 4);
      await new Promise((resolve) => setImmediate(resolve));
      expect(received.filter((w) => w.name === 'PoolFullWarning')).toHaveLength(0);
      undo();
      // Silenced emissions do not use up the pool's one warning.
      await burst(silenced, 4);
      await new Promise((resolve) => setImmediate(resolve));
      const full = received.filter((w) => w.name === 'PoolFullWarning');
      expect(full).toHaveLength(1);
      expect(full[0]).toBeInstanceOf(PoolFullWarning);
    } finally {
      process.off('warning', onProcessWarning);
    }
  });
});
