import {
  generateTestCertificates,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { SOCKSProxyManager, type SOCKSProxyManagerOptions } from '../../src/index.ts';

/** An HTTP and an HTTPS origin on loopback, and the managers a test file made. */
export interface Origins {
  readonly certs: TestCertificates;
  readonly http: TestServer;
  readonly https: TestServer;
  /** A manager that the file's afterEach clears; TLS verification uses the test CA. */
  manager(proxyUrl: string, options?: SOCKSProxyManagerOptions): SOCKSProxyManager;
  /** Clears every manager, then waits for the origins to see their sockets closed. */
  clearManagers(): Promise<void>;
  close(): Promise<void>;
}

export async function startOrigins(): Promise<Origins> {
  const certs = await generateTestCertificates();
  const [http, https] = await Promise.all([
    startTestServer(),
    startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } }),
  ]);
  const managers: SOCKSProxyManager[] = [];
  return {
    certs,
    http,
    https,
    manager(proxyUrl, options = {}) {
      const m = new SOCKSProxyManager(proxyUrl, { caCerts: certs.ca.certFile, ...options });
      managers.push(m);
      return m;
    },
    async clearManagers() {
      for (const m of managers.splice(0)) m.clear();
      await Promise.all([http.waitForOpenConnections(0), https.waitForOpenConnections(0)]);
      http.resetStats();
      https.resetStats();
    },
    async close() {
      for (const m of managers.splice(0)) m.clear();
      await Promise.all([http.close(), https.close()]);
    },
  };
}

/** Polls until `check()` is true (log lines of external servers arrive asynchronously). */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
