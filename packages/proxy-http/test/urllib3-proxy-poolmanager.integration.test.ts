// Ported from urllib3's test/with_dummyserver/test_proxy_poolmanager.py (behaviour only, 1.26 and
// 2.x cases): http and https targets through an http:// and an https:// proxy (also at [::1]),
// useForwardingForHttps, which headers reach the origin (manager headers vs proxy headers,
// request headers replacing the manager's, proxy headers replacing the request's on forwarded
// requests), redirects through the proxy (same host, cross host, cross scheme, what each hop
// keeps), origin certificate verification through a tunnel and its messages, https:// proxy
// verification (names, IP SANs, no SAN, assertHostname, assertFingerprint, the manager's TLS
// options), unreachable, unresolvable, unaccepting and silent proxies, connect and read timeouts
// through the proxy, Retry budgets, upper-case schemes and hosts, invalid proxy schemes, and the
// pools a manager keeps.
// Skipped: TCP_NODELAY (covered by the socket-option port of test_proxymanager), the old API
// taking a pool as the proxy, is_verified / proxy_is_verified (no urlpool equivalent),
// hostname_checks_common_name (urlpool never matches the common name), PyOpenSSL /
// SecureTransport / Python 2 cases. The IPv6 proxy is the test proxy behind a TCP relay on ::1
// (the test proxy itself listens on 127.0.0.1 only). TARPIT_HOST becomes a loopback listener
// that never accepts.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import {
  type AddressInfo,
  connect,
  createServer,
  type LookupFunction,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, createServer as createTlsServer } from 'node:tls';
import { createTcpConnector } from '@urlpool/connection';
import {
  ConnectTimeoutError,
  HTTPHeaderDict,
  MaxRetryError,
  NameResolutionError,
  ProxyError,
  ProxySchemeUnknown,
  ReadTimeoutError,
  Retry,
  SSLError,
} from '@urlpool/core';
import {
  freePort,
  seededBytes,
  serverTls,
  startHttpsServer,
  startRawServer,
  startTestServer,
  startUnacceptingListener,
} from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { ProxyManager, proxyFromEnv, proxyFromUrl } from '../src/index.ts';
import { useProxyFixture } from './support/proxy-fixture.ts';
import { rejection } from './support/rejection.ts';

const fx = useProxyFixture({
  http: () => startTestServer(),
  https: startHttpsServer,
  // An origin whose certificate names other.example only.
  other: (certs) =>
    startTestServer({ tls: { key: certs.otherServer.key, cert: certs.otherServer.cert } }),
});
const { proxyServer, manager, defer } = fx;

const httpUrl = (): string => `http://localhost:${fx.http.port}`;
const httpUrlAlt = (): string => `http://127.0.0.1:${fx.http.port}`;
const httpsUrl = (): string => `https://localhost:${fx.https.port}`;
const httpsUrlAlt = (): string => `https://127.0.0.1:${fx.https.port}`;
const tlsProxy = () => proxyServer({ tls: serverTls(fx.certs), upstreamCa: fx.certs.ca.cert });

/** The headers the origin saw, as `/headers` echoes them, with lower-case names. */
function echoed(r: { data: Buffer }): Record<string, string> {
  const body = JSON.parse(r.data.toString('utf8')) as { headers: Record<string, string> };
  return Object.fromEntries(Object.entries(body.headers).map(([k, v]) => [k.toLowerCase(), v]));
}

