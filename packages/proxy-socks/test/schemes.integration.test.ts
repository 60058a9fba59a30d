// Every scheme x {http, https} target through a real SOCKS server: Debian's dante (socks4,
// socks5, socks5h), microsocks (socks5/socks5h with a password), and the test-server's own
// server for socks4a (which neither Debian server speaks) and to see how targets were named.
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventually } from './helpers/origins.ts';
import { useRealSocksServers } from './helpers/socks-fixture.ts';

const fx = useRealSocksServers({ microsocks: { username: 'user', password: 'pass' } });

type Scheme = 'socks4' | 'socks4a' | 'socks5' | 'socks5h';

function realServerUrl(scheme: Scheme): { url: string; tunnels: () => number } {
  if (scheme === 'socks4a') return { url: fx.own.url('socks4a'), tunnels: () => fx.own.tunnels };
  return { url: fx.dante.url(scheme), tunnels: () => fx.dante.tunnels };
}

describe.each(['socks4', 'socks4a', 'socks5', 'socks5h'] as const)('%s://', (scheme) => {
  it.each(['http', 'https'] as const)(
    'reaches an %s target through a real server',
    async (target) => {
      const { url, tunnels } = realServerUrl(scheme);
      const before = tunnels();
      const proxy = fx.origins.manager(url);
      const origin = target === 'http' ? fx.origins.http : fx.origins.https;
      const r = await proxy.request(
        'GET',
        `${target}://localhost:${origin.port}/get?via=${scheme}`,
      );
      expect(r.status).toBe(200);
      expect((r.json() as { args: Record<string, string> }).args).toEqual({ via: scheme });
      expect(r.url).toBe(`${target}://localhost:${origin.port}/get?via=${scheme}`);
      // The origin's peer is the proxy's outgoing socket, and the proxy logged one tunnel.
      expect(origin.totalConnections).toBe(1);
      await eventually(() => tunnels() === before + 1);
    },
  );

  it('names the target the way its scheme says (local or proxy DNS)', async () => {
    const proxy = fx.origins.manager(fx.own.url(scheme));
    const r = await proxy.request('GET', `http://localhost:${fx.origins.http.port}/get`);
    expect(r.status).toBe(200);
    const [request] = fx.own.requests;
    const expected = {
      socks4: { version: 4, addressType: 'ipv4', host: '127.0.0.1' },
      socks4a: { version: 4, addressType: 'socks4a', host: 'localhost' },
      socks5: { version: 5, addressType: expect.stringMatching(/^ipv[46]$/) },
      socks5h: { version: 5, addressType: 'domain', host: 'localhost' },
    }[scheme];
    expect(request).toMatchObject({ ...expected, port: fx.origins.http.port, command: 1 });
  });
});

describe('through microsocks (SOCKS5 with username/password)', () => {
  it.each(['socks5', 'socks5h'] as const)(
    '%s with URL credentials, http and https',
    async (scheme) => {
      const before = fx.microsocks.tunnels;
      const proxy = fx.origins.manager(fx.microsocks.url(scheme, 'user:pass'));
      const a = await proxy.request('GET', `http://127.0.0.1:${fx.origins.http.port}/get`);
      const b = await proxy.request('GET', `https://localhost:${fx.origins.https.port}/get`);
      expect([a.status, b.status]).toEqual([200, 200]);
      await eventually(() => fx.microsocks.tunnels === before + 2);
    },
  );
});

describe('https targets get every TLS option over the SOCKS socket', () => {
  it('verifies the certificate against the given CA, with SNI for the target name', async () => {
    const proxy = fx.origins.manager(fx.dante.url('socks5h'), {
      caCerts: undefined,
      retries: false,
    });
    // Without the test CA, Node's roots cannot verify the origin: the TLS check really runs.
    await expect(
      proxy.request('GET', `https://localhost:${fx.origins.https.port}/get`),
    ).rejects.toThrow(/certificate verify failed|self[- ]signed|unable to verify/i);
    const pinned = fx.origins.manager(fx.dante.url('socks5h'), {
      caCerts: undefined,
      certReqs: 'CERT_NONE',
      assertFingerprint: createHash('sha256')
        .update(new X509Certificate(fx.origins.certs.server.cert).raw)
        .digest('hex'),
    });
    expect(
      (await pinned.request('GET', `https://localhost:${fx.origins.https.port}/get`)).status,
    ).toBe(200);
  });

  it('checks the hostname of the target, not of the proxy', async () => {
    const proxy = fx.origins.manager(fx.dante.url('socks5'), {
      retries: false,
      assertHostname: 'elsewhere.test',
    });
    await expect(
      proxy.request('GET', `https://127.0.0.1:${fx.origins.https.port}/get`),
    ).rejects.toThrow(/doesn't match/);
  });
});
