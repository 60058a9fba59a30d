import { describe, expect, it } from 'vitest';
import { LocationParseError, parseUrl } from '../src/index.ts';

// urllib3 conformance (issue 10, items 1-4): cases from urllib3's test_util.
describe('parseUrl: urllib3 conformance', () => {
  it('Url.hostname keeps IPv6 brackets, as urllib3 (and WHATWG URL.hostname)', () => {
    const u = parseUrl('http://[::1]:8080/');
    expect(u.hostname).toBe('[::1]');
    expect(u.hostname).toBe(u.host);
    expect(parseUrl('http://[fe80::1%25eth0]/').hostname).toBe('[fe80::1%eth0]');
  });

  it.each(['http://❤️', 'http://☃.net/', 'http://a.♥.com/'])(
    'refuses %s: emoji and symbols are not valid IDNA2008 labels',
    (url) => {
      expect(() => parseUrl(url)).toThrow(LocationParseError);
      expect(() => parseUrl(url)).toThrow(/not a valid IDNA label/);
    },
  );

  it.each([
    ['http://Königsgäßchen.de/', 'xn--knigsgchen-b4a3dun.de'],
    ['http://ドメイン.テスト/', 'xn--eckwd4c7c.xn--zckzah'],
    ['http://مثال.إختبار/', 'xn--mgbh0fb.xn--kgbechtv'],
  ])('still encodes the internationalised name %s', (url, host) => {
    expect(parseUrl(url).host).toBe(host);
  });

  it.each([
    ['path', 'http://h/\ud800', '/%ED%A0%80'],
    ['path (low surrogate)', 'http://h/a\udfffb', '/a%ED%BF%BFb'],
    ['query', 'http://h/?q=\ud800', 'q=%ED%A0%80'],
    ['fragment', 'http://h/#\udbff', '%ED%AF%BF'],
  ])(
    'percent-encodes a lone surrogate in the %s as urllib3 (surrogatepass), not U+FFFD',
    (part, url, expected) => {
      const u = parseUrl(url);
      const got = part.startsWith('path') ? u.path : part === 'query' ? u.query : u.fragment;
      expect(got).toBe(expected);
    },
  );

  it('keeps a well-formed surrogate pair as its 4-byte UTF-8', () => {
    expect(parseUrl('http://h/\ud83d\ude00').path).toBe('/%F0%9F%98%80');
  });

  it.each([
    'http://exa%00mple.com/',
    'http://example.com%0d%0aX-Injected:1/',
    'http://exa%7Fmple.com/',
    'http://%09example.com/',
    'http://[fe80::1%25eth%0a0]/',
    'http://[fe80::1%25%00]/',
  ])('refuses a percent-encoded control character in the host or zone ID: %j', (url) => {
    expect(() => parseUrl(url)).toThrow(LocationParseError);
    expect(() => parseUrl(url)).toThrow(/percent-encoded control character/);
  });

  it.each([
    ['http://%65xample.com/', 'example.com'],
    ['http://EX%41MPLE.com/', 'example.com'],
    ['http://a%2Eb.com/', 'a.b.com'],
    ['http://a%7eb/', 'a~b'],
    ['http://[fe80::1%25%65th0]/', '[fe80::1%eth0]'],
  ])('decodes percent-encoded unreserved characters in %s', (url, host) => {
    expect(parseUrl(url).host).toBe(host);
  });

  it.each([
    ['http://a%c3%a9b.com/', 'a%C3%A9b.com'],
    ['http://a%2fb/', 'a%2Fb'],
    ['http://A%20B/', 'a%20b'],
  ])('keeps other percent-encodings in %s, uppercased', (url, host) => {
    expect(parseUrl(url).host).toBe(host);
  });
});