describe('urllib3 test_proxy_poolmanager: basic proxying', () => {
  it('an http:// proxy serves http targets (forwarded) and https targets (tunnelled)', async () => {
    const proxy = await proxyServer();
    const m = proxyFromUrl(proxy.url, { caCerts: fx.certs.ca.certFile });
    defer(() => m.clear());
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => q.method)).toEqual(['GET', 'CONNECT']);
  });

  it('an https:// proxy serves https targets (TLS in TLS) and http targets', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => q.method)).toEqual(['CONNECT', 'GET']);
  });

  it('TLS in TLS carries large bodies both ways intact, on one kept-alive tunnel', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url);
    const size = 3 * 1024 * 1024 + 7;
    const down = await m.request('GET', `${httpsUrl()}/bytes/${size}?seed=5`);
    expect(down.data.equals(seededBytes(size, 5))).toBe(true);
    const body = seededBytes(size, 9);
    const up = await m.request('POST', `${httpsUrl()}/drain`, { body });
    expect(JSON.parse(up.data.toString())).toEqual({
      bytes: size,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(proxy.requests).toHaveLength(1);
  });

  it('an https:// proxy verified with proxySslContext', async () => {
    const proxy = await tlsProxy();
    const proxySslContext = createSecureContext({ ca: fx.certs.ca.cert });
    const m = new ProxyManager(proxy.url, { proxySslContext, caCerts: fx.certs.ca.certFile });
    defer(() => m.clear());
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
  });

  it('an upper-case https:// proxy URL: TLS to the proxy, SNI and name check in lower case', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url.toUpperCase());
    expect(m.proxy.scheme).toBe('https');
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect(proxy.servernames).toEqual(['localhost']);
  });

  it('useForwardingForHttps: both schemes forwarded in absolute form to the https proxy', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, { useForwardingForHttps: true });
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `GET ${httpUrl()}/get`,
      `GET ${httpsUrl()}/get`,
    ]);
  });

  it('upper-case proxy and target schemes and hosts are normalised', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url.toUpperCase());
    expect((await m.request('GET', `${httpUrl().toUpperCase()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl().toUpperCase()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `GET ${httpUrl()}/get`,
      `CONNECT localhost:${fx.https.port}`,
    ]);
  });
});

describe('urllib3 test_proxy_poolmanager: proxies that cannot be reached', () => {
  it('a refused proxy with retries: 1 is a MaxRetryError whose reason is a ProxyError', async () => {
    const port = await freePort();
    const m = manager(`http://127.0.0.1:${port}/`, { retries: 1, timeout: 5000 });
    for (const url of [`${httpsUrl()}/get`, `${httpUrl()}/get`]) {
      const error = await rejection(m.request('GET', url));
      expect(error).toBeInstanceOf(MaxRetryError);
      expect((error as MaxRetryError).reason).toBeInstanceOf(ProxyError);
    }
  });

  for (const proxyScheme of ['http', 'https'] as const) {
    for (const targetScheme of ['http', 'https'] as const) {
      it(`a ${proxyScheme}:// proxy that never accepts, ${targetScheme} target: ProxyError caused by ConnectTimeoutError`, async () => {
        const listener = await startUnacceptingListener();
        defer(() => listener.close());
        const proxyUrl = `${proxyScheme}://127.0.0.1:${listener.port}`;
        const target = targetScheme === 'https' ? httpsUrl() : httpUrl();
        // The timeout given to the manager and the one given to a request behave the same.
        for (const [m, opts] of [
          [manager(proxyUrl, { timeout: 100 }), {}],
          [manager(proxyUrl), { timeout: 100 }],
        ] as const) {
          const started = Date.now();
          const error = await rejection(m.request('GET', `${target}/get`, opts));
          expect(Date.now() - started).toBeLessThan(4000);
          expect(error).toBeInstanceOf(MaxRetryError);
          const reason = (error as MaxRetryError).reason;
          expect(reason).toBeInstanceOf(ProxyError);
          expect(reason?.cause).toBeInstanceOf(ConnectTimeoutError);
        }
      });
    }
  }
});

describe('urllib3 test_proxy_poolmanager: an https:// proxy that never completes TLS', () => {
  for (const targetScheme of ['http', 'https'] as const) {
    it(`${targetScheme} target: ProxyError caused by ConnectTimeoutError`, async () => {
      // Accepts the TCP connection, then never answers the ClientHello.
      const silent = await startRawServer(() => new Promise(() => {}));
      defer(() => silent.close());
      const m = manager(`https://localhost:${silent.port}`, { timeout: 150, retries: 0 });
      const target = targetScheme === 'https' ? httpsUrl() : httpUrl();
      const started = Date.now();
      const error = await rejection(m.request('GET', `${target}/get`));
      expect(Date.now() - started).toBeLessThan(3000);
      const reason = (error as MaxRetryError).reason;
      expect(reason).toBeInstanceOf(ProxyError);
      expect(reason?.cause).toBeInstanceOf(ConnectTimeoutError);
    });
  }
});

