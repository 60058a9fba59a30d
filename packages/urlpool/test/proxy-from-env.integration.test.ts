// The umbrella's proxyFromEnv wires SOCKS in: a socks5h:// ALL_PROXY goes through a real SOCKS
// server (Debian's dante), and the test-server's SOCKS server shows the target was sent as a
// name (socks5h: the proxy resolves it).
import {
  type DanteServer,
  type SocksServer,
  startDante,
  startSocksServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../src/index.ts';

let origin: TestServer;
let dante: DanteServer;
let own: SocksServer;

beforeAll(async () => {
  [origin, dante, own] = await Promise.all([startTestServer(), startDante(), startSocksServer()]);
});
afterAll(async () => {
  await Promise.all([origin?.close(), dante?.close(), own?.close()]);
});

async function eventually(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('urlpool proxyFromEnv', () => {
  it('sends ALL_PROXY=socks5h:// targets through a real SOCKS server (dante)', async () => {
    const before = dante.tunnels;
    const http = proxyFromEnv({ env: { ALL_PROXY: dante.url('socks5h') } });
    try {
      const url = `http://localhost:${origin.port}/get?via=socks5h`;
      const r = await http.request('GET', url);
      expect(r.status).toBe(200);
      expect(r.json<{ args: Record<string, string> }>().args).toEqual({ via: 'socks5h' });
      expect(r.url).toBe(url);
      await eventually(() => dante.tunnels === before + 1);
    } finally {
      http.clear();
    }
  });

  it('names the target to the SOCKS server (socks5h: proxy-side DNS)', async () => {
    const http = proxyFromEnv({ env: { all_proxy: own.url('socks5h') } });
    try {
      const r = await http.request('GET', `http://localhost:${origin.port}/get`);
      expect(r.status).toBe(200);
      expect(own.tunnels).toBe(1);
      expect(own.requests[0]).toMatchObject({
        version: 5,
        addressType: 'domain',
        host: 'localhost',
        port: origin.port,
      });
    } finally {
      http.clear();
    }
  });

  it('keeps NO_PROXY hosts off the SOCKS proxy', async () => {
    own.resetStats();
    const http = proxyFromEnv({ env: { ALL_PROXY: own.url('socks5h'), NO_PROXY: 'localhost' } });
    try {
      const r = await http.request('GET', `http://localhost:${origin.port}/get`);
      expect(r.status).toBe(200);
      expect(own.totalConnections).toBe(0);
    } finally {
      http.clear();
    }
  });
});
