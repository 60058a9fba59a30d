import { describe, expect, it } from 'vitest';
import {
  ContentLengthMismatchError,
  checkBodyLength,
  encodeRequestTarget,
  findInvalidFieldValueChar,
  HTTPError,
  InvalidHeader,
  InvalidMethodError,
  LocationParseError,
  parseRequestContentLength,
  validateHeaderValue,
  validateMethod,
} from '../src/index.ts';

describe('findInvalidFieldValueChar / validateHeaderValue: bytes, not code points', () => {
  it('allows HTAB, 0x20–0x7E and 0x80–0xFF', () => {
    expect(findInvalidFieldValueChar('a\tb ~\x80caf\xe9\xff')).toBe(-1);
  });

  it.each([
    ['U+010A (a latin1 line feed)', 'a\u010ab', 1],
    ['U+010D (a latin1 carriage return)', 'ab\u010d', 2],
    ['U+0100 (a latin1 NUL)', '\u0100', 0],
    ['U+20AC', 'x\u20ac', 1],
    ['DEL', 'a\x7f', 1],
    ['VT', '\v', 0],
    ['CR', 'a\r', 1],
  ])('finds %s', (_what, value, index) => {
    expect(findInvalidFieldValueChar(value)).toBe(index);
    expect(() => validateHeaderValue('X-A', value)).toThrow(InvalidHeader);
  });

  it('names the character and redacts credentials', () => {
    expect(() => validateHeaderValue('X-A', 'v\u010aX: 1')).toThrow(/U\+010A/);
    expect(() => validateHeaderValue('Cookie', 's3cret\u010a')).toThrow(/redacted/);
    expect(() => validateHeaderValue('Cookie', 's3cret\u010a')).not.toThrow(/s3cret/);
  });
});

describe('encodeRequestTarget', () => {
  it.each([
    ['/\u20ac', '/%E2%82%AC'],
    ['/a b?c d', '/a%20b?c%20d'],
    ['/x\u0120HTTP/1.1\u010d\u010a', '/x%C4%A0HTTP/1.1%C4%8D%C4%8A'],
    ['/a\r\nHost: x', '/a%0D%0AHost:%20x'],
    ['/%41%zz', '/%2541%25zz'],
    ['/%41?q=%e2%82%ac', '/%41?q=%E2%82%AC'],
    ['/p?q=/?:@', '/p?q=/?:@'],
    ['http://[::1]:80/a b', 'http://[::1]:80/a%20b'],
    ['*', '*'],
  ])('%j → %j', (target, wire) => {
    expect(encodeRequestTarget(target)).toBe(wire);
    expect(encodeRequestTarget(wire)).toBe(wire); // idempotent
  });

  it('returns the same string when nothing needs encoding, refuses an empty target', () => {
    const target = '/api/v1/items?page=2&q=x';
    expect(encodeRequestTarget(target)).toBe(target);
    expect(() => encodeRequestTarget('')).toThrow(LocationParseError);
  });
});

describe('checkBodyLength / parseRequestContentLength', () => {
  it('throws ContentLengthMismatchError for longer or (once complete) shorter bodies', () => {
    expect(() => checkBodyLength(2, 40, true)).toThrow(ContentLengthMismatchError);
    expect(() => checkBodyLength(2, 3, false)).toThrow(/longer/);
    expect(() => checkBodyLength(5, 2, true)).toThrow(/shorter/);
    expect(() => checkBodyLength(5, 2, false)).not.toThrow();
    expect(() => checkBodyLength(5, 5, true)).not.toThrow();
    const error = (() => {
      try {
        checkBodyLength(1, 2, false);
      } catch (e) {
        return e as ContentLengthMismatchError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toMatchObject({
      code: 'URLPOOL_ERR_CONTENT_LENGTH_MISMATCH',
      expected: 1,
      actual: 2,
    });
  });

  it('parses digits with SP/HTAB around them only', () => {
    expect(parseRequestContentLength(' 12\t')).toBe(12);
    for (const bad of ['', '-1', '1.5', '0x10', '5\xa0', '5, 5']) {
      expect(() => parseRequestContentLength(bad)).toThrow(InvalidHeader);
    }
  });
});

describe('validateMethod', () => {
  it('throws InvalidMethodError, an InvalidHeader, for non-tokens', () => {
    expect(() => validateMethod('GET')).not.toThrow();
    expect(() => validateMethod('PROPFIND')).not.toThrow();
    for (const bad of ['G T', 'GET\r\n', '', 'G\u0120T']) {
      expect(() => validateMethod(bad)).toThrow(InvalidMethodError);
      expect(() => validateMethod(bad)).toThrow(InvalidHeader);
    }
  });
});
