import {
  ConnectTimeoutError,
  isConnectionError,
  MaxRetryError,
  NewConnectionError,
  ProtocolError,
  ProxyError,
  SSLError,
  Timeout,
} from '@urlpool/core';
import { freePort, serverTls, startHttpsServer, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { ProxyManager } from '../src/index.ts';
import { useProxyFixture } from './support/proxy-fixture.ts';
import { rejection } from './support/rejection.ts';

const fx = useProxyFixture({ origin: startHttpsServer });
const { proxyServer, manager, defer } = fx;

const target = (path = '/get'): string => `https://localhost:${fx.origin.port}${path}`;

describe('CONNECT through the test proxy', () => {
  it('proxy headers and credentials reach the proxy only, never the origin', async () => {
    const proxy = await proxyServer({ auth: { username: 'alice', password: 's3cret' } });
    const m = manager(`http://alice:s3cret@127.0.0.1:${proxy.port}`, {
      proxyHeaders: { 'X-Proxy-Only': 'for-the-proxy' },
      headers: { 'X-To-Origin': 'yes' },
    });
    const r = await m.request('GET', target('/headers'));
    expect(r.status).toBe(200);
    const [connect] = proxy.requests;
    expect(connect!.method).toBe('CONNECT');
    expect(connect!.target).toBe(`localhost:${fx.origin.port}`);
    const proxyHeaders = Object.fromEntries(
      connect!.rawHeaders.map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(proxyHeaders.host).toBe(`localhost:${fx.origin.port}`);
    expect(proxyHeaders['x-proxy-only']).toBe('for-the-proxy');
    expect(proxyHeaders['proxy-authorization']).toBe(
      `Basic ${Buffer.from('alice:s3cret').toString('base64')}`,
    );
    expect(proxyHeaders['x-to-origin']).toBeUndefined();
    const [seen] = fx.origin.requests;
    const names = seen!.rawHeaders.map(([k]) => k.toLowerCase());
    expect(names).toContain('x-to-origin');
    expect(names).not.toContain('proxy-authorization');
    expect(names).not.toContain('x-proxy-only');
    expect(JSON.stringify(seen!.rawHeaders)).not.toContain('s3cret');
  });

  it('one CONNECT and one proxy connection for 20 requests to one target', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    for (let i = 0; i < 20; i++) expect((await m.request('GET', target())).status).toBe(200);
    expect(proxy.requests.filter((q) => q.method === 'CONNECT')).toHaveLength(1);
    expect(proxy.totalConnections).toBe(1);
  });

  it('maxsize and block apply to tunnels: 8 concurrent requests, 2 tunnels', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { maxsize: 2, block: true });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => m.request('GET', target('/delay/0'))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(proxy.requests.filter((q) => q.method === 'CONNECT')).toHaveLength(2);
    expect(proxy.totalConnections).toBe(2);
  });

  it('one pool per target: two targets, two tunnels', async () => {
    const other = await startTestServer({
      tls: serverTls(fx.certs),
    });
    defer(() => other.close());
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    await m.request('GET', target());
    await m.request('GET', `https://127.0.0.1:${other.port}/get`);
    await m.request('GET', target());
    expect(m.pools.size).toBe(2);
    expect(proxy.requests.map((q) => q.target)).toEqual([
      `localhost:${fx.origin.port}`,
      `127.0.0.1:${other.port}`,
    ]);
  });

  it('tunnels to an IPv6 origin with a bracketed CONNECT target', async () => {
    const v6 = await startTestServer({
      host: '::1',
      tls: serverTls(fx.certs),
    });
    defer(() => v6.close());
    const proxy = await proxyServer();
    const r = await manager(proxy.url).request('GET', `https://[::1]:${v6.port}/get`);
    expect(r.status).toBe(200);
    expect(proxy.requests[0]!.target).toBe(`[::1]:${v6.port}`);
  });

  it('a pool host that would inject a line into CONNECT never reaches the proxy', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { retries: false });
    const pool = m.connectionFromHost('evil\u010aX-Injected: 1', fx.origin.port, 'https');
    const error = await rejection(pool.urlopen('GET', '/get'));
    expect(error.name).toMatch(/LocationParseError|InvalidHeader/);
    expect(proxy.totalConnections).toBe(0);
  });

  it('a 407 is a ProxyError naming the status; retries: 2 tries three times', async () => {
    const proxy = await proxyServer({ auth: { username: 'alice', password: 'right' } });
    const m = manager(`http://alice:wrong-pw@127.0.0.1:${proxy.port}`);
    const error = await rejection(m.request('GET', target(), { retries: 2 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason!.message).toBe('Tunnel connection failed: 407 Proxy Authentication Required');
    expect(proxy.requests).toHaveLength(3);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain('wrong-pw');
    expect(fx.origin.requests).toHaveLength(0);
  });

  it('a 403 is a ProxyError naming the status', async () => {
    const proxy = await proxyServer({ fault: 'refuse' });
    const error = await rejection(manager(proxy.url, { retries: false }).request('GET', target()));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toBe('Tunnel connection failed: 403 Forbidden');
  });

  it('a proxy that is not listening: ProxyError caused by NewConnectionError, a connect retry', async () => {
    const port = await freePort();
    const m = manager(`http://user:hunter2@127.0.0.1:${port}`);
    const error = await rejection(m.request('GET', target(), { retries: 1 }));
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason as ProxyError;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason.cause).toBeInstanceOf(NewConnectionError);
    expect(isConnectionError(reason)).toBe(true);
    expect(reason.message).toContain(`Unable to connect to proxy http://127.0.0.1:${port}`);
    expect(`${error.message} ${error.stack}`).not.toContain('hunter2');
  });

  it('a slow CONNECT answer: the connect timeout covers it (ProxyError caused by ConnectTimeoutError)', async () => {
    const proxy = await proxyServer({ fault: 'never-answer' });
    const m = manager(proxy.url, { retries: false });
    const started = performance.now();
    const error = await rejection(
      m.request('GET', target(), { timeout: new Timeout({ connect: 200 }) }),
    );
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.cause).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toContain('timed out waiting for the answer to CONNECT');
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(5000);
    await expect.poll(() => proxy.openConnections).toBe(0);
  });

  it('the connect timeout is one budget for proxy TCP, CONNECT and the origin TLS', async () => {
    const proxy = await proxyServer({ answerDelayMs: 300 });
    // 300 ms of CONNECT alone fit in 1000 ms...
    const ok = await manager(proxy.url, { retries: false }).request('GET', target(), {
      timeout: new Timeout({ connect: 1000 }),
    });
    expect(ok.status).toBe(200);
    // ...but not in 250 ms, and the read timeout does not apply to the tunnel setup.
    const error = await rejection(
      manager(proxy.url, { retries: false }).request('GET', target(), {
        timeout: new Timeout({ connect: 250, read: 10_000 }),
      }),
    );
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.cause).toBeInstanceOf(ConnectTimeoutError);
  });

  it('a garbage answer is a ProxyError caused by ProtocolError', async () => {
    const proxy = await proxyServer({ fault: 'garbage' });
    const error = await rejection(manager(proxy.url, { retries: false }).request('GET', target()));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.cause).toBeInstanceOf(ProtocolError);
    expect(error.message).toContain('Invalid response status line');
  });

  it('a proxy that closes before answering is a ProxyError', async () => {
    const proxy = await proxyServer({ fault: 'close-before-answer' });
    const error = await rejection(manager(proxy.url, { retries: false }).request('GET', target()));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toMatch(/closed the connection without answering CONNECT|ECONNRESET/);
  });

  it('a reset in the middle of the tunnel fails the request; a retry opens a new tunnel', async () => {
    const proxy = await proxyServer({ fault: 'reset-mid-tunnel', resetAfterBytes: 20_000 });
    const error = await rejection(
      manager(proxy.url, { retries: false }).request('GET', target('/bytes/100000')),
    );
    // The head arrived, the body was cut by the reset: a read error naming the short body.
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.message).toMatch(/IncompleteRead|reset|aborted/i);
    const before = proxy.requests.length;
    const second = await rejection(
      manager(proxy.url, { retries: 2 }).request('GET', target('/bytes/100000')),
    );
    expect(second).toBeInstanceOf(MaxRetryError);
    expect(proxy.requests.length - before).toBe(3);
  });

  it('an abort during CONNECT rejects with AbortError and closes the proxy connection', async () => {
    const proxy = await proxyServer({ fault: 'never-answer' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      manager(proxy.url).request('GET', target(), { signal: controller.signal }),
    );
    expect(error.name).toBe('AbortError');
    await expect.poll(() => proxy.openConnections).toBe(0);
  });
});

