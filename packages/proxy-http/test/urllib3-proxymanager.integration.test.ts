// Ported from urllib3's test/test_proxymanager.py (behaviour only): the headers a forwarded
// request carries (Accept and Host defaults, never overriding the caller's), the proxy's
// default port, socket options of proxied pools, forwarding vs tunnelling per target scheme,
// and how a proxy that cannot be reached fails with and without connect retries.
// Already covered elsewhere (not repeated): invalid proxy schemes and default ports in
// proxy-url.test.ts, fragment stripping of absolute-form targets in forwarding.integration.
// Also from urllib3's test_socketlevel.py: the hint for an https:// URL naming an HTTP proxy.
import { MaxRetryError, NewConnectionError, ProxyError, Retry } from '@urlpool/core';
import { freePort, startTestServer } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { ProxyManager, proxyFromEnv } from '../src/index.ts';
import { useProxyFixture } from './support/proxy-fixture.ts';
import { rejection } from './support/rejection.ts';

const fx = useProxyFixture({ plain: () => startTestServer() });
const { proxyServer, manager } = fx;

const lowerHeaders = (raw: ReadonlyArray<readonly [string, string]>): Record<string, string> =>
  Object.fromEntries(raw.map(([k, v]) => [k.toLowerCase(), v]));

describe('urllib3 test_proxymanager: forwarded request headers', () => {
  it('a forwarded request gets Accept: */* and Host naming the target', async () => {
    const proxy = await proxyServer();
    const r = await manager(proxy.url).request('GET', `${fx.plain.url}/project/urllib3/`);
    expect(r.status).toBeLessThan(500);
    const headers = lowerHeaders(proxy.requests[0]!.rawHeaders);
    expect(headers.accept).toBe('*/*');
    expect(headers.host).toBe(`127.0.0.1:${fx.plain.port}`);
  });

  it("the caller's Accept and Host win over the defaults", async () => {
    const proxy = await proxyServer();
    await manager(proxy.url).request('GET', `${fx.plain.url}/get`, {
      headers: { Accept: 'application/json', custom: 'header', Host: 'test.python.org' },
    });
    const headers = lowerHeaders(proxy.requests[0]!.rawHeaders);
    expect(headers.accept).toBe('application/json');
    expect(headers.custom).toBe('header');
    expect(headers.host).toBe('test.python.org');
  });

  it("an Accept in the manager's headers, or in any case, is kept as the only one", async () => {
    const proxy = await proxyServer();
    const m = manager(proxy.url, { headers: { Accept: 'text/html' } });
    await m.request('GET', `${fx.plain.url}/get`);
    await m.request('GET', `${fx.plain.url}/get`, { headers: { accept: 'text/plain' } });
    const accepts = proxy.requests.map((q) =>
      q.rawHeaders.filter(([k]) => k.toLowerCase() === 'accept').map(([, v]) => v),
    );
    expect(accepts).toEqual([['text/html'], ['text/plain']]);
  });

  it('proxyFromEnv forwards with the same Accept default; direct requests get none', async () => {
    const proxy = await proxyServer();
    const http = proxyFromEnv({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost' } });
    fx.defer(() => http.clear());
    await http.request('GET', `${fx.plain.url}/get`);
    expect(lowerHeaders(proxy.requests[0]!.rawHeaders).accept).toBe('*/*');
    await http.request('GET', `http://localhost:${fx.plain.port}/get`);
    expect(proxy.requests).toHaveLength(1);
    expect(lowerHeaders(fx.plain.requests.at(-1)!.rawHeaders).accept).toBeUndefined();
  });

  it('a non-default target port is kept in Host', async () => {
    const proxy = await proxyServer();
    await manager(proxy.url).request('GET', `${fx.plain.url}/project/urllib3/`, {
      headers: { Accept: 'application/json' },
    });
    const headers = lowerHeaders(proxy.requests[0]!.rawHeaders);
    expect(headers.host).toBe(`127.0.0.1:${fx.plain.port}`);
    expect(headers.accept).toBe('application/json');
  });
});

describe('urllib3 test_proxymanager: construction and pool choice', () => {
  it('the proxy port defaults to 80 for http:// and 443 for https://', async () => {
    await using plain = new ProxyManager('http://something');
    await using secure = new ProxyManager('https://something');
    expect(plain.proxy.port).toBe(80);
    expect(secure.proxy.port).toBe(443);
  });

  it.each(['http://example.com', 'https://example.com'])(
    'pools for %s through a proxy take the manager socketOptions',
    async (url) => {
      await using defaults = new ProxyManager('http://proxy:8080');
      expect(defaults.connectionFromUrl(url).options.socketOptions).toEqual({
        noDelay: true,
        keepAlive: false,
      });
      await using custom = new ProxyManager('http://proxy:8080', {
        socketOptions: { keepAlive: true, noDelay: true },
      });
      expect(custom.connectionFromUrl(url).options.socketOptions).toEqual({
        noDelay: true,
        keepAlive: true,
      });
    },
  );

  it.each([
    ['http://proxy:8080', {}, 'absolute', 'origin'],
    ['https://proxy:8080', {}, 'absolute', 'origin'],
    ['https://proxy:8080', { useForwardingForHttps: true }, 'absolute', 'absolute'],
    ['http://proxy:8080', { useForwardingForHttps: true }, 'absolute', 'origin'],
  ] as const)(
    '%s %j: http targets are sent in %s form, https targets in %s form',
    async (proxyUrl, options, httpForm, httpsForm) => {
      await using proxy = new ProxyManager(proxyUrl, options);
      expect(proxy.connectionFromUrl('http://example.com').targetForm).toBe(httpForm);
      expect(proxy.connectionFromUrl('https://example.com').targetForm).toBe(httpsForm);
    },
  );
});

describe('urllib3 test_proxymanager: a proxy that is not listening', () => {
  it('with connect retries off: ProxyError caused by NewConnectionError, not MaxRetryError', async () => {
    const port = await freePort();
    const error = await rejection(
      manager(`http://127.0.0.1:${port}`).urlopen('HEAD', 'http://localhost/', {
        retries: new Retry({ total: null, connect: false }),
      }),
    );
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.cause).toBeInstanceOf(NewConnectionError);
  });

  it('with two connect retries: MaxRetryError whose reason is that ProxyError', async () => {
    const port = await freePort();
    const error = await rejection(
      manager(`http://127.0.0.1:${port}`).urlopen('HEAD', 'http://localhost/', {
        retries: new Retry({ total: null, connect: 2 }),
      }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason;
    expect(reason).toBeInstanceOf(ProxyError);
    expect(reason!.cause).toBeInstanceOf(NewConnectionError);
  });
});

describe('urllib3 test_socketlevel: an https:// proxy URL naming a plain-HTTP proxy', () => {
  it.each(['http', 'https'] as const)(
    'a %s target: MaxRetryError whose ProxyError says to use an http:// proxy URL',
    async (targetScheme) => {
      const proxy = await proxyServer();
      const m = manager(proxy.url.replace(/^http:/, 'https:'), { retries: 1 });
      const target =
        targetScheme === 'http' ? `${fx.plain.url}/get` : `https://localhost:${fx.plain.port}/get`;
      const error = await rejection(m.request('GET', target));
      expect(error).toBeInstanceOf(MaxRetryError);
      const reason = (error as MaxRetryError).reason!;
      expect(reason.constructor).toBe(ProxyError);
      expect(reason.message).toContain(
        'Your proxy appears to only use HTTP and not HTTPS, try changing your proxy URL to be HTTP. See: ',
      );
    },
  );

  it('a refused connection to an https:// proxy gets no such hint', async () => {
    const port = await freePort();
    const error = await rejection(
      manager(`https://127.0.0.1:${port}`, { retries: false }).request(
        'GET',
        `${fx.plain.url}/get`,
      ),
    );
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).not.toContain('Your proxy appears to only use HTTP');
  });
});
