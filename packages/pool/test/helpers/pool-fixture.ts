import { createServer } from 'node:net';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { HTTPConnectionPool, type HTTPConnectionPoolOptions } from '../../src/index.ts';

/** Options of {@link usePoolFixture}. */
export interface PoolFixtureOptions {
  /**
   * After each test, wait up to this long (ms) for the server to see every connection closed,
   * so a leaked socket fails the test that leaked it. @default no wait
   */
  readonly settleMs?: number;
}

/** A file's test server and the pools its tests made (closed after each test). */
export interface PoolFixture {
  /** The running test server (set from the file's `beforeAll` on). */
  readonly server: TestServer;
  /** A pool to the test server; closed after the test. */
  pool(options?: HTTPConnectionPoolOptions): HTTPConnectionPool;
  /** Registers a pool made otherwise, to be closed after the test. */
  track<T extends HTTPConnectionPool>(pool: T): T;
  /** Closes the test's pools now (before stopping a server of the test's own). */
  closePools(): void;
}

/**
 * Registers the hooks every pool integration test needs: one test server per file, pools
 * closed after each test (then the server's stats reset), the server closed at the end.
 */
export function usePoolFixture(options: PoolFixtureOptions = {}): PoolFixture {
  let server: TestServer | undefined;
  const pools: HTTPConnectionPool[] = [];
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    fixture.closePools();
    if (options.settleMs !== undefined) await server?.waitForOpenConnections(0, options.settleMs);
    server?.resetStats();
  });
  afterAll(async () => {
    await server?.close();
  });
  const fixture: PoolFixture = {
    get server(): TestServer {
      if (server === undefined) throw new Error('usePoolFixture: the server starts in beforeAll');
      return server;
    },
    pool(poolOptions = {}) {
      return fixture.track(
        new HTTPConnectionPool('127.0.0.1', { port: fixture.server.port, ...poolOptions }),
      );
    },
    track(pool) {
      pools.push(pool);
      return pool;
    },
    closePools() {
      for (const p of pools.splice(0)) p.close();
    },
  };
  return fixture;
}

/** A loopback port nobody listens on (bound, then closed): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