describe('HTTPS proxies (test proxy with TLS)', () => {
  const tlsProxy = () => proxyServer({ tls: serverTls(fx.certs) });

  it('TLS to the proxy with SNI = the proxy name, then TLS to the origin inside it', async () => {
    const proxy = await tlsProxy();
    const m = manager(proxy.url, { proxyCaCerts: fx.certs.ca.certFile });
    const r = await m.request('GET', target());
    expect(r.status).toBe(200);
    expect(proxy.servernames).toEqual(['localhost']);
  });

  it('without the proxy CA: ProxyError caused by SSLError (certificate verify failed)', async () => {
    const proxy = await tlsProxy();
    const m = new ProxyManager(proxy.url, { retries: false });
    defer(() => m.clear());
    const error = await rejection(m.request('GET', target()));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.cause).toBeInstanceOf(SSLError);
    expect(error.message).toContain('certificate verify failed');
  });

  it('the manager CA options verify the proxy too (urllib3), proxyCaCerts overrides them', async () => {
    const proxy = await tlsProxy();
    expect((await manager(proxy.url).request('GET', target())).status).toBe(200);
    const error = await rejection(
      manager(proxy.url, { proxyCaCerts: fx.certs.selfSigned.certFile, retries: false }).request(
        'GET',
        target(),
      ),
    );
    expect(error.cause).toBeInstanceOf(SSLError);
  });

  it('proxyAssertHostname and proxyAssertFingerprint check the proxy, not the origin', async () => {
    const proxy = await tlsProxy();
    const wrongName = await rejection(
      manager(proxy.url, { proxyAssertHostname: 'other.example', retries: false }).request(
        'GET',
        target(),
      ),
    );
    expect(wrongName.cause).toBeInstanceOf(SSLError);
    expect(wrongName.message).toContain("doesn't match");
    const wrongPin = await rejection(
      manager(proxy.url, { proxyAssertFingerprint: 'aa'.repeat(32), retries: false }).request(
        'GET',
        target(),
      ),
    );
    expect(wrongPin.message).toContain('Fingerprints did not match');
    const { X509Certificate } = await import('node:crypto');
    const pin = new X509Certificate(fx.certs.server.cert).fingerprint256;
    // A matching pin replaces the name check.
    const pinned = manager(proxy.url, {
      proxyAssertFingerprint: pin,
      proxyAssertHostname: 'other.example',
    });
    expect((await pinned.request('GET', target())).status).toBe(200);
  });
});
