import {
  type ConnectProxy,
  type ConnectProxyOptions,
  defineServerSet,
  type ServerSet,
  type ServerStarters,
  startConnectProxy,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ProxyManager, type ProxyManagerOptions } from '../../src/index.ts';

/** What the tests of a proxy integration file share besides its servers. */
export interface ProxyFixtureTools {
  /** A test CONNECT / forwarding proxy, closed after the test. */
  proxyServer(options?: ConnectProxyOptions): Promise<ConnectProxy>;
  /** A ProxyManager that trusts the test CA (`caCerts`), cleared after the test. */
  manager(url: string, options?: ProxyManagerOptions): ProxyManager;
  /** Runs `cleanup` after the test (cleanups run last registered first). */
  defer(cleanup: () => unknown): void;
}

/**
 * Registers the hooks of a proxy integration test file: certificates and the servers of
 * `starters` started before the tests (closed after them, their stats reset after each test),
 * and the proxies, managers and deferred cleanups of a test undone after it. The tools can be
 * destructured; read the servers (by name) and `certs` inside tests only.
 *
 * @example
 * ```ts
 * const fx = useProxyFixture({ origin: startHttpsServer });
 * const { proxyServer, manager } = fx;
 * it('…', async () => manager((await proxyServer()).url).request('GET', `${fx.origin.url}/`));
 * ```
 */
export function useProxyFixture<S extends ServerStarters>(
  starters: S,
): ServerSet<S> & ProxyFixtureTools {
  const set = defineServerSet(starters);
  const cleanups: Array<() => unknown> = [];
  beforeAll(() => set.start());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    set.resetStats();
  });
  afterAll(() => set.close());
  const tools: ProxyFixtureTools = {
    async proxyServer(options = {}) {
      const proxy = await startConnectProxy(options);
      cleanups.push(() => proxy.close());
      return proxy;
    },
    manager(url, options = {}) {
      const m = new ProxyManager(url, { caCerts: set.certs.ca.certFile, ...options });
      cleanups.push(() => m.clear());
      return m;
    },
    defer(cleanup) {
      cleanups.push(cleanup);
    },
  };
  return Object.assign(set, tools);
}
