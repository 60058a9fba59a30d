import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

// Issue 9 item 9: a `preloadContent: false` response read to its end never returned its
// connection, so 50 streamed GETs left 50 sockets open and a blocking pool starved.

let server: TestServer;
const pools: HTTPConnectionPool[] = [];

function makePool(
  options: ConstructorParameters<typeof HTTPConnectionPool>[1] = {},
): HTTPConnectionPool {
  const pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, ...options });
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
});
afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  await server.waitForOpenConnections(0, 2000);
  server.resetStats();
});
afterAll(async () => {
  await server.close();
});

describe('a streamed response read to its end returns its connection by itself', () => {
  it('50 streamed GETs read with stream() leave one socket, not 50', async () => {
    const pool = makePool();
    for (let i = 0; i < 50; i++) {
      const r = await pool.request('GET', '/bytes/2000', { preloadContent: false });
      let total = 0;
      for await (const chunk of r.stream(512)) total += chunk.length;
      expect(total).toBe(2000);
      expect(r.connection).toBeNull();
    }
    expect(pool.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
    expect(server.totalConnections).toBe(1);
    expect(server.openConnections).toBe(1);
  });

  it.each([
    ['read()', (r: Awaited<ReturnType<HTTPConnectionPool['request']>>) => r.read()],
    [
      'read(amt) until empty',
      async (r: Awaited<ReturnType<HTTPConnectionPool['request']>>) => {
        while ((await r.read(700)).length > 0);
      },
    ],
    [
      'for await',
      async (r: Awaited<ReturnType<HTTPConnectionPool['request']>>) => {
        for await (const _ of r);
      },
    ],
    [
      'toReadable()',
      async (r: Awaited<ReturnType<HTTPConnectionPool['request']>>) => {
        for await (const _ of r.toReadable());
      },
    ],
    [
      'toWebStream()',
      async (r: Awaited<ReturnType<HTTPConnectionPool['request']>>) => {
        for await (const _ of r.toWebStream() as unknown as AsyncIterable<Uint8Array>);
      },
    ],
  ])('a blocking pool of one does not starve when bodies are read with %s', async (_, readAll) => {
    const pool = makePool({ maxsize: 1, block: true });
    for (const path of ['/bytes/3000', '/stream-bytes/3000?chunk_size=400', '/encoding/gzip']) {
      const r = await pool.request('GET', path, { preloadContent: false, poolTimeout: 1000 });
      await readAll(r);
      expect(pool.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
    }
    expect(server.totalConnections).toBe(1);
  });

  it('releaseConn: false does not keep a finished connection out of the pool', async () => {
    const pool = makePool({ maxsize: 1, block: true });
    const r = await pool.request('GET', '/get', { preloadContent: false, releaseConn: false });
    await r.read();
    const again = await pool.request('GET', '/get', { poolTimeout: 1000 });
    expect(again.status).toBe(200);
    expect(server.totalConnections).toBe(1);
  });

  it('close() then leaves no socket open once the streamed bodies were read', async () => {
    const pool = makePool({ maxsize: 4 });
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => pool.request('GET', '/bytes/100', { preloadContent: false })),
    );
    for (const r of responses) await r.read();
    expect(pool.stats).toEqual({ open: 4, idle: 4, active: 0, queued: 0 });
    pool.close();
    expect(pool.stats.open).toBe(0);
    await server.waitForOpenConnections(0, 2000);
  });
});
