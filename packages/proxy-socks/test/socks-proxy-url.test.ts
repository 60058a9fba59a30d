import { inspect } from 'node:util';
import { LocationParseError, LocationValueError, ProxySchemeUnknown } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import {
  isSocksProxyUrl,
  redactProxyUrl,
  resolveSocksProxy,
  SOCKSProxyManager,
} from '../src/index.ts';

describe('resolveSocksProxy', () => {
  it.each([
    ['socks4', 4, false],
    ['socks4a', 4, true],
    ['socks5', 5, false],
    ['socks5h', 5, true],
  ] as const)('%s:// is SOCKS%i, remote DNS %s', (scheme, version, remoteDns) => {
    const p = resolveSocksProxy(`${scheme}://127.0.0.1:1081/`);
    expect(p).toMatchObject({ scheme, version, remoteDns, host: '127.0.0.1', port: 1081 });
  });

  it('defaults to port 1080, lowercases the scheme, strips IPv6 brackets', () => {
    expect(resolveSocksProxy('SOCKS5H://localhost')).toMatchObject({
      scheme: 'socks5h',
      port: 1080,
    });
    expect(resolveSocksProxy('socks5://[::1]:9050').host).toBe('::1');
  });

  it('takes percent-decoded credentials from the URL', () => {
    const p = resolveSocksProxy('socks5://us%40er:p%3As%25s@127.0.0.1:1080');
    expect(p.username).toBe('us@er');
    expect(p.password).toBe('p:s%s');
    expect(resolveSocksProxy('socks4a://alice@127.0.0.1').username).toBe('alice');
    expect(resolveSocksProxy('socks5://@127.0.0.1').username).toBeUndefined();
  });

  it('lets username/password options replace the URL credentials', () => {
    const p = resolveSocksProxy('socks5://url:urlpass@127.0.0.1', {
      username: 'opt',
      password: 'optpass',
    });
    expect([p.username, p.password]).toEqual(['opt', 'optpass']);
  });

  it('throws ProxySchemeUnknown for any other scheme', () => {
    for (const url of [
      'http://127.0.0.1:1080',
      'socks6://127.0.0.1',
      '127.0.0.1:1080',
      'localhost:1080',
    ]) {
      expect(() => resolveSocksProxy(url)).toThrow(ProxySchemeUnknown);
    }
    expect(() => new SOCKSProxyManager('ftp://127.0.0.1')).toThrow(ProxySchemeUnknown);
    expect(() => resolveSocksProxy('http://u:secret@127.0.0.1:3128')).toThrow(
      'SOCKS proxy URL had the scheme http://; use socks4://, socks4a://, socks5:// or socks5h:// (ProxyManager takes HTTP and HTTPS proxies)',
    );
    expect(() => resolveSocksProxy('//127.0.0.1:1080')).toThrow(/had no scheme/);
  });

  it('throws LocationValueError without a host and TypeError for credentials SOCKS5 cannot carry', () => {
    expect(() => resolveSocksProxy('socks5://')).toThrow(LocationValueError);
    expect(() => resolveSocksProxy('socks5://u:@127.0.0.1')).toThrow(/1 to 255 bytes/);
    expect(() =>
      resolveSocksProxy('socks5://127.0.0.1', { username: 'x'.repeat(256), password: 'p' }),
    ).toThrow(TypeError);
    expect(() => resolveSocksProxy('socks4://127.0.0.1', { username: 'a\0b' })).toThrow(/NUL/);
  });

  it('rejects bad percent-encoding without echoing the credentials', () => {
    const error = (() => {
      try {
        resolveSocksProxy('socks5://user:s3cr%zzet@127.0.0.1');
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(LocationParseError);
    expect(error.message).not.toContain('s3cr');
    expect(error.message).not.toContain('user');
  });
});

describe('redactProxyUrl and isSocksProxyUrl', () => {
  it('hides the password only', () => {
    expect(redactProxyUrl('socks5h://me:secret@127.0.0.1:1080/')).toBe(
      'socks5h://me:***@127.0.0.1:1080/',
    );
    expect(redactProxyUrl('socks5://me@127.0.0.1')).toBe('socks5://me@127.0.0.1');
    expect(redactProxyUrl('socks5://127.0.0.1')).toBe('socks5://127.0.0.1');
  });

  it('recognises the four schemes only', () => {
    expect(
      ['socks4://h', 'SOCKS4A://h', 'socks5://h', 'socks5h://h'].every((u) => isSocksProxyUrl(u)),
    ).toBe(true);
    expect(isSocksProxyUrl(new URL('socks5h://h:1'))).toBe(true);
    expect(['http://h', 'socks://h', 'socks5h', ''].some((u) => isSocksProxyUrl(u))).toBe(false);
  });
});

describe('SOCKSProxyManager construction', () => {
  it('exposes the proxy without its password and keeps PoolManager options', () => {
    const m = new SOCKSProxyManager('socks5h://me:secret@127.0.0.1:1080', {
      numPools: 3,
      maxsize: 2,
    });
    expect(m.proxyUrl).toBe('socks5h://me:***@127.0.0.1:1080');
    expect(m.proxy).toEqual({
      scheme: 'socks5h',
      version: 5,
      remoteDns: true,
      host: '127.0.0.1',
      port: 1080,
      username: 'me',
    });
    expect(m.numPools).toBe(3);
    expect(JSON.stringify(m.proxy)).not.toContain('secret');
    expect(inspect(m, { depth: 10, showHidden: true })).not.toContain('secret');
  });

  it('refuses a connector option and unknown pool options', () => {
    expect(
      () => new SOCKSProxyManager('socks5://127.0.0.1', { connector: async () => null as never }),
    ).toThrow(/own connector/);
    expect(() => new SOCKSProxyManager('socks5://127.0.0.1', { maxsizee: 1 } as never)).toThrow(
      /Unknown PoolManager option "maxsizee"; did you mean "maxsize"\?/,
    );
  });
});
