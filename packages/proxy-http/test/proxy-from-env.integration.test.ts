import {
  type ConnectProxy,
  generateTestCertificates,
  startConnectProxy,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxyFromEnv } from '../src/index.ts';

let certs: TestCertificates;
let origin: TestServer;
let proxy: ConnectProxy;

beforeAll(async () => {
  certs = await generateTestCertificates();
  [origin, proxy] = await Promise.all([
    startTestServer({ tls: { key: certs.server.key, cert: certs.server.cert } }),
    startConnectProxy({ auth: { username: 'env', password: 'from-env' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([origin.close(), proxy.close()]);
});

describe('proxyFromEnv against real sockets', () => {
  it('HTTPS_PROXY with credentials for one host, NO_PROXY direct for another, per redirect hop', async () => {
    const m = proxyFromEnv({
      env: { HTTPS_PROXY: `http://env:from-env@127.0.0.1:${proxy.port}`, NO_PROXY: '127.0.0.1' },
      caCerts: certs.ca.certFile,
    });
    try {
      // 127.0.0.1 is in NO_PROXY: direct.
      expect((await m.request('GET', `https://127.0.0.1:${origin.port}/get`)).status).toBe(200);
      expect(proxy.requests).toHaveLength(0);
      // localhost is not: through the proxy, authenticated from the URL.
      expect((await m.request('GET', `https://localhost:${origin.port}/get`)).status).toBe(200);
      expect(proxy.requests.map((q) => q.target)).toEqual([`localhost:${origin.port}`]);
      // A direct host redirecting to a proxied one: the second hop uses the proxy.
      proxy.requests.length = 0;
      m.clear();
      const next = encodeURIComponent(`https://localhost:${origin.port}/get?hop=2`);
      const r = await m.request('GET', `https://127.0.0.1:${origin.port}/redirect-to?url=${next}`);
      expect(r.status).toBe(200);
      expect(proxy.requests.map((q) => q.target)).toEqual([`localhost:${origin.port}`]);
    } finally {
      m.clear();
    }
  });
});