describe('urllib3 test_proxy_poolmanager: an origin that never completes TLS through the tunnel', () => {
  it('is a ConnectTimeoutError of the origin, not a ProxyError (the proxy did its part)', async () => {
    const silent = await startRawServer(() => new Promise(() => {}));
    defer(() => silent.close());
    const proxy = await proxyServer();
    const m = manager(proxy.url, { timeout: 150, retries: 0 });
    const error = await rejection(m.request('GET', `https://localhost:${silent.port}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ConnectTimeoutError);
    expect(reason).not.toBeInstanceOf(ProxyError);
    expect(proxy.requests.map((q) => q.method)).toEqual(['CONNECT']);
  });
});

describe('urllib3 Retry and proxy errors', () => {
  it('a ProxyError caused by a refused connection spends the connect budget', async () => {
    const port = await freePort();
    const m = manager(`http://127.0.0.1:${port}`, { retries: new Retry({ total: 5, connect: 0 }) });
    const error = await rejection(m.request('GET', `${httpUrl()}/get`));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(ProxyError);
  });

  it('a refused CONNECT (407) is not a connect error: retried on the total budget', async () => {
    const proxy = await proxyServer({ auth: { username: 'u', password: 'right' } });
    const m = manager(`http://u:wrong@127.0.0.1:${proxy.port}`, {
      retries: new Retry({ total: 2, connect: 0 }),
    });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect(String((error as MaxRetryError).reason?.message)).toContain('407');
    expect(proxy.requests.filter((q) => q.method === 'CONNECT')).toHaveLength(3);
  });
});

describe('urllib3 test_proxy_poolmanager: read timeouts through a proxy', () => {
  it('a proxy that takes a forwarded request and never answers: ReadTimeoutError, not ProxyError', async () => {
    // urllib3 blames the target: the request reached the proxy, the answer never came.
    const stuck = await startRawServer(() => new Promise(() => {}));
    defer(() => stuck.close());
    const m = manager(stuck.url, { timeout: { connect: 5000, read: 150 }, retries: 0 });
    const error = await rejection(m.request('GET', `${httpUrl()}/get`));
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ReadTimeoutError);
    expect(reason).not.toBeInstanceOf(ProxyError);
  });

  const cases = [
    ['http', 'http', false],
    ['http', 'https', false],
    ['https', 'http', false],
    ['https', 'https', false],
    ['https', 'https', true],
  ] as const;
  for (const [proxyScheme, targetScheme, forwarding] of cases) {
    it(`${proxyScheme}:// proxy, ${targetScheme} target${forwarding ? ' (forwarded)' : ''}: a slow origin is a ReadTimeoutError`, async () => {
      const proxy = proxyScheme === 'https' ? await tlsProxy() : await proxyServer();
      const m = manager(proxy.url, {
        useForwardingForHttps: forwarding,
        timeout: { connect: 5000, read: 100 },
        retries: 0,
      });
      const target = targetScheme === 'https' ? httpsUrl() : httpUrl();
      const error = await rejection(m.request('GET', `${target}/delay/2000`));
      expect(error).toBeInstanceOf(MaxRetryError);
      expect((error as MaxRetryError).reason).toBeInstanceOf(ReadTimeoutError);
    });
  }
});

describe('urllib3 test_proxy_poolmanager: origin certificates through a tunnel', () => {
  it('a CA that did not sign the origin: MaxRetryError, reason SSLError (certificate verify failed)', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { caCerts: fx.certs.selfSigned.certFile, retries: 0 });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(SSLError);
    expect(reason).not.toBeInstanceOf(ProxyError);
    expect(String(reason?.message)).toContain('certificate verify failed');
  });

  it('the right CA succeeds', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { certReqs: 'CERT_REQUIRED' });
    const pool = m.connectionFromHost('localhost', fx.https.port, 'https');
    expect((await pool.request('GET', '/get')).status).toBe(200);
  });

  it("an origin certificate for another name: SSLError saying it doesn't match", async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { retries: 0 });
    const error = await rejection(m.request('GET', `https://localhost:${fx.other.port}/get`));
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(SSLError);
    expect(String(reason?.message)).toContain("doesn't match");
  });

  it('an https:// proxy trusted but the origin not: SSLError for the origin, not a ProxyError', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, {
      proxyCaCerts: fx.certs.ca.certFile,
      caCerts: fx.certs.selfSigned.certFile,
      retries: 0,
    });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(SSLError);
    expect(reason).not.toBeInstanceOf(ProxyError);
  });

  it('an https:// proxy not trusted: ProxyError caused by SSLError for both target schemes', async () => {
    const proxy = await tlsProxy();
    const m = new ProxyManager(proxy.url, { retries: 0 });
    defer(() => m.clear());
    for (const target of [httpUrl(), httpsUrl()]) {
      const error = await rejection(m.request('GET', `${target}/get`));
      const reason = (error as MaxRetryError).reason;
      expect(reason).toBeInstanceOf(ProxyError);
      expect(reason?.cause).toBeInstanceOf(SSLError);
    }
  });
});

