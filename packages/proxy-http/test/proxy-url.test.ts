import {
  InvalidHeader,
  LocationParseError,
  LocationValueError,
  ProxySchemeUnknown,
} from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { ProxyManager, proxyFromUrl, redactUrlCredentials, resolveProxyUrl } from '../src/index.ts';

describe('resolveProxyUrl', () => {
  it('defaults the port per scheme and lowercases the host', () => {
    expect(resolveProxyUrl('http://Proxy.Test')).toMatchObject({
      scheme: 'http',
      host: 'proxy.test',
      port: 80,
      authorization: undefined,
      redacted: 'http://proxy.test:80',
    });
    expect(resolveProxyUrl(new URL('https://proxy.test/')).port).toBe(443);
    expect(resolveProxyUrl('http://[::1]:3128').redacted).toBe('http://[::1]:3128');
  });

  it('turns percent-encoded user:pass@ into Proxy-Authorization: Basic', () => {
    const { authorization, redacted } = resolveProxyUrl('http://us%40er:p%3Ass@127.0.0.1:3128');
    expect(authorization).toBe(`Basic ${Buffer.from('us@er:p:ss').toString('base64')}`);
    expect(redacted).toBe('http://127.0.0.1:3128');
    expect(resolveProxyUrl('http://user@h:1').authorization).toBe(
      `Basic ${Buffer.from('user:').toString('base64')}`,
    );
  });

  it('rejects other schemes with ProxySchemeUnknown', () => {
    expect(() => resolveProxyUrl('socks5://127.0.0.1:1080')).toThrow(ProxySchemeUnknown);
    expect(() => resolveProxyUrl('socks5://127.0.0.1:1080')).toThrow(/use SOCKSProxyManager/);
    expect(() => resolveProxyUrl('127.0.0.1:3128')).toThrow(
      'Proxy URL had no scheme, should start with http:// or https://',
    );
    expect(() => resolveProxyUrl('localhost:3128')).toThrow(
      'Proxy URL had no scheme, should start with http:// or https://',
    );
    expect(() => resolveProxyUrl('ftp://127.0.0.1')).toThrow(ProxySchemeUnknown);
    expect(() => resolveProxyUrl('ftp://127.0.0.1')).toThrow(
      'Proxy URL had unsupported scheme ftp, should use http:// or https://',
    );
  });

  it('rejects URLs without a host, and never echoes credentials of a bad URL', () => {
    expect(() => resolveProxyUrl('')).toThrow(LocationValueError);
    let error: unknown;
    try {
      resolveProxyUrl('http://user:hunter2@[bad');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocationParseError);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('redactUrlCredentials hides the userinfo only', () => {
    expect(redactUrlCredentials('http://u:p@h:1/x@y')).toBe('http://***@h:1/x@y');
    expect(redactUrlCredentials('http://h:1/')).toBe('http://h:1/');
  });
});

describe('ProxyManager options', () => {
  it('proxyFromUrl makes a ProxyManager', () => {
    expect(proxyFromUrl('http://127.0.0.1:3128')).toBeInstanceOf(ProxyManager);
  });

  it('a Proxy-Authorization in proxyHeaders wins over the URL credentials', () => {
    const m = new ProxyManager('http://a:b@127.0.0.1:3128', {
      proxyHeaders: { 'Proxy-Authorization': 'Bearer t' },
    });
    expect(m.proxyHeaders.get('proxy-authorization')).toBe('Bearer t');
  });

  it('invalid proxy headers throw InvalidHeader in the constructor, value redacted', () => {
    expect(
      () => new ProxyManager('http://127.0.0.1:3128', { proxyHeaders: { 'X-A': 'a\r\nB: c' } }),
    ).toThrow(InvalidHeader);
    // Regression: U+010A written as latin1 is a line feed in the CONNECT head.
    expect(
      () => new ProxyManager('http://127.0.0.1:3128', { proxyHeaders: { 'X-A': 'a\u010aB: c' } }),
    ).toThrow(InvalidHeader);
    expect(
      () =>
        new ProxyManager('http://127.0.0.1:3128', {
          proxyHeaders: { 'Proxy-Authorization': 'Basic s3cret\n' },
        }),
    ).toThrow(/\(value redacted\)/);
  });

  it('a wrong proxyCaCerts path throws SSLError from the constructor', () => {
    expect(
      () => new ProxyManager('https://127.0.0.1:3128', { proxyCaCerts: '/nonexistent/ca.pem' }),
    ).toThrow(/nonexistent/);
  });

  it('proxy options are not passed to pools', () => {
    const m = new ProxyManager('http://127.0.0.1:3128', {
      proxyHeaders: { A: 'b' },
      useForwardingForHttps: false,
      maxsize: 2,
    });
    const pool = m.connectionFromHost('example.test', 443, 'https');
    expect(pool.slots.maxsize).toBe(2);
    m.clear();
  });
});
