// One kept-alive pool per target behind the proxy: server-side counts prove the tunnel is reused.
import { startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { eventually } from './helpers/origins.ts';
import { useRealSocksServers } from './helpers/socks-fixture.ts';

const fx = useRealSocksServers({ settleOwn: true });

async function twentyRequests(proxyUrl: string, target: string): Promise<void> {
  const proxy = fx.origins.manager(proxyUrl);
  for (let i = 0; i < 20; i++) {
    const r = await proxy.request('GET', `${target}/get?i=${i}`);
    expect(r.status).toBe(200);
  }
  expect(proxy.pools.size).toBe(1);
  expect(proxy.connectionFromUrl(target).numConnections).toBe(1);
}

describe('20 requests reuse one tunnel', () => {
  it.each(['http', 'https'] as const)('dante socks5h, %s target', async (scheme) => {
    const origin = scheme === 'http' ? fx.origins.http : fx.origins.https;
    const before = fx.dante.tunnels;
    await twentyRequests(fx.dante.url('socks5h'), `${scheme}://localhost:${origin.port}`);
    expect(origin.totalConnections).toBe(1);
    expect(new Set(origin.requests.map((r) => r.socketId)).size).toBe(1);
    await eventually(() => fx.dante.tunnels > before);
    expect(fx.dante.tunnels - before).toBe(1);
  });

  it('dante socks4, http target', async () => {
    const before = fx.dante.tunnels;
    await twentyRequests(fx.dante.url('socks4'), fx.origins.http.url);
    await eventually(() => fx.dante.tunnels > before);
    expect(fx.dante.tunnels - before).toBe(1);
    expect(fx.origins.http.totalConnections).toBe(1);
  });

  it('microsocks socks5 with a password, https target', async () => {
    const before = fx.microsocks.tunnels;
    await twentyRequests(
      fx.microsocks.url('socks5', 'user:pass'),
      `https://127.0.0.1:${fx.origins.https.port}`,
    );
    await eventually(() => fx.microsocks.tunnels > before);
    expect(fx.microsocks.tunnels - before).toBe(1);
    expect(fx.origins.https.totalConnections).toBe(1);
  });

  it('socks4a through the test-server: one client connection, one CONNECT', async () => {
    await twentyRequests(fx.own.url('socks4a'), `http://localhost:${fx.origins.http.port}`);
    expect(fx.own.totalConnections).toBe(1);
    expect(fx.own.requests).toHaveLength(1);
    expect(fx.own.tunnels).toBe(1);
  });
});

describe('pools behind the proxy', () => {
  it('keeps one pool per target, and numPools evicts (closing its tunnel)', async () => {
    await using second = await startTestServer();
    const proxy = fx.origins.manager(fx.own.url('socks5h'), { numPools: 1 });
    await proxy.request('GET', `${fx.origins.http.url}/get`);
    await proxy.request('GET', `${fx.origins.http.url}/get`);
    expect(fx.own.openConnections).toBe(1);
    await proxy.request('GET', `${second.url}/get`);
    expect(proxy.pools.size).toBe(1);
    // The first target's pool was evicted and closed: only the second tunnel stays open.
    await fx.own.waitForOpenConnections(1);
    await fx.origins.http.waitForOpenConnections(0);
    expect(fx.own.totalConnections).toBe(2);
    proxy.clear();
  });

  it('maxsize and block apply to tunnels as to direct connections', async () => {
    const proxy = fx.origins.manager(fx.own.url('socks5'), { maxsize: 2, block: true });
    await Promise.all(
      Array.from({ length: 8 }, () => proxy.request('GET', `${fx.origins.http.url}/delay/20`)),
    );
    expect(fx.own.totalConnections).toBe(2);
    expect(fx.origins.http.maxOpenConnections).toBe(2);
  });

  it('without block, extra tunnels under load are closed on return, maxsize are kept', async () => {
    const proxy = fx.origins.manager(fx.own.url('socks4a'), { maxsize: 3 });
    const rs = await Promise.all(
      Array.from({ length: 30 }, () => proxy.request('GET', `${fx.origins.http.url}/delay/10`)),
    );
    expect(rs.every((r) => r.status === 200)).toBe(true);
    expect(fx.own.totalConnections).toBeGreaterThan(3);
    await fx.own.waitForOpenConnections(3);
    expect(proxy.connectionFromUrl(fx.origins.http.url).stats).toMatchObject({ open: 3, idle: 3 });
  });

  it('sourceAddress and socketOptions apply to the socket to the proxy', async () => {
    const proxy = fx.origins.manager(fx.own.url('socks5'), {
      sourceAddress: '127.0.0.2',
      socketOptions: { keepAlive: 1000 },
    });
    expect((await proxy.request('GET', `${fx.origins.http.url}/get`)).status).toBe(200);
    expect(fx.own.requests[0]?.clientAddress).toBe('127.0.0.2');
  });

  it('an idle tunnel the proxy closed is replaced silently', async () => {
    const proxy = fx.origins.manager(fx.own.url('socks5h'));
    expect((await proxy.request('GET', `${fx.origins.http.url}/get`)).status).toBe(200);
    await fx.own.destroyConnections();
    const r = await proxy.request('GET', `${fx.origins.http.url}/get`);
    expect(r.status).toBe(200);
    expect(fx.own.totalConnections).toBe(2);
    expect(proxy.connectionFromUrl(fx.origins.http.url).numConnections).toBe(2);
  });
});