describe('urllib3 test_proxy_poolmanager: verifying an https:// proxy', () => {
  const proxyWith = (files: { key: string; cert: string }) =>
    proxyServer({ tls: { key: files.key, cert: files.cert } });

  it('a matching md5, sha1 or sha256 proxyAssertFingerprint is accepted', async () => {
    const proxy = await tlsProxy();
    const cert = new X509Certificate(fx.certs.server.cert);
    const md5 = createHash('md5').update(cert.raw).digest('hex');
    for (const pin of [md5, cert.fingerprint, cert.fingerprint256]) {
      const m = manager(proxy.url, { proxyAssertFingerprint: pin });
      expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    }
  });

  it('a non-matching md5 proxyAssertFingerprint: ProxyError caused by SSLError', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, {
      proxyAssertFingerprint: '0'.repeat(32),
      retries: 0,
    });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason?.cause).toBeInstanceOf(SSLError);
    expect(String(reason?.message)).toContain('Fingerprints did not match');
  });

  it('a proxyAssertFingerprint of a length no hash has: SSLError, Fingerprint of invalid length', () => {
    // urllib3 finds out when it connects; urlpool checks the option in the constructor.
    const make = () => new ProxyManager('https://127.0.0.1:1', { proxyAssertFingerprint: 'abcd' });
    expect(make).toThrow(SSLError);
    expect(make).toThrow('Fingerprint of invalid length: abcd');
  });

  it('proxyAssertHostname naming the certificate is accepted', async () => {
    const proxy = await proxyWith(fx.certs.otherServer);
    const m = manager(`https://127.0.0.1:${proxy.port}`, { proxyAssertHostname: 'other.example' });
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
  });

  it("a proxyAssertHostname the certificate does not name: SSLError saying it doesn't match", async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, { proxyAssertHostname: 'example.com', retries: 0 });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason?.cause).toBeInstanceOf(SSLError);
    expect(String(reason?.message)).toContain("hostname 'example.com' doesn't match");
  });

  it('a proxy certificate for another host: hostname mismatch', async () => {
    const proxy = await proxyWith(fx.certs.otherServer);
    const m = manager(`https://localhost:${proxy.port}`, { retries: 0 });
    const error = await rejection(m.request('GET', `${httpUrl()}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason?.cause).toBeInstanceOf(SSLError);
    expect(String(reason?.message)).toContain("doesn't match");
  });

  it('a proxy certificate without subjectAltName: SSLError, no appropriate subjectAltName', async () => {
    // Signed by the test CA, naming localhost as its common name only.
    const dir = mkdtempSync(join(tmpdir(), 'urlpool-proxy-nosan-'));
    defer(() => rmSync(dir, { recursive: true, force: true }));
    const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    run(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'k.pem']);
    run(['req', '-new', '-key', 'k.pem', '-subj', '/CN=localhost', '-out', 'r.csr']);
    writeFileSync(
      join(dir, 'ext'),
      'basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n',
    );
    run([
      'x509',
      '-req',
      '-in',
      'r.csr',
      '-CA',
      fx.certs.ca.certFile,
      '-CAkey',
      fx.certs.ca.keyFile,
      '-CAcreateserial',
      '-CAserial',
      join(dir, 'serial'),
      '-days',
      '2',
      '-extfile',
      'ext',
      '-out',
      'c.pem',
    ]);
    const proxy = await proxyWith({
      key: readFileSync(join(dir, 'k.pem'), 'latin1'),
      cert: readFileSync(join(dir, 'c.pem'), 'latin1'),
    });
    const m = manager(`https://localhost:${proxy.port}`, { retries: 0 });
    const error = await rejection(m.request('GET', `${httpsUrl()}/get`));
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason?.cause).toBeInstanceOf(SSLError);
    expect(String(reason?.message)).toContain('no appropriate subjectAltName fields were found');
  });

  it('a proxy reached by IPv4 address is verified against its IP SAN', async () => {
    const proxy = await tlsProxy();
    const m = manager(`https://127.0.0.1:${proxy.port}`);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    // No SNI for an IP address.
    expect(proxy.servernames).toEqual([false, false]);
  });
});

