import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PORTS,
  getHost,
  LocationParseError,
  LocationValueError,
  parseUrl,
  Url,
  validateRequestTarget,
} from '../src/index.ts';

function parts(url: string) {
  const u = parseUrl(url);
  return {
    scheme: u.scheme,
    auth: u.auth,
    host: u.host,
    port: u.port,
    path: u.path,
    query: u.query,
    fragment: u.fragment,
  };
}

const none = {
  scheme: null,
  auth: null,
  host: null,
  port: null,
  path: null,
  query: null,
  fragment: null,
};

describe('parseUrl', () => {
  it.each([
    ['http://google.com/mail', { scheme: 'http', host: 'google.com', path: '/mail' }],
    ['http://google.com/mail/', { scheme: 'http', host: 'google.com', path: '/mail/' }],
    ['google.com', { host: 'google.com' }],
    ['google.com:80', { host: 'google.com', port: 80 }],
    ['http://google.com:', { scheme: 'http', host: 'google.com' }],
    ['http://google.com:0080/', { scheme: 'http', host: 'google.com', port: 80, path: '/' }],
    ['http://google.com:0', { scheme: 'http', host: 'google.com', port: 0 }],
    ['/', { path: '/' }],
    ['/foo?bar', { path: '/foo', query: 'bar' }],
    ['HTTP://GOOGLE.COM/MAIL/', { scheme: 'http', host: 'google.com', path: '/MAIL/' }],
    ['http://google.com?foo', { scheme: 'http', host: 'google.com', path: '', query: 'foo' }],
    ['http://google.com#foo', { scheme: 'http', host: 'google.com', path: '', fragment: 'foo' }],
    ['http://google.com?', { scheme: 'http', host: 'google.com', path: '', query: '' }],
    [
      'http://user:password@host:80/p',
      { scheme: 'http', auth: 'user:password', host: 'host', port: 80, path: '/p' },
    ],
    ['http://user@host', { scheme: 'http', auth: 'user', host: 'host' }],
    ['http://@host', { scheme: 'http', host: 'host' }],
    [
      'http://us@er:p@ss@host/',
      { scheme: 'http', auth: 'us%40er:p%40ss', host: 'host', path: '/' },
    ],
    ['http://user name@host/', { scheme: 'http', auth: 'user%20name', host: 'host', path: '/' }],
    [
      'http://[2a00:1450:4001:c01::67]:80/test',
      { scheme: 'http', host: '[2a00:1450:4001:c01::67]', port: 80, path: '/test' },
    ],
    ['http://[::1]', { scheme: 'http', host: '[::1]' }],
    ['http://[FE80::1%25eth0]/', { scheme: 'http', host: '[fe80::1%eth0]', path: '/' }],
    ['http://[::1%zone]', { scheme: 'http', host: '[::1%zone]' }],
    ['http://[::ffff:127.0.0.1]:8080', { scheme: 'http', host: '[::ffff:127.0.0.1]', port: 8080 }],
    ['http://127.0.0.1:8080/', { scheme: 'http', host: '127.0.0.1', port: 8080, path: '/' }],
    ['http://google.com/a/b/../c/./d', { scheme: 'http', host: 'google.com', path: '/a/c/d' }],
    ['http://google.com/a/..', { scheme: 'http', host: 'google.com', path: '/' }],
    ['http://google.com/../../x', { scheme: 'http', host: 'google.com', path: '/x' }],
    [
      'http://google.com/test 123?a b#c d',
      {
        scheme: 'http',
        host: 'google.com',
        path: '/test%20123',
        query: 'a%20b',
        fragment: 'c%20d',
      },
    ],
    ['http://google.com/%7euser', { scheme: 'http', host: 'google.com', path: '/%7Euser' }],
    ['http://google.com/%zz%20', { scheme: 'http', host: 'google.com', path: '/%25zz%2520' }],
    [
      'http://google.com/caf\u00e9?q=\u00e9',
      { scheme: 'http', host: 'google.com', path: '/caf%C3%A9', query: 'q=%C3%A9' },
    ],
    ['http://google.com/\r\nX: y', { scheme: 'http', host: 'google.com', path: '/%0D%0AX:%20y' }],
    ['http://google.com\\@evil.com', { scheme: 'http', host: 'google.com', path: '/%5C@evil.com' }],
    [
      'http://K\u00f6nigsg\u00e4\u00dfchen.de/stra\u00dfe',
      { scheme: 'http', host: 'xn--knigsgchen-b4a3dun.de', path: '/stra%C3%9Fe' },
    ],
    ['http://[::1]?q#f', { scheme: 'http', host: '[::1]', path: '', query: 'q', fragment: 'f' }],
    ['localhost:8080', { scheme: 'localhost', path: '/8080' }],
    ['mailto:Foo@Example.com', { scheme: 'mailto', path: '/Foo@Example.com' }],
    ['ftp://Example.COM/a b/../c', { scheme: 'ftp', host: 'Example.COM', path: '/a b/../c' }],
    ['http://', { scheme: 'http' }],
    ['//host/path', { host: 'host', path: '/path' }],
    ['http:/path', { scheme: 'http', path: '/path' }],
    ['http://Example.COM./a/b/.', { scheme: 'http', host: 'example.com.', path: '/a/b/' }],
    ['http://h/a/b/..', { scheme: 'http', host: 'h', path: '/a/' }],
    ['http://[fe80::1%25%65th0]', { scheme: 'http', host: '[fe80::1%eth0]' }],
    ['http://[fe80::1%25]', { scheme: 'http', host: '[fe80::1%25]' }],
    ['http://h/?a=%zz&b=%41', { scheme: 'http', host: 'h', path: '/', query: 'a=%25zz&b=%2541' }],
    ['http://h/?q=a?b/c@d', { scheme: 'http', host: 'h', path: '/', query: 'q=a?b/c@d' }],
    ['http://h/#a#b', { scheme: 'http', host: 'h', path: '/', fragment: 'a%23b' }],
    ['http://h/p?q#', { scheme: 'http', host: 'h', path: '/p', query: 'q', fragment: '' }],
    ['HTTPS://user:p%40ss@H', { scheme: 'https', auth: 'user:p%40ss', host: 'h' }],
  ])('%s', (url, expected) => {
    expect(parts(url)).toEqual({ ...none, ...expected });
  });

  it('returns an all-null Url for the empty string', () => {
    expect(parts('')).toEqual(none);
  });

  it.each([
    ['http://google.com:65536', /port 65536 is out of range/],
    ['http://google.com:123456', /out of range/],
    ['http://google.com:-1', /port "-1" is not a number/],
    ['http://google.com:abc/', /port "abc" is not a number/],
    ['http://google.com:80:80', /not a number/],
    ['http://ex\r\nample.com/', /whitespace or a control character/],
    ['http://exa mple.com/', /whitespace or a control character/],
    ['http://a\0b/', /control character/],
    ['http://[::1/', /closing "\]"/],
    ['http://[::1]x/', /after the IPv6 address/],
    ['http://[not-ipv6]/', /invalid IPv6 address/],
    ['http://ho%zzst/', /"%" only in %XX escapes/],
    ['http://a]b/', /invalid host/],
  ])('rejects %j', (url, message) => {
    let error: unknown;
    try {
      parseUrl(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LocationParseError);
    expect((error as LocationParseError).message).toMatch(message);
    expect((error as LocationParseError).location).toBe(url);
    expect((error as LocationParseError).code).toBe('URLPOOL_ERR_LOCATION_PARSE');
  });

  it('redacts the password and escapes control characters in error messages', () => {
    const url = 'http://user:s3cret@exa\nmple.com/';
    expect(() => parseUrl(url)).toThrow(LocationParseError);
    try {
      parseUrl(url);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain('s3cret');
      expect(message).not.toContain('\n');
      expect(message).toContain('user:***@exa\\x0ample.com');
    }
  });

  it('throws LocationValueError for a value that is neither a string nor a URL', () => {
    expect(() => parseUrl(42 as unknown as string)).toThrow(LocationValueError);
    expect(() => parseUrl(42 as unknown as string)).toThrow(/string or a URL object/);
  });
});

describe('Url', () => {
  it('derives hostname, netloc, requestUri, authority and url', () => {
    const u = parseUrl('https://user:pw@[::1]:8443/a?b=1#frag');
    expect(u.hostname).toBe('[::1]');
    expect(u.netloc).toBe('[::1]:8443');
    expect(u.authority).toBe('user:pw@[::1]:8443');
    expect(u.requestUri).toBe('/a?b=1');
    expect(u.url).toBe('https://user:pw@[::1]:8443/a?b=1#frag');
    expect(String(u)).toBe(u.url);
    expect(JSON.stringify({ u })).toBe(`{"u":"${u.url}"}`);
  });

  it('gives "/" as requestUri for an empty path, keeping the query', () => {
    expect(parseUrl('http://h').requestUri).toBe('/');
    expect(parseUrl('http://h?x=1').requestUri).toBe('/?x=1');
    expect(parseUrl('http://h?').requestUri).toBe('/?');
    expect(parseUrl('http://h#frag').requestUri).toBe('/');
  });

  it('has null netloc and hostname without a host', () => {
    const u = parseUrl('/just/a/path');
    expect(u.netloc).toBeNull();
    expect(u.hostname).toBeNull();
    expect(u.url).toBe('/just/a/path');
  });

  it.each([
    'http://google.com/mail',
    'https://u:p@example.com:8080/a/b?c=d#e',
    'http://[::1]:80/',
    'http://google.com?foo',
    '/foo',
  ])('round-trips %s', (url) => {
    expect(parseUrl(url).url).toBe(url);
  });

  it('normalises parts given to the constructor and replace()', () => {
    const u = new Url({ scheme: 'HTTP', host: 'h', path: 'x' });
    expect(u.scheme).toBe('http');
    expect(u.path).toBe('/x');
    const r = u.replace({ port: 81, path: null, query: 'q' });
    expect(r.url).toBe('http://h:81?q');
    expect(u.url).toBe('http://h/x');
  });
});

describe('getHost', () => {
  it('returns scheme (default http), hostname and port', () => {
    expect(getHost('http://google.com/mail')).toEqual(['http', 'google.com', null]);
    expect(getHost('google.com:8080')).toEqual(['http', 'google.com', 8080]);
    expect(getHost('https://[::1]:443/')).toEqual(['https', '[::1]', 443]);
  });
});

describe('DEFAULT_PORTS', () => {
  it('maps http and https', () => {
    expect(DEFAULT_PORTS.http).toBe(80);
    expect(DEFAULT_PORTS.https).toBe(443);
    expect(Object.isFrozen(DEFAULT_PORTS)).toBe(true);
  });
});

describe('validateRequestTarget', () => {
  it('accepts origin-form and absolute-form targets', () => {
    expect(() => validateRequestTarget('/a?b=c')).not.toThrow();
    expect(() => validateRequestTarget('http://h/a')).not.toThrow();
    expect(() => validateRequestTarget('*')).not.toThrow();
  });

  it.each([
    ['/a b', /a space/],
    ['/a\r\nHost: evil', /carriage return/],
    ['/a\nb', /line feed/],
    ['/a\0', /NUL/],
    ['/a\tb', /control character/],
    ['', /empty/],
  ])('rejects %j', (target, message) => {
    expect(() => validateRequestTarget(target)).toThrow(LocationParseError);
    expect(() => validateRequestTarget(target)).toThrow(message);
  });
});
