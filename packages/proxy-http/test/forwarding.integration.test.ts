import { MaxRetryError, NewConnectionError, ProxyError } from '@urlpool/core';
import { freePort, serverTls, startHttpsServer, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { useProxyFixture } from './support/proxy-fixture.ts';
import { rejection } from './support/rejection.ts';

const fx = useProxyFixture({
  plain: () => startTestServer(),
  other: () => startTestServer(),
  secure: startHttpsServer,
});
const { proxyServer, manager } = fx;

const lowerHeaders = (raw: ReadonlyArray<readonly [string, string]>): Record<string, string> =>
  Object.fromEntries(raw.map(([k, v]) => [k.toLowerCase(), v]));

describe('forwarding http targets', () => {
  it('sends the absolute URL with the proxy headers and credentials to the proxy', async () => {
    const proxy = await proxyServer({ auth: { username: 'fwd', password: 'pw' } });
    const m = manager(`http://fwd:pw@127.0.0.1:${proxy.port}`, {
      proxyHeaders: { 'X-Proxy-Only': 'yes' },
    });
    const r = await m.request('GET', `${fx.plain.url}/get?x=1#frag`);
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${fx.plain.url}/get?x=1`);
    const [seen] = proxy.requests;
    expect(seen!.method).toBe('GET');
    expect(seen!.target).toBe(`${fx.plain.url}/get?x=1`);
    const headers = lowerHeaders(seen!.rawHeaders);
    expect(headers.host).toBe(`127.0.0.1:${fx.plain.port}`);
    expect(headers['x-proxy-only']).toBe('yes');
    expect(headers['proxy-authorization']).toBe(
      `Basic ${Buffer.from('fwd:pw').toString('base64')}`,
    );
  });

  it('20 requests to one origin share one kept-alive connection to the proxy', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    for (let i = 0; i < 20; i++)
      expect((await m.request('GET', `${fx.plain.url}/get`)).status).toBe(200);
    expect(proxy.totalConnections).toBe(1);
    expect(new Set(proxy.requests.map((q) => q.socketId)).size).toBe(1);
  });

  it('a forwarded 407 is returned as a response, not thrown', async () => {
    const proxy = await proxyServer({ auth: { username: 'fwd', password: 'pw' } });
    const r = await manager(proxy.url).request('GET', `${fx.plain.url}/get`);
    expect(r.status).toBe(407);
    expect(r.headers.get('proxy-authenticate')).toContain('Basic');
  });

  it('POST bodies are forwarded', async () => {
    const proxy = await proxyServer();
    const r = await manager(proxy.url).request('POST', `${fx.plain.url}/post`, { json: { a: 1 } });
    expect(r.status).toBe(200);
    expect((r.json() as { json: unknown }).json).toEqual({ a: 1 });
  });

  it('a cross-host redirect keeps the proxy and drops Authorization', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url);
    const next = encodeURIComponent(`${fx.other.url}/headers`);
    const r = await m.request('GET', `${fx.plain.url}/redirect-to?url=${next}`, {
      headers: { Authorization: 'Bearer t' },
    });
    expect(r.status).toBe(200);
    expect(proxy.requests.map((q) => q.target)).toEqual([
      `${fx.plain.url}/redirect-to?url=${next}`,
      `${fx.other.url}/headers`,
    ]);
    expect(lowerHeaders(proxy.requests[0]!.rawHeaders).authorization).toBe('Bearer t');
    expect(lowerHeaders(proxy.requests[1]!.rawHeaders).authorization).toBeUndefined();
  });

  it('an http to https redirect moves from forwarding to a tunnel; proxy headers never reach the origin', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { proxyHeaders: { 'X-Proxy-Only': 'yes' } });
    const next = encodeURIComponent(`https://localhost:${fx.secure.port}/headers`);
    const r = await m.request('GET', `${fx.plain.url}/redirect-to?url=${next}`);
    expect(r.status).toBe(200);
    expect(proxy.requests.map((q) => q.method)).toEqual(['GET', 'CONNECT']);
    const names = fx.secure.requests[0]!.rawHeaders.map(([k]) => k.toLowerCase());
    expect(names).not.toContain('x-proxy-only');
    expect(names).not.toContain('proxy-authorization');
  });

  it('a proxy that is not listening: ProxyError caused by NewConnectionError', async () => {
    const port = await freePort();
    const error = await rejection(
      manager(`http://u:secret-pw@127.0.0.1:${port}`, { retries: 1 }).request(
        'GET',
        `${fx.plain.url}/get`,
      ),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason!;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason.cause).toBeInstanceOf(NewConnectionError);
    expect(`${error.message}${error.stack}`).not.toContain('secret-pw');
  });
});

describe('useForwardingForHttps', () => {
  it('with an https proxy: https targets forwarded in absolute form over TLS to the proxy', async () => {
    const proxy = await proxyServer({
      tls: serverTls(fx.certs),
      upstreamCa: fx.certs.ca.cert,
    });
    const m = manager(proxy.url, { useForwardingForHttps: true });
    const target = `https://localhost:${fx.secure.port}/get`;
    for (let i = 0; i < 3; i++) expect((await m.request('GET', target)).status).toBe(200);
    expect(proxy.requests.map((q) => `${q.method} ${q.target}`)).toEqual([
      `GET ${target}`,
      `GET ${target}`,
      `GET ${target}`,
    ]);
    expect(proxy.totalConnections).toBe(1);
    expect(m.useForwardingForHttps).toBe(true);
  });

  it('with an http proxy it is ignored: https targets are tunnelled (urllib3)', async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { useForwardingForHttps: true });
    expect(m.useForwardingForHttps).toBe(false);
    expect((await m.request('GET', `https://localhost:${fx.secure.port}/get`)).status).toBe(200);
    expect(proxy.requests[0]!.method).toBe('CONNECT');
  });
});