describe('urllib3 test_proxy_poolmanager: headers', () => {
  it('manager headers reach every origin; proxy headers only forwarded requests; Host names the target', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { headers: { Foo: 'bar' }, proxyHeaders: { Hickory: 'dickory' } });
    const cases = [
      ['GET', `${httpUrl()}/headers`, 'dickory', `localhost:${fx.http.port}`],
      ['GET', `${httpUrlAlt()}/headers`, 'dickory', `127.0.0.1:${fx.http.port}`],
      ['GET', `${httpsUrl()}/headers`, undefined, `localhost:${fx.https.port}`],
      ['GET', `${httpsUrlAlt()}/headers`, undefined, `127.0.0.1:${fx.https.port}`],
      ['POST', `${httpUrl()}/headers`, 'dickory', `localhost:${fx.http.port}`],
    ] as const;
    for (const [method, url, hickory, host] of cases) {
      const h = echoed(await m.request(method, url));
      expect(h.foo, url).toBe('bar');
      expect(h.hickory, url).toBe(hickory);
      expect(h.host, url).toBe(host);
    }
  });

  it("request headers replace the manager's, never the proxy headers", async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { headers: { Foo: 'bar' }, proxyHeaders: { Hickory: 'dickory' } });
    for (const [url, hickory] of [
      [`${httpUrl()}/headers`, 'dickory'],
      [`${httpsUrl()}/headers`, undefined],
    ] as const) {
      for (const extra of [{}, { fields: { a: '1' } }]) {
        const h = echoed(await m.request('GET', url, { headers: { Baz: 'quux' }, ...extra }));
        expect(h.foo).toBeUndefined();
        expect(h.baz).toBe('quux');
        expect(h.hickory).toBe(hickory);
        expect(h.host).toBe(new URL(url).host);
      }
    }
  });

  it('through an https:// proxy: the same split between forwarded and tunnelled targets', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, { headers: { Foo: 'bar' }, proxyHeaders: { Hickory: 'dickory' } });
    for (const url of [`${httpUrl()}/headers`, `${httpUrlAlt()}/headers`]) {
      const h = echoed(await m.request('GET', url));
      expect(h.foo).toBe('bar');
      expect(h.hickory).toBe('dickory');
      expect(h.host).toBe(new URL(url).host);
    }
    const h = echoed(await m.request('GET', `${httpsUrl()}/headers`, { headers: { Baz: 'quux' } }));
    expect(h.foo).toBeUndefined();
    expect(h.baz).toBe('quux');
    expect(h.hickory).toBeUndefined();
    expect(h.host).toBe(`localhost:${fx.https.port}`);
  });

  it('useForwardingForHttps: forwarded https requests carry the proxy headers too', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, {
      headers: { Foo: 'bar' },
      proxyHeaders: { Hickory: 'dickory' },
      useForwardingForHttps: true,
    });
    const h = echoed(await m.request('GET', `${httpsUrl()}/headers`));
    expect(h.foo).toBe('bar');
    expect(h.hickory).toBe('dickory');
    expect(h.host).toBe(`localhost:${fx.https.port}`);
    const h2 = echoed(
      await m.request('GET', `${httpsUrl()}/headers`, { headers: { Baz: 'quux' } }),
    );
    expect(h2.foo).toBeUndefined();
    expect(h2.baz).toBe('quux');
    expect(h2.hickory).toBe('dickory');
  });

  it('on a forwarded request a proxy header replaces a request header of the same name (urllib3 updates)', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { proxyHeaders: { 'X-Dup': 'from-proxy-headers' } });
    await m.request('GET', `${httpUrl()}/headers`, { headers: { 'x-dup': 'from-request' } });
    const values = proxy.requests[0]!.rawHeaders.filter(([k]) => k.toLowerCase() === 'x-dup');
    expect(values.map(([, v]) => v)).toEqual(['from-proxy-headers']);
  });

  it("the proxy's Proxy-Authorization and Accept replace the request's on a forwarded request only", async () => {
    const proxy = await proxyServer();
    const m = manager(`http://u:pw@127.0.0.1:${proxy.port}`, {
      proxyHeaders: { Accept: 'text/proxy' },
    });
    const own = { 'Proxy-Authorization': 'Basic b3duOm93bg==', accept: 'text/own' };
    await m.request('GET', `${httpUrl()}/headers`, { headers: own });
    const pick = (name: string) =>
      proxy.requests[0]!.rawHeaders.filter(([k]) => k.toLowerCase() === name).map(([, v]) => v);
    expect(pick('proxy-authorization')).toEqual([
      `Basic ${Buffer.from('u:pw').toString('base64')}`,
    ]);
    expect(pick('accept')).toEqual(['text/proxy']);
    // Through a tunnel the request's headers are the origin's business: they go there unchanged.
    const h = echoed(await m.request('GET', `${httpsUrl()}/headers`, { headers: own }));
    expect(h['proxy-authorization']).toBe(own['Proxy-Authorization']);
    expect(h.accept).toBe('text/own');
  });

  it('a Host among the proxy headers replaces the target Host on a forwarded request; one Host only', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { proxyHeaders: { host: `localhost:${fx.http.port}` } });
    for (const headers of [undefined, { Host: 'ignored.test' }]) {
      await m.request('GET', `${httpUrlAlt()}/get`, { headers });
    }
    for (const q of proxy.requests) {
      const hosts = q.rawHeaders.filter(([k]) => k.toLowerCase() === 'host').map(([, v]) => v);
      expect(hosts).toEqual([`localhost:${fx.http.port}`]);
    }
    // The CONNECT of a tunnel carries it once too.
    await m.request('GET', `${httpsUrl()}/get`);
    const connect = proxy.requests.slice(-1)[0]!;
    expect(connect.rawHeaders.filter(([k]) => k.toLowerCase() === 'host')).toHaveLength(1);
  });

  it('proxyFromEnv: a proxy header replaces a forwarded request header of the same name', async () => {
    const proxy = await proxyServer();
    const m = proxyFromEnv({
      env: { HTTP_PROXY: `http://u:pw@127.0.0.1:${proxy.port}` },
      proxyHeaders: { 'X-Dup': 'proxy' },
    });
    defer(() => m.clear());
    await m.request('GET', `${httpUrl()}/get`, { headers: { 'x-dup': 'own' } });
    const pairs = proxy.requests[0]!.rawHeaders.map(([k, v]) => `${k.toLowerCase()}: ${v}`);
    expect(pairs.filter((p) => p.startsWith('x-dup:'))).toEqual(['x-dup: proxy']);
    expect(pairs.filter((p) => p.startsWith('proxy-authorization:'))).toHaveLength(1);
  });

  it('HTTPHeaderDict works for the manager, proxy and request headers', async () => {
    const proxy = await proxyServer();
    const proxyHeaders = new HTTPHeaderDict();
    proxyHeaders.add('foo', 'bar');
    const m = manager(proxy.url, { headers: new HTTPHeaderDict({ a: 'b' }), proxyHeaders });
    const h = echoed(
      await m.request('GET', `${httpUrl()}/headers`, {
        headers: new HTTPHeaderDict({ baz: 'quux' }),
      }),
    );
    expect(h.foo).toBe('bar');
    expect(h.baz).toBe('quux');
  });
});

