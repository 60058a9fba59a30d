import { defineServerSet, type ServerSet, type ServerStarters } from '@urlpool/test-server';
import { afterAll, beforeAll } from 'vitest';

/**
 * Registers the hooks of a CLI integration test file: certificates generated at run time and
 * the servers of `starters` started before the tests, all closed after them. Read the servers
 * (by name) and `certs` inside tests only.
 *
 * @example
 * ```ts
 * const s = useCliFixture({ http: () => startTestServer(), https: startHttpsServer });
 * it('…', async () => runCli(['--cacert', s.certs.ca.certFile, `${s.https.url}/get`]));
 * ```
 */
export function useCliFixture<S extends ServerStarters>(starters: S): ServerSet<S> {
  const set = defineServerSet(starters);
  beforeAll(() => set.start());
  afterAll(() => set.close());
  return set;
}
