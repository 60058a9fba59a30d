import { generateTestCertificates, type TestCertificates } from './certs.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** A server a {@link ServerSet} starts and closes. */
export interface SetMember {
  close(): Promise<void>;
  /** Called by {@link ServerSetControl.resetStats} when present (test servers clear records). */
  resetStats?(): void;
}

/** How to start each server of a test file, by name (certificates come from the set). */
export type ServerStarters = Record<string, (certs: TestCertificates) => Promise<SetMember>>;

/** The running servers of a set, under their names, and the certificates they use. */
export type ServerSet<S extends ServerStarters> = {
  readonly certs: TestCertificates;
} & { readonly [K in keyof S]: Awaited<ReturnType<S[K]>> };

/** What a test file's hooks call on a set. */
export interface ServerSetControl {
  /** Generates the certificates, then starts every server (in parallel). */
  start(): Promise<void>;
  /** Resets the stats of every server that has `resetStats()` (between tests). */
  resetStats(): void;
  /** Closes every server. */
  close(): Promise<void>;
}

/**
 * The servers a test file needs, declared once by name and started from its `beforeAll`: the
 * properties (and `certs`) throw until {@link ServerSetControl.start} ran, so tests read them
 * only inside hooks and tests. Packages wrap it in their own fixture hook.
 *
 * @example
 * ```ts
 * const s = defineServerSet({ http: () => startTestServer(), https: startHttpsServer });
 * beforeAll(() => s.start());
 * afterAll(() => s.close());
 * it('…', () => fetch(`${s.http.url}/get`));
 * ```
 */
export function defineServerSet<S extends ServerStarters>(
  starters: S,
): ServerSet<S> & ServerSetControl {
  let certs: TestCertificates | undefined;
  const started = new Map<string, SetMember>();
  const control: ServerSetControl & { readonly certs: TestCertificates } = {
    get certs(): TestCertificates {
      if (certs === undefined) throw new Error('server set: certificates are made by start()');
      return certs;
    },
    async start() {
      const made = await generateTestCertificates();
      certs = made;
      const names = Object.keys(starters);
      const servers = await Promise.all(names.map((name) => starters[name]!(made)));
      for (const [i, name] of names.entries()) started.set(name, servers[i]!);
    },
    resetStats() {
      for (const server of started.values()) server.resetStats?.();
    },
    async close() {
      const servers = [...started.values()];
      started.clear();
      await Promise.all(servers.map((server) => server.close()));
    },
  };
  for (const name of Object.keys(starters)) {
    Object.defineProperty(control, name, {
      get() {
        const server = started.get(name);
        if (server === undefined) throw new Error(`server set: ${name} is started by start()`);
        return server;
      },
    });
  }
  return control as ServerSet<S> & ServerSetControl;
}

/** The TLS options of a test server with the `localhost` certificate of `certs`. */
export function serverTls(certs: TestCertificates): { key: string; cert: string } {
  return { key: certs.server.key, cert: certs.server.cert };
}

/** An HTTPS test server with the `localhost` certificate (signed by `certs.ca`). */
export function startHttpsServer(certs: TestCertificates): Promise<TestServer> {
  return startTestServer({ tls: serverTls(certs) });
}
