import { NO_HEADERS, prepareHeaders } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { renderConnectHead } from '../src/connect-head.ts';

describe('the CONNECT request head', () => {
  it('authority-form target, Host, then the proxy headers', () => {
    const headers = prepareHeaders({ 'Proxy-Authorization': 'Basic eA==', 'X-A': 'b' });
    expect(renderConnectHead('example.test', 443, headers)).toBe(
      'CONNECT example.test:443 HTTP/1.1\r\nHost: example.test:443\r\n' +
        'Proxy-Authorization: Basic eA==\r\nX-A: b\r\n\r\n',
    );
    expect(renderConnectHead('::1', 8443, NO_HEADERS)).toBe(
      'CONNECT [::1]:8443 HTTP/1.1\r\nHost: [::1]:8443\r\n\r\n',
    );
  });

  it('a Host in the proxy headers replaces the default one', () => {
    const head = renderConnectHead('a.test', 443, prepareHeaders({ Host: 'b.test:443' }));
    expect(head).toBe('CONNECT a.test:443 HTTP/1.1\r\nHost: b.test:443\r\n\r\n');
  });

  // Regression: a host is written as latin1, where U+010A is a line feed.
  for (const host of [
    'evil\r\nX-Injected: 1',
    'a b',
    'evil\u010aX-Injected: 1',
    'ex\u00e4mple.test',
    'a\u0000b',
  ]) {
    it(`refuses the host ${JSON.stringify(host)} before anything is written`, () => {
      expect(() => renderConnectHead(host, 443, NO_HEADERS)).toThrow(
        expect.objectContaining({
          name: expect.stringMatching(/LocationParseError|InvalidHeader/),
        }),
      );
    });
  }
});
