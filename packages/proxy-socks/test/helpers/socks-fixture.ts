import {
  type DanteServer,
  type MicrosocksServer,
  type SocksServer,
  startDante,
  startMicrosocks,
  startSocksServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type Origins, startOrigins } from './origins.ts';

/** The origins and the three SOCKS servers of a file (set from its `beforeAll` on). */
export interface SocksFixture {
  readonly origins: Origins;
  /** Debian's dante (socks4, socks5, socks5h). */
  readonly dante: DanteServer;
  /** microsocks with a password (socks5, socks5h). */
  readonly microsocks: MicrosocksServer;
  /** The test-server's own SOCKS server (socks4a too; records how targets were named). */
  readonly own: SocksServer;
}

/** Options of {@link useRealSocksServers}. */
export interface SocksFixtureOptions {
  /** microsocks' credentials. @default microsocks' default test credentials */
  readonly microsocks?: { username: string; password: string };
  /** After each test, wait for the own server to see every tunnel closed. @default false */
  readonly settleOwn?: boolean;
}

/**
 * Registers the hooks of a file that runs through the real SOCKS servers: origins, dante,
 * microsocks and the own server started before the tests; managers cleared (and the own
 * server's stats reset) after each test; everything closed at the end.
 */
export function useRealSocksServers(options: SocksFixtureOptions = {}): SocksFixture {
  let servers: SocksFixture | undefined;
  beforeAll(async () => {
    const [origins, dante, microsocks, own] = await Promise.all([
      startOrigins(),
      startDante(),
      startMicrosocks(options.microsocks),
      startSocksServer(),
    ]);
    servers = { origins, dante, microsocks, own };
  });
  afterEach(async () => {
    if (servers === undefined) return;
    await servers.origins.clearManagers();
    if (options.settleOwn === true) await servers.own.waitForOpenConnections(0);
    servers.own.resetStats();
  });
  afterAll(async () => {
    const started = servers;
    servers = undefined;
    if (started === undefined) return;
    await Promise.all(Object.values(started).map((server) => server.close()));
  });
  const get = (): SocksFixture => {
    if (servers === undefined) throw new Error('useRealSocksServers: servers start in beforeAll');
    return servers;
  };
  return {
    get origins() {
      return get().origins;
    },
    get dante() {
      return get().dante;
    },
    get microsocks() {
      return get().microsocks;
    },
    get own() {
      return get().own;
    },
  };
}
