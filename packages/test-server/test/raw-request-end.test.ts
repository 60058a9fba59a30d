import { describe, expect, test } from 'vitest';
import { findRequestEnd } from '../src/index.ts';

const b = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('findRequestEnd', () => {
  test('head only', () => {
    const head = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n';
    expect(findRequestEnd(b(head))).toBe(head.length);
    expect(findRequestEnd(b(head.slice(0, -1)))).toBe(-1);
    expect(findRequestEnd(b(head + 'GET /next'))).toBe(head.length);
  });

  test('content-length body, any header case', () => {
    const req = 'POST / HTTP/1.1\r\nhost: x\r\ncOnTeNt-LeNgTh: 5\r\n\r\nhello';
    expect(findRequestEnd(b(req))).toBe(req.length);
    expect(findRequestEnd(b(req.slice(0, -1)))).toBe(-1);
  });

  test('chunked body with extensions and trailers', () => {
    const head = 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n';
    const body = '5;ext=1\r\nhello\r\n0\r\n\r\n';
    expect(findRequestEnd(b(head + body + 'extra'))).toBe(head.length + body.length);
    const withTrailer = '3\r\nabc\r\n0\r\nX-Sum: 1\r\n\r\n';
    expect(findRequestEnd(b(head + withTrailer))).toBe(head.length + withTrailer.length);
    for (let cut = 1; cut < withTrailer.length; cut++) {
      expect(findRequestEnd(b(head + withTrailer.slice(0, cut)))).toBe(-1);
    }
  });
});
