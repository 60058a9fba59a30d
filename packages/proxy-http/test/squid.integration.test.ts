import { createHash } from 'node:crypto';
import { connectTcp } from '@urlpool/connection';
import { MaxRetryError, ProxyError } from '@urlpool/core';
import {
  forceGc,
  generateTestCertificates,
  hasSquid,
  type Squid,
  startSquid,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProxyManager, type ProxyManagerOptions } from '../src/index.ts';
import { patternSha256 } from './support/pattern-hash.ts';
import { waitFor } from './support/wait-for.ts';

// CI installs squid (scripts/ensure-system-deps.mjs): there a missing squid fails the run.
const run = hasSquid() || process.env.CI === 'true';
if (!run) console.warn('squid is not installed: skipping the squid tests (CI=true would fail)');

const USER = 'proxy-user';
const PASSWORD = 'p@ss:w/rd';

describe.runIf(run)('through squid', () => {
  let certs: TestCertificates;
  let origin: TestServer;
  let plain: TestServer;
  let plain2: TestServer;
  let squid: Squid;
  let squidAuth: Squid;
  const managers: ProxyManager[] = [];
  const manager = (url: string, options: ProxyManagerOptions = {}): ProxyManager => {
    const m = new ProxyManager(url, { caCerts: certs.ca.certFile, ...options });
    managers.push(m);
    return m;
  };

  beforeAll(async () => {
    certs = await generateTestCertificates();
    [origin, plain, plain2, squid, squidAuth] = await Promise.all([
      startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } }),
      startTestServer(),
      startTestServer(),
      startSquid({ tls: certs.server, upstreamCaFile: certs.ca.certFile }),
      startSquid({ tls: certs.server, auth: { username: USER, password: PASSWORD } }),
    ]);
  });
  afterAll(async () => {
    for (const m of managers) m.clear();
    await Promise.all([
      origin?.close(),
      plain?.close(),
      plain2?.close(),
      squid?.close(),
      squidAuth?.close(),
    ]);
  });

  it('tunnels an https target through CONNECT, TLS to the origin inside the tunnel', async () => {
    const proxy = manager(squid.url);
    const r = await proxy.request('GET', `https://localhost:${origin.port}/get?via=squid`);
    expect(r.status).toBe(200);
    expect((r.json() as { args: unknown }).args).toEqual({ via: 'squid' });
    // squid logs a tunnel when it ends.
    proxy.clear();
    await waitFor(() => squid.accessLog().includes(`CONNECT localhost:${origin.port}`));
  });

  it('forwards an http target in absolute form', async () => {
    const proxy = manager(squid.url);
    plain.resetStats();
    for (let i = 0; i < 5; i++) {
      const r = await proxy.request('GET', `${plain.url}/get?fwd=${i}`);
      expect(r.status).toBe(200);
      expect((r.json() as { args: unknown }).args).toEqual({ fwd: String(i) });
    }
    // squid added its Via: the request went through it, and its own connection to the origin
    // was reused.
    expect(plain.requests[0]!.headers.via).toContain('urlpool-test-squid');
    // (squid logs URLs without their query: strip_query_terms.)
    await waitFor(() => squid.accessLog().includes(`GET ${plain.url}/get`));
  });

  it('forwards two http origins over one pool and one kept-alive proxy connection', async () => {
    // Every socket opened to the proxy goes through this connector.
    let sockets = 0;
    const proxy = manager(squid.url, {
      connector: (request) => {
        sockets++;
        return connectTcp(request);
      },
    });
    plain2.resetStats();
    for (let i = 0; i < 3; i++) {
      for (const server of [plain, plain2]) {
        const r = await proxy.request('GET', `${server.url}/get?o=${server.port}&i=${i}`);
        expect(r.status).toBe(200);
        // Each response names its own origin, not the proxy's or the other origin's.
        expect(r.url).toBe(`${server.url}/get?o=${server.port}&i=${i}`);
        expect((r.json() as { args: unknown }).args).toEqual({
          o: String(server.port),
          i: String(i),
        });
      }
    }
    expect(proxy.pools.size).toBe(1);
    const [pool] = proxy.pools.values();
    expect(pool!.numConnections).toBe(1);
    expect(pool!.numRequests).toBe(6);
    expect(pool!.stats.open).toBe(1);
    expect(sockets).toBe(1);
    // Both origins were reached through squid.
    expect(plain2.requests[0]!.headers.via).toContain('urlpool-test-squid');
  });

  it('forwards with Basic auth from the URL; a wrong password is a 407 response', async () => {
    const url = `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${squidAuth.port}`;
    expect((await manager(url).request('GET', `${plain.url}/get`)).status).toBe(200);
    const wrong = `http://${USER}:nope@127.0.0.1:${squidAuth.port}`;
    const r = await manager(wrong).request('GET', `${plain.url}/get`);
    expect(r.status).toBe(407);
  });

  it('forwards http targets over TLS to the https_port proxy', async () => {
    const r = await manager(squid.httpsUrl!).request('GET', `${plain.url}/get?over=tls`);
    expect(r.status).toBe(200);
    expect((r.json() as { args: unknown }).args).toEqual({ over: 'tls' });
  });

  it('useForwardingForHttps: https targets forwarded in absolute form to the https_port', async () => {
    const proxy = manager(squid.httpsUrl!, { useForwardingForHttps: true });
    origin.resetStats();
    const r = await proxy.request('GET', `https://localhost:${origin.port}/get?fwd=https`);
    expect(r.status).toBe(200);
    expect((r.json() as { args: unknown }).args).toEqual({ fwd: 'https' });
    // squid itself made the TLS connection to the origin and says so in Via.
    expect(origin.requests[0]!.headers.via).toContain('urlpool-test-squid');
  });

  it('sends 20 requests through one tunnel on one proxy connection', async () => {
    const proxy = manager(squid.url);
    origin.resetStats();
    for (let i = 0; i < 20; i++) {
      const r = await proxy.request('GET', `https://localhost:${origin.port}/get?i=${i}`);
      expect(r.status).toBe(200);
    }
    expect(origin.totalConnections).toBe(1);
    expect(new Set(origin.requests.map((q) => q.socketId)).size).toBe(1);
    expect(proxy.pools.size).toBe(1);
  });

  it('authenticates with user:pass@ from the proxy URL (percent-decoded)', async () => {
    const url = `http://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${squidAuth.port}`;
    const r = await manager(url).request('GET', `https://localhost:${origin.port}/headers`);
    expect(r.status).toBe(200);
  });

  it('a 407 on CONNECT is a ProxyError naming the status, without the credentials', async () => {
    const url = `http://${USER}:wrong-secret@127.0.0.1:${squidAuth.port}`;
    const error = await manager(url, { retries: false })
      .request('GET', `https://localhost:${origin.port}/get`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toBe(
      'Tunnel connection failed: 407 Proxy Authentication Required',
    );
    expect(JSON.stringify(error)).not.toContain('wrong-secret');
    expect(String((error as Error).stack)).not.toContain('wrong-secret');
  });

  it('retries count a refused CONNECT and name it in MaxRetryError', async () => {
    const url = `http://${USER}:wrong-secret@127.0.0.1:${squidAuth.port}`;
    const error = await manager(url, { retries: 1 })
      .request('GET', `https://localhost:${origin.port}/get`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProxyError);
    expect((error as Error).message).not.toContain('wrong-secret');
  });

  it('TLS to the https_port proxy and TLS to the origin inside it (TLS in TLS)', async () => {
    const proxy = manager(squid.httpsUrl!);
    for (let i = 0; i < 3; i++) {
      const r = await proxy.request('GET', `https://localhost:${origin.port}/get?tls=in-tls`);
      expect(r.status).toBe(200);
      expect((r.json() as { args: unknown }).args).toEqual({ tls: 'in-tls' });
    }
  });

  it('TLS in TLS with Basic auth to the https_port proxy', async () => {
    const url = `https://${USER}:${encodeURIComponent(PASSWORD)}@localhost:${squidAuth.httpsPort}`;
    const r = await manager(url).request('GET', `https://localhost:${origin.port}/get`);
    expect(r.status).toBe(200);
  });

  it('the generated config refuses destinations outside loopback, before connecting', async () => {
    // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed; squid's dst ACL refuses it.
    const proxy = manager(squid.url, { retries: false });
    const error = await proxy.request('GET', 'https://192.0.2.1/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect((error as Error).message).toBe('Tunnel connection failed: 403 Forbidden');
    expect((await proxy.request('GET', 'http://192.0.2.1/')).status).toBe(403);
  });

  it('downloads 64 MiB through a tunnel with a matching hash and flat memory', async () => {
    const size = 64 * 1024 * 1024;
    const expected = patternSha256(size);
    const proxy = manager(squid.url);
    // Warm-up (heap growth of a first large download is not a leak), on the same tunnel.
    await proxy.request('GET', `https://localhost:${origin.port}/large?size=${16 << 20}`);
    const r = await proxy.request(
      'GET',
      `https://localhost:${origin.port}/large?size=${size}&chunk=65536`,
      { preloadContent: false },
    );
    const hash = createHash('sha256');
    let total = 0;
    // Live memory, sampled after a full GC every 4 MiB: RSS also counts spent chunks that the
    // GC has not collected yet (Node 24 keeps them longer), which is not buffering.
    const gc = forceGc();
    const live = (): number => {
      gc();
      const usage = process.memoryUsage();
      return usage.heapUsed + usage.arrayBuffers;
    };
    const live0 = live();
    let peak = live0;
    for await (const chunk of r) {
      hash.update(chunk);
      total += chunk.length;
      if ((total & 0x3fffff) < chunk.length) peak = Math.max(peak, live());
    }
    expect(total).toBe(size);
    expect(hash.digest('hex')).toBe(expected);
    // Flat: the body streams through; holding it would add 64 MiB.
    expect(peak - live0).toBeLessThan(16 * 1024 * 1024);
    expect(proxy.pools.size).toBe(1);
  });
});
