import { ProxySchemeUnknown } from '@urlpool/core';
import { PoolManager } from '@urlpool/pool-manager';
import { describe, expect, it } from 'vitest';
import { EnvProxyManager, ProxyManager, proxyFromEnv, readProxyEnvironment } from '../src/index.ts';

describe('readProxyEnvironment: curl precedence', () => {
  const cases: ReadonlyArray<
    readonly [string, Record<string, string>, { http?: string; https?: string; noProxy?: string }]
  > = [
    ['nothing set', {}, {}],
    [
      'HTTP_PROXY (uppercase) is honoured',
      { HTTP_PROXY: 'http://u:3128' },
      { http: 'http://u:3128' },
    ],
    [
      'http_proxy wins over HTTP_PROXY',
      { http_proxy: 'http://l:1', HTTP_PROXY: 'http://u:2' },
      { http: 'http://l:1' },
    ],
    [
      'https_proxy wins over HTTPS_PROXY',
      { https_proxy: 'http://l:1', HTTPS_PROXY: 'http://u:2' },
      { https: 'http://l:1' },
    ],
    ['HTTPS_PROXY alone', { HTTPS_PROXY: 'http://u:2' }, { https: 'http://u:2' }],
    [
      'HTTP_PROXY does not apply to https targets',
      { HTTP_PROXY: 'http://u:2' },
      { http: 'http://u:2' },
    ],
    [
      'ALL_PROXY covers both',
      { ALL_PROXY: 'socks5h://s:1080' },
      { http: 'socks5h://s:1080', https: 'socks5h://s:1080' },
    ],
    [
      'all_proxy wins over ALL_PROXY',
      { all_proxy: 'http://l:1', ALL_PROXY: 'http://u:2' },
      { http: 'http://l:1', https: 'http://l:1' },
    ],
    [
      'a scheme variable wins over ALL_PROXY',
      { ALL_PROXY: 'http://a:1', https_proxy: 'http://s:2' },
      { http: 'http://a:1', https: 'http://s:2' },
    ],
    [
      'an empty lowercase value falls through to the uppercase one',
      { https_proxy: '', HTTPS_PROXY: 'http://u:2' },
      { https: 'http://u:2' },
    ],
    ['whitespace-only counts as unset', { http_proxy: '  ' }, {}],
    [
      'no_proxy wins over NO_PROXY',
      { no_proxy: 'a.test', NO_PROXY: 'b.test' },
      { noProxy: 'a.test' },
    ],
    ['NO_PROXY alone', { NO_PROXY: 'b.test' }, { noProxy: 'b.test' }],
    [
      'CGI: uppercase HTTP_PROXY is ignored (httpoxy)',
      { REQUEST_METHOD: 'GET', HTTP_PROXY: 'http://evil:1' },
      {},
    ],
    [
      'CGI: lowercase http_proxy still counts',
      { REQUEST_METHOD: 'GET', http_proxy: 'http://ok:1' },
      { http: 'http://ok:1' },
    ],
  ];
  for (const [name, env, expected] of cases) {
    it(name, () => {
      expect(readProxyEnvironment(env)).toEqual({
        http: expected.http,
        https: expected.https,
        noProxy: expected.noProxy,
      });
    });
  }
});

describe('proxyFromEnv', () => {
  it('routes by scheme, NO_PROXY and ports, without opening anything', () => {
    const m = proxyFromEnv({
      env: {
        http_proxy: 'http://127.0.0.1:3128',
        HTTPS_PROXY: 'user:secret@127.0.0.1:3129',
        NO_PROXY: 'localhost,.internal,10.0.0.0/8,[::1]:8080',
      },
    });
    expect(m).toBeInstanceOf(EnvProxyManager);
    expect(m.proxies).toEqual({
      http: 'http://127.0.0.1:3128',
      https: 'http://***@127.0.0.1:3129',
    });
    const http = m.routeFor('http', 'example.test', 80);
    const https = m.routeFor('https', 'example.test', 443);
    expect(http).toBeInstanceOf(ProxyManager);
    expect(https).toBeInstanceOf(ProxyManager);
    expect(http).not.toBe(https);
    expect((https as ProxyManager).proxy.redacted).toBe('http://127.0.0.1:3129');
    expect(m.routeFor('https', 'localhost', 443)).toBeUndefined();
    expect(m.routeFor('http', 'db.internal', 80)).toBeUndefined();
    expect(m.routeFor('http', '10.2.3.4', 80)).toBeUndefined();
    expect(m.routeFor('http', '::1', 8080)).toBeUndefined();
    expect(m.routeFor('http', '::1', 8081)).toBe(http);
    m.clear();
  });

  it('one manager per distinct proxy URL', () => {
    const m = proxyFromEnv({ env: { ALL_PROXY: 'http://127.0.0.1:3128' } });
    expect(m.routeFor('http', 'a.test')).toBe(m.routeFor('https', 'b.test'));
  });

  it('direct pools come from the manager itself', () => {
    const m = proxyFromEnv({ env: { NO_PROXY: '*', HTTPS_PROXY: 'http://127.0.0.1:1' } });
    const pool = m.connectionFromHost('example.test', 443, 'https');
    expect(m.pools.size).toBe(1);
    expect(pool.host).toBe('example.test');
    m.clear();
  });

  it('hands socks URLs to the socksManager factory with the pool options', () => {
    const seen: Array<[string, unknown]> = [];
    const m = proxyFromEnv({
      env: { all_proxy: 'socks5h://u:p@127.0.0.1:1080' },
      maxsize: 3,
      proxyHeaders: { 'X-Only-For-Http-Proxies': '1' },
      socksManager: (url, options) => {
        seen.push([url, options]);
        return new PoolManager(options);
      },
    });
    expect(seen).toEqual([['socks5h://u:p@127.0.0.1:1080', { maxsize: 3 }]]);
    expect(m.routeFor('https', 'example.test')).toBeInstanceOf(PoolManager);
  });

  it('a socks URL without a socksManager throws ProxySchemeUnknown, credentials redacted', () => {
    let error: unknown;
    try {
      proxyFromEnv({ env: { ALL_PROXY: 'socks5://user:hunter2@127.0.0.1:1080' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProxySchemeUnknown);
    expect((error as Error).message).toContain('socks5://***@127.0.0.1:1080');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('an unknown scheme throws ProxySchemeUnknown', () => {
    expect(() => proxyFromEnv({ env: { HTTPS_PROXY: 'ftp://127.0.0.1:21' } })).toThrow(
      ProxySchemeUnknown,
    );
  });

  it('reads process.env by default', () => {
    const saved = process.env.https_proxy;
    process.env.https_proxy = 'http://127.0.0.1:3128';
    try {
      expect(proxyFromEnv().proxies.https).toBe('http://127.0.0.1:3128');
    } finally {
      if (saved === undefined) delete process.env.https_proxy;
      else process.env.https_proxy = saved;
    }
  });
});
