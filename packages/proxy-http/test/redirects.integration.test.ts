import {
  type ConnectProxy,
  generateTestCertificates,
  startConnectProxy,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxyManager } from '../src/index.ts';

let certs: TestCertificates;
let a: TestServer;
let b: TestServer;
let proxy: ConnectProxy;
let m: ProxyManager;

beforeAll(async () => {
  certs = await generateTestCertificates();
  const tls = { key: certs.server.key, cert: certs.server.cert };
  [a, b, proxy] = await Promise.all([
    startTestServer({ tls }),
    startTestServer({ tls }),
    startConnectProxy(),
  ]);
});
afterEach(() => {
  m?.clear();
  a.resetStats();
  b.resetStats();
  proxy.requests.length = 0;
});
afterAll(async () => {
  await Promise.all([a.close(), b.close(), proxy.close()]);
});

const headerNames = (server: TestServer, index: number): string[] =>
  server.requests[index]!.rawHeaders.map(([name]) => name.toLowerCase());

describe('redirects through a proxy', () => {
  it('a cross-host redirect goes through the proxy and drops Authorization and Cookie', async () => {
    m = new ProxyManager(proxy.url, { caCerts: certs.ca.certFile });
    const next = encodeURIComponent(`https://127.0.0.1:${b.port}/headers`);
    const r = await m.request('GET', `https://localhost:${a.port}/redirect-to?url=${next}`, {
      headers: { Authorization: 'Bearer secret', Cookie: 'c=1', 'X-Keep': 'kept' },
    });
    expect(r.status).toBe(200);
    expect(r.url).toBe(`https://127.0.0.1:${b.port}/headers`);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `CONNECT localhost:${a.port}`,
      `CONNECT 127.0.0.1:${b.port}`,
    ]);
    expect(headerNames(a, 0)).toContain('authorization');
    expect(headerNames(b, 0)).not.toContain('authorization');
    expect(headerNames(b, 0)).not.toContain('cookie');
    expect(headerNames(b, 0)).toContain('x-keep');
  });

  it('a same-host redirect keeps the credentials and the tunnel', async () => {
    m = new ProxyManager(proxy.url, { caCerts: certs.ca.certFile });
    const r = await m.request('GET', `https://localhost:${a.port}/redirect/2`, {
      headers: { Authorization: 'Bearer secret' },
    });
    expect(r.status).toBe(200);
    expect(a.requests).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(headerNames(a, i)).toContain('authorization');
    expect(proxy.requests).toHaveLength(1);
    expect(a.totalConnections).toBe(1);
  });
});
