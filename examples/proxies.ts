// Guide: "Proxies" (ProxyManager; HTTP and HTTPS proxies; CONNECT tunnels), through a real squid.
import assert from 'node:assert/strict';
import { startSquid } from '@urlpool/test-server';
import { ProxyError, ProxyManager, proxyFromEnv } from 'urlpool';
import type { Example } from './example-context.ts';

export const proxies: Example = {
  title: 'Proxies',
  async run({ log, https, server: plain }) {
    const { certs, server } = await https();
    // squid on loopback (ephemeral ports, loopback destinations only): plain and TLS listeners,
    // and a second one that wants Basic credentials.
    const [squid, squidAuth] = await Promise.all([
      startSquid({ tls: certs.server }),
      startSquid({ tls: certs.server, auth: { username: 'demo', password: 'pa55' } }),
    ]);
    const target = `https://localhost:${server.port}/get`;
    try {
      // "The usage of ProxyManager is the same as PoolManager."
      const proxy = new ProxyManager(`${squid.url}/`, { caCerts: certs.ca.certFile });
      // "When contacting a HTTP website through a HTTP or HTTPS proxy, the request will be
      // forwarded with the absolute URI."
      const forwarded = await proxy.request('GET', `${plain.url}/get`);
      assert.equal(forwarded.status, 200);
      const via = forwarded.json<{ headers: Record<string, string> }>().headers;
      assert.match(String(via.Via ?? via.via), /urlpool-test-squid/);
      log(
        `ProxyManager('${squid.url}/').request('GET', '${plain.url}/get') -> ${forwarded.status}, forwarded (Via: ${via.Via ?? via.via})`,
      );
      // "When contacting a HTTPS website through a HTTP proxy, a TCP tunnel will be established
      // with a HTTP CONNECT. Afterward a TLS connection will be established with the destination."
      const r = await proxy.request('GET', target);
      assert.equal(r.status, 200);
      for (let i = 0; i < 4; i++) await proxy.request('GET', target);
      assert.equal(proxy.pools.size, 2); // one forwarding pool, one tunnel pool
      log(
        `ProxyManager('${squid.url}/').request('GET', '${target}') -> ${r.status}, 5 requests on one tunnel`,
      );
      proxy.clear();

      // The guide calls HTTPS targets through HTTPS proxies unsupported; urlpool supports them:
      // TLS to the proxy (SNI = the proxy's name), and the origin's TLS inside it.
      const secure = new ProxyManager(squid.httpsUrl!, { caCerts: certs.ca.certFile });
      const inTls = await secure.request('GET', target);
      assert.equal(inTls.status, 200);
      log(`ProxyManager('${squid.httpsUrl}') (TLS in TLS) -> ${inTls.status}`);
      secure.clear();

      // Credentials in the proxy URL become Proxy-Authorization: Basic, for the proxy only.
      const withAuth = new ProxyManager(`http://demo:pa55@127.0.0.1:${squidAuth.port}`, {
        caCerts: certs.ca.certFile,
      });
      assert.equal((await withAuth.request('GET', target)).status, 200);
      withAuth.clear();
      const wrong = new ProxyManager(`http://demo:not-it@127.0.0.1:${squidAuth.port}`, {
        caCerts: certs.ca.certFile,
        retries: false,
      });
      const error = await wrong.request('GET', target).catch((e: Error) => e);
      assert.ok(error instanceof ProxyError);
      assert.equal(error.message, 'Tunnel connection failed: 407 Proxy Authentication Required');
      assert.ok(!String(error.stack).includes('not-it'));
      log(`wrong password -> ProxyError: ${error.message} (no credentials in the message)`);
      wrong.clear();

      // Beyond urllib3: the environment, as curl reads it (NO_PROXY hosts, suffixes, CIDR...).
      const fromEnv = proxyFromEnv({
        env: { HTTPS_PROXY: squid.url, NO_PROXY: '127.0.0.0/8,.internal' },
        caCerts: certs.ca.certFile,
      });
      assert.ok(fromEnv.routeFor('https', 'localhost') !== undefined);
      assert.equal(fromEnv.routeFor('https', '127.0.0.1'), undefined);
      assert.equal((await fromEnv.request('GET', target)).status, 200);
      assert.equal(
        (await fromEnv.request('GET', `https://127.0.0.1:${server.port}/get`)).status,
        200,
      );
      log(
        'proxyFromEnv({ HTTPS_PROXY, NO_PROXY: 127.0.0.0/8,.internal }): localhost via squid, 127.0.0.1 direct',
      );
      fromEnv.clear();
    } finally {
      await Promise.all([squid.close(), squidAuth.close()]);
    }
  },
};