describe('urllib3 test_proxy_poolmanager: redirects', () => {
  const redirectTo = (base: string, target: string, status = 303): string =>
    `${base}/redirect-to?status_code=${status}&url=${encodeURIComponent(target)}`;

  it('a same-host redirect: returned with redirect: false, followed otherwise', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const url = redirectTo(httpUrl(), `${httpUrl()}/get`);
    const first = await m.request('GET', url, { redirect: false });
    expect(first.status).toBe(303);
    const followed = await m.request('GET', url);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`${httpUrl()}/get`);
  });

  it('a cross-host redirect: MaxRetryError with retries: 0, followed through the proxy with retries: 1', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const url = redirectTo(httpUrl(), `${httpUrlAlt()}/anything?a=b`);
    expect(await rejection(m.request('GET', url, { retries: 0 }))).toBeInstanceOf(MaxRetryError);
    const r = await m.request('GET', url, { retries: 1 });
    expect(r.status).toBe(200);
    expect(proxy.requests.slice(-1)[0]!.target).toBe(`${httpUrlAlt()}/anything?a=b`);
    // Both hosts went through the one forwarding pool, keyed on the proxy.
    expect(m.pools.size).toBe(1);
  });

  it('an http to https redirect: MaxRetryError with retries: 0, a tunnel with retries: 1', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const url = redirectTo(httpUrl(), `${httpsUrl()}/anything?a=b`);
    expect(await rejection(m.request('GET', url, { retries: 0 }))).toBeInstanceOf(MaxRetryError);
    const r = await m.request('GET', url, { retries: 1 });
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${httpsUrl()}/anything?a=b`);
    expect(proxy.requests.slice(-1)[0]!.method).toBe('CONNECT');
    expect(m.connectionFromUrl(`${httpsUrl()}/get`).host).toBe('localhost');
  });
});

describe('urllib3 test_proxy_poolmanager: pools', () => {
  it('http targets share one pool; each https target gets its own', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const steps = [
      [httpUrl(), 1],
      [httpUrlAlt(), 1],
      [httpsUrl(), 2],
      [httpsUrlAlt(), 3],
    ] as const;
    for (const [url, pools] of steps) {
      for (let i = 0; i < 2; i++) await m.urlopen('GET', url);
      expect(m.pools.size).toBe(pools);
    }
  });

  it('connectionFromUrl and connectionFromHost agree; http pools are one, https pools per host', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const hc1 = m.connectionFromUrl(httpUrl());
    const hc2 = m.connectionFromHost('localhost', fx.http.port);
    const hc3 = m.connectionFromUrl(httpUrlAlt());
    const hc4 = m.connectionFromHost('127.0.0.1', fx.http.port);
    expect(hc2).toBe(hc1);
    expect(hc3).toBe(hc2);
    expect(hc4).toBe(hc3);
    const sc1 = m.connectionFromUrl(httpsUrl());
    const sc2 = m.connectionFromHost('localhost', fx.https.port, 'https');
    const sc3 = m.connectionFromUrl(httpsUrlAlt());
    const sc4 = m.connectionFromHost('127.0.0.1', fx.https.port, 'https');
    expect(sc2).toBe(sc1);
    expect(sc3).not.toBe(sc2);
    expect(sc4).toBe(sc3);
  });
});

describe('urllib3 test_proxy_poolmanager: construction', () => {
  it('proxy URLs without a scheme or with another scheme throw ProxySchemeUnknown', () => {
    for (const url of ['127.0.0.1', 'localhost:8080']) {
      expect(() => proxyFromUrl(url)).toThrow(ProxySchemeUnknown);
      expect(() => proxyFromUrl(url)).toThrow(
        'Proxy URL had no scheme, should start with http:// or https://',
      );
    }
    expect(() => proxyFromUrl('ftp://127.0.0.1')).toThrow(
      'Proxy URL had unsupported scheme ftp, should use http:// or https://',
    );
  });

  it('a path, query or fragment in the proxy URL is ignored (only its origin is used)', async () => {
    const proxy = await proxyServer();
    const m = manager(`${proxy.url}/some/path?x=1#frag`);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `GET ${httpUrl()}/get`,
      `CONNECT localhost:${fx.https.port}`,
    ]);
  });

  it('caCertData verifies both an https:// proxy and the origin behind it', async () => {
    const proxy = await tlsProxy();
    const m = new ProxyManager(proxy.url, { caCertData: fx.certs.ca.cert });
    defer(() => m.clear());
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
  });

  it('a proxy host that does not resolve: MaxRetryError, reason ProxyError caused by NameResolutionError', async () => {
    // The lookup fails the way dns.lookup does for an unknown name, without asking any resolver.
    const lookup = ((hostname: string, _options: unknown, callback: (e: Error) => void) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
        code: 'ENOTFOUND',
        hostname,
      });
      process.nextTick(() => callback(error));
    }) as unknown as LookupFunction;
    const m = manager('http://proxy.invalid:3128', {
      connector: createTcpConnector({ lookup }),
      retries: 1,
    });
    for (const target of [httpUrl(), httpsUrl()]) {
      const error = await rejection(m.request('GET', `${target}/get`));
      expect(error).toBeInstanceOf(MaxRetryError);
      const reason = (error as MaxRetryError).reason;
      expect(reason).toBeInstanceOf(ProxyError);
      expect(reason?.cause).toBeInstanceOf(NameResolutionError);
    }
  });
});

