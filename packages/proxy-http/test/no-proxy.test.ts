import { describe, expect, it } from 'vitest';
import { parseNoProxy } from '../src/index.ts';

// [NO_PROXY value, host, port, bypass?]
const TABLE: ReadonlyArray<readonly [string | undefined, string, number, boolean]> = [
  [undefined, 'example.com', 80, false],
  ['', 'example.com', 80, false],
  ['*', 'anything.test', 443, true],
  [' * ', '10.1.2.3', 80, true],
  // Host names match themselves and their subdomains, not look-alikes.
  ['example.com', 'example.com', 80, true],
  ['example.com', 'www.example.com', 80, true],
  ['example.com', 'a.b.example.com', 443, true],
  ['example.com', 'badexample.com', 80, false],
  ['example.com', 'example.com.evil.test', 80, false],
  ['EXAMPLE.com', 'Example.COM', 80, true],
  ['example.com', 'example.com.', 80, true],
  // Suffixes.
  ['.example.com', 'example.com', 80, true],
  ['.example.com', 'api.example.com', 80, true],
  ['.example.com', 'xexample.com', 80, false],
  ['*.example.com', 'api.example.com', 80, true],
  // Lists: commas, spaces, empty entries.
  ['foo.test, bar.test ,,baz.test', 'bar.test', 80, true],
  ['foo.test bar.test', 'bar.test', 80, true],
  ['foo.test,bar.test', 'qux.test', 80, false],
  // Ports.
  ['example.com:8080', 'example.com', 8080, true],
  ['example.com:8080', 'example.com', 80, false],
  ['example.com:8080', 'sub.example.com', 8080, true],
  ['127.0.0.1:3000', '127.0.0.1', 3000, true],
  ['127.0.0.1:3000', '127.0.0.1', 3001, false],
  ['[::1]:8080', '::1', 8080, true],
  ['[::1]:8080', '[::1]', 8080, true],
  ['[::1]:8080', '::1', 80, false],
  ['example.com:notaport', 'example.com', 80, false],
  // IPv4 addresses and CIDR.
  ['127.0.0.1', '127.0.0.1', 80, true],
  ['127.0.0.1', '127.0.0.2', 80, false],
  ['10.0.0.0/8', '10.255.3.4', 80, true],
  ['10.0.0.0/8', '11.0.0.1', 80, false],
  ['192.168.1.0/24', '192.168.1.77', 443, true],
  ['192.168.1.0/24', '192.168.2.1', 443, false],
  ['0.0.0.0/0', '203.0.113.9', 80, true],
  ['10.0.0.0/33', '10.0.0.1', 80, false],
  // Names are not resolved: an address range never matches a name.
  ['127.0.0.0/8', 'localhost', 80, false],
  // IPv6 addresses and CIDR, bracketed or not.
  ['::1', '::1', 80, true],
  ['::1', '[::1]', 80, true],
  ['[::1]', '::1', 80, true],
  ['::1', '::2', 80, false],
  ['fd00::/8', 'fd12:3456::1', 80, true],
  ['fd00::/8', 'fe80::1', 80, false],
  ['[2001:db8::]/32', '2001:db8:ffff::1', 443, true],
  ['2001:db8::/32', '2001:db9::1', 443, false],
  ['2001:DB8::1', '2001:db8:0:0:0:0:0:1', 80, true],
  // IPv4 rules never match IPv6 targets and vice versa.
  ['127.0.0.0/8', '::1', 80, false],
  ['::/0', '127.0.0.1', 80, false],
];

describe('NO_PROXY matching (curl semantics)', () => {
  for (const [value, host, port, expected] of TABLE) {
    it(`${JSON.stringify(value)} ${expected ? 'bypasses' : 'proxies'} ${host}:${port}`, () => {
      expect(parseNoProxy(value).matches(host, port)).toBe(expected);
    });
  }
});
