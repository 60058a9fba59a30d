import {
  generateTestCertificates,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll } from 'vitest';

/** A server a fixture starts before a file's tests and closes after them. */
export interface Closable {
  close(): Promise<void>;
}

/** How to start each server of a file, by name (certificates come from the fixture). */
export type ServerStarters = Record<string, (certs: TestCertificates) => Promise<Closable>>;

/** The fixture: the file's certificates and its running servers, under their names. */
export type CliFixture<S extends ServerStarters> = {
  readonly certs: TestCertificates;
} & { readonly [K in keyof S]: Awaited<ReturnType<S[K]>> };

/**
 * Registers the hooks of a CLI integration test file: certificates generated at run time, then
 * each server of `starters` started (in order) before the tests and all closed after them.
 * Properties throw until `beforeAll` ran.
 *
 * @example
 * ```ts
 * const s = useCliFixture({ http: () => startTestServer(), https: startHttpsServer });
 * it('…', async () => runCli(['--cacert', s.certs.ca.certFile, `${s.https.url}/get`]));
 * ```
 */
export function useCliFixture<S extends ServerStarters>(starters: S): CliFixture<S> {
  let certs: TestCertificates | undefined;
  const started = new Map<string, Closable>();
  beforeAll(async () => {
    certs = await generateTestCertificates();
    for (const [name, start] of Object.entries(starters)) started.set(name, await start(certs));
  });
  afterAll(async () => {
    await Promise.all([...started.values()].map((server) => server.close()));
    started.clear();
  });
  const fixture = {
    get certs(): TestCertificates {
      if (certs === undefined) throw new Error('useCliFixture: certificates are made in beforeAll');
      return certs;
    },
  };
  for (const name of Object.keys(starters)) {
    Object.defineProperty(fixture, name, {
      get() {
        const server = started.get(name);
        if (server === undefined) throw new Error(`useCliFixture: ${name} starts in beforeAll`);
        return server;
      },
    });
  }
  return fixture as CliFixture<S>;
}

/** The TLS options of a test server with the fixture's `localhost` certificate. */
export function serverTls(certs: TestCertificates): { key: string; cert: string } {
  return { key: certs.server.key, cert: certs.server.cert };
}

/** An HTTPS test server with the `localhost` certificate (signed by `certs.ca`). */
export function startHttpsServer(certs: TestCertificates): Promise<TestServer> {
  return startTestServer({ tls: serverTls(certs) });
}