describe('urllib3 test_proxy_poolmanager: what a redirect keeps through a proxy', () => {
  const lower = (raw: ReadonlyArray<readonly [string, string]>): Record<string, string> =>
    Object.fromEntries(raw.map(([k, v]) => [k.toLowerCase(), v]));
  const basic = `Basic ${Buffer.from('u:pw').toString('base64')}`;

  it("a cross-host forwarded redirect drops the request's credentials, keeps the proxy's", async () => {
    const proxy = await proxyServer({ auth: { username: 'u', password: 'pw' } });
    const m = manager(`http://u:pw@127.0.0.1:${proxy.port}`, {
      proxyHeaders: { 'X-Proxy-Only': 'yes' },
    });
    const next = encodeURIComponent(`${httpUrlAlt()}/headers`);
    const r = await m.request('GET', `${httpUrl()}/redirect-to?url=${next}`, {
      headers: { Authorization: 'Bearer t', Cookie: 'c=1', 'X-Keep': 'kept' },
    });
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${httpUrlAlt()}/headers`);
    const [first, second] = proxy.requests.map((q) => lower(q.rawHeaders));
    expect(first!.authorization).toBe('Bearer t');
    expect(second!.authorization).toBeUndefined();
    expect(second!.cookie).toBeUndefined();
    expect(second!['x-keep']).toBe('kept');
    // Host names each hop's own target.
    expect(first!.host).toBe(`localhost:${fx.http.port}`);
    expect(second!.host).toBe(`127.0.0.1:${fx.http.port}`);
    for (const h of [first!, second!]) {
      expect(h['proxy-authorization']).toBe(basic);
      expect(h['x-proxy-only']).toBe('yes');
    }
  });

  it('a cross-host tunnelled redirect: the new CONNECT still carries the proxy credentials', async () => {
    const proxy = await proxyServer({ auth: { username: 'u', password: 'pw' } });
    const m = manager(`http://u:pw@127.0.0.1:${proxy.port}`);
    const next = encodeURIComponent(`${httpsUrlAlt()}/headers`);
    const r = await m.request('GET', `${httpsUrl()}/redirect-to?url=${next}`, {
      headers: { Authorization: 'Bearer t' },
    });
    expect(r.status).toBe(200);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `CONNECT localhost:${fx.https.port}`,
      `CONNECT 127.0.0.1:${fx.https.port}`,
    ]);
    for (const q of proxy.requests) expect(lower(q.rawHeaders)['proxy-authorization']).toBe(basic);
    expect(echoed(r).authorization).toBeUndefined();
    expect(echoed(r)['proxy-authorization']).toBeUndefined();
  });

  it('a relative redirect of a forwarded request resolves against the target, not the proxy', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const r = await m.request('GET', `${httpUrl()}/relative-redirect/2`);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${httpUrl()}/get`);
    expect(proxy.requests.map((q) => q.target)).toEqual([
      `${httpUrl()}/relative-redirect/2`,
      `${httpUrl()}/relative-redirect/1`,
      `${httpUrl()}/get`,
    ]);
  });

  it('a 303 after a forwarded POST is a GET without body; a 307 keeps method and body', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const to = encodeURIComponent(`${httpUrlAlt()}/anything`);
    const r303 = await m.request('POST', `${httpUrl()}/redirect-to?status_code=303&url=${to}`, {
      body: 'payload',
    });
    expect((JSON.parse(r303.data.toString()) as { method: string }).method).toBe('GET');
    const r307 = await m.request('POST', `${httpUrl()}/redirect-to?status_code=307&url=${to}`, {
      body: 'payload',
    });
    const body307 = JSON.parse(r307.data.toString()) as { method: string; data: string };
    expect(body307.method).toBe('POST');
    expect(body307.data).toBe('payload');
  });
});

describe('urllib3 test_proxy_poolmanager: the manager TLS options and an https:// proxy', () => {
  it('proxyAssertHostname: false accepts a proxy certificate for another name', async () => {
    const proxy = await proxyServer({
      tls: { key: fx.certs.otherServer.key, cert: fx.certs.otherServer.cert },
    });
    const m = manager(`https://localhost:${proxy.port}`, { proxyAssertHostname: false });
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
  });

  it("certReqs: 'CERT_NONE' does not verify the proxy either (urllib3 passes cert_reqs on)", async () => {
    const proxy = await tlsProxy();
    const m = new ProxyManager(proxy.url, { certReqs: 'CERT_NONE' });
    defer(() => m.clear());
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
  });

  it('sslMinimumVersion and sslMaximumVersion bound the TLS version to the proxy', async () => {
    const protocols: Array<string | null> = [];
    const server = createTlsServer(serverTls(fx.certs), (socket) => {
      protocols.push(socket.getProtocol());
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    for (const version of ['TLSv1.2', 'TLSv1.3'] as const) {
      const m = manager(`https://localhost:${port}`, {
        sslMinimumVersion: version,
        sslMaximumVersion: version,
        retries: false,
      });
      await rejection(m.request('GET', `${httpUrl()}/get`));
    }
    expect(protocols).toEqual(['TLSv1.2', 'TLSv1.3']);
  });

  it('the client certificate is for the origin: the proxy is never sent one (urllib3)', async () => {
    const peers: boolean[] = [];
    const server = createTlsServer(
      { ...serverTls(fx.certs), requestCert: true, rejectUnauthorized: false },
      (socket) => {
        peers.push(Object.keys(socket.getPeerCertificate()).length > 0);
        socket.destroy();
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    defer(() => new Promise((resolve) => server.close(resolve)));
    const { port } = server.address() as AddressInfo;
    const m = manager(`https://localhost:${port}`, {
      certFile: fx.certs.client.certFile,
      keyFile: fx.certs.client.keyFile,
      retries: false,
    });
    await rejection(m.request('GET', `${httpsUrl()}/get`));
    expect(peers).toEqual([false]);
  });

  it('useForwardingForHttps: http and https targets of every host share the one pool', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, { useForwardingForHttps: true });
    for (const url of [httpUrl(), httpUrlAlt(), httpsUrl(), httpsUrlAlt()]) {
      expect((await m.request('GET', `${url}/get`)).status).toBe(200);
    }
    expect(m.pools.size).toBe(1);
    expect(m.connectionFromUrl(httpsUrl())).toBe(m.connectionFromUrl(httpUrlAlt()));
  });
});

/** A TCP relay on [::1] to `port` on 127.0.0.1: the test proxy reached over IPv6. */
async function ipv6Relay(port: number): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '::1', resolve));
  defer(
    () =>
      new Promise((resolve) => {
        server.close(resolve);
        for (const s of sockets) s.destroy();
      }),
  );
  return (server.address() as AddressInfo).port;
}

describe('urllib3 test_proxy_poolmanager: a proxy at an IPv6 address', () => {
  it('an http:// proxy at [::1] serves http and https targets', async () => {
    const proxy = await proxyServer();
    const m = manager(`http://[::1]:${await ipv6Relay(proxy.port)}`);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect(proxy.requests.map((q) => q.method)).toEqual(['GET', 'CONNECT']);
  });

  it('an https:// proxy at [::1] is verified against its IPv6 SAN, without SNI', async () => {
    const proxy = await tlsProxy();
    const m = manager(`https://[::1]:${await ipv6Relay(proxy.port)}`);
    expect((await m.request('GET', `${httpsUrl()}/get`)).status).toBe(200);
    expect((await m.request('GET', `${httpUrl()}/get`)).status).toBe(200);
    expect(proxy.servernames).toEqual([false, false]);
  });
});
