import { createServer } from 'node:net';
import {
  generateTestCertificates,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  HTTPConnectionPool,
  type HTTPConnectionPoolOptions,
  HTTPSConnectionPool,
  type HTTPSConnectionPoolOptions,
} from '../../src/index.ts';

/** Options of {@link usePoolFixture}. */
export interface PoolFixtureOptions {
  /**
   * After each test, wait up to this long (ms) for the server to see every connection closed,
   * so a leaked socket fails the test that leaked it. @default no wait
   */
  readonly settleMs?: number;
  /**
   * Serve HTTPS with the `localhost` certificate of run-time generated test certificates
   * (see `certs` and `httpsPool`). @default false (plain HTTP)
   */
  readonly tls?: boolean;
}

/** A file's test server and the pools its tests made (closed after each test). */
export interface PoolFixture {
  /** The running test server (set from the file's `beforeAll` on). */
  readonly server: TestServer;
  /** The test certificates (with `tls: true` only). */
  readonly certs: TestCertificates;
  /** A pool to the test server; closed after the test. */
  pool(options?: HTTPConnectionPoolOptions): HTTPConnectionPool;
  /**
   * An HTTPS pool (to `host` and `port`, by default the test server as `localhost`) that
   * trusts the test CA; closed after the test. Needs `tls: true`.
   */
  httpsPool(
    options?: HTTPSConnectionPoolOptions,
    host?: string,
    port?: number,
  ): HTTPSConnectionPool;
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
  let certs: TestCertificates | undefined;
  const pools: HTTPConnectionPool[] = [];
  beforeAll(async () => {
    if (options.tls === true) {
      certs = await generateTestCertificates();
      server = await startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } });
    } else {
      server = await startTestServer();
    }
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
    get certs(): TestCertificates {
      if (certs === undefined) throw new Error('usePoolFixture: certs need { tls: true }');
      return certs;
    },
    httpsPool(poolOptions = {}, host = 'localhost', port = fixture.server.port) {
      const caCerts = fixture.certs.ca.certFile;
      return fixture.track(new HTTPSConnectionPool(host, { port, caCerts, ...poolOptions }));
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
