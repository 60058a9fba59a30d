import { describe, expect, it } from 'vitest';
import {
  HTTPError,
  HTTPHeaderDict,
  InvalidHeader,
  InvalidMethodError,
  isToken,
  normalizeMethod,
  SKIP_HEADER,
  SKIPPABLE_HEADERS,
  validateHeaderName,
  validateHeaders,
  validateHeaderValue,
} from '../src/index.ts';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('normalizeMethod', () => {
  it('uppercases valid tokens', () => {
    expect(normalizeMethod('get')).toBe('GET');
    expect(normalizeMethod('Patch')).toBe('PATCH');
    expect(normalizeMethod('POST')).toBe('POST');
    expect(normalizeMethod('m-search')).toBe('M-SEARCH');
    expect(normalizeMethod("x!#$%&'*+-.^_`|~9")).toBe("X!#$%&'*+-.^_`|~9");
  });

  it.each(['', 'GET ', 'GE T', 'GET\r\nX: y', 'GET\n', 'G\0', 'GET/', 'GÉT', '(GET)', 'G:ET'])(
    'rejects %j with InvalidMethodError',
    (method) => {
      const error = thrown(() => normalizeMethod(method));
      expect(error).toBeInstanceOf(InvalidMethodError);
      expect(error).toBeInstanceOf(HTTPError);
      expect((error as InvalidMethodError).code).toBe('URLPOOL_ERR_INVALID_METHOD');
      expect((error as InvalidMethodError).method).toBe(method);
      expect(error.name).toBe('InvalidMethodError');
      expect(error.message).toMatch(/RFC 9110 token/);
      expect(error.message).not.toMatch(/\r|\n/);
    },
  );

  it('rejects non-strings', () => {
    expect(() => normalizeMethod(undefined as unknown as string)).toThrow(InvalidMethodError);
  });
});

describe('header validation', () => {
  it('accepts tokens as names', () => {
    expect(isToken('X-Custom_Header.1')).toBe(true);
    expect(() => validateHeaderName('Content-Type')).not.toThrow();
  });

  it.each(['', 'X Header', 'X-Header:', 'X\r\nY', 'X\0', 'Héader', 'X\t'])(
    'rejects header name %j',
    (name) => {
      const error = thrown(() => validateHeaderName(name));
      expect(error).toBeInstanceOf(InvalidHeader);
      expect(error.message).toMatch(/Invalid header name/);
      expect(error.message).not.toMatch(/\r|\n/);
    },
  );

  it.each([
    ['a\r\nX-Injected: 1', /carriage return \(CR\) at index 1/],
    ['a\nb', /line feed \(LF\) at index 1/],
    ['a\0b', /NUL byte at index 1/],
  ])('rejects value %j naming the header', (value, message) => {
    const error = thrown(() => validateHeaderValue('X-Thing', value));
    expect(error).toBeInstanceOf(InvalidHeader);
    expect(error.message).toMatch(message);
    expect(error.message).toContain('"X-Thing"');
  });

  it.each(['Authorization', 'proxy-authorization', 'Cookie', 'Set-Cookie'])(
    'never echoes the value of %s',
    (name) => {
      const error = thrown(() => validateHeaderValue(name, 'Bearer s3cret\r\nX: y'));
      expect(error.message).not.toContain('s3cret');
      expect(error.message).toContain('redacted');
    },
  );

  it('allows tabs, obs-text and SKIP_HEADER on skippable headers only', () => {
    expect(() => validateHeaderValue('X', 'a\tb \u00e9')).not.toThrow();
    for (const name of ['Host', 'User-Agent', 'accept-encoding']) {
      expect(SKIPPABLE_HEADERS.has(name.toLowerCase())).toBe(true);
      expect(() => validateHeaderValue(name, SKIP_HEADER)).not.toThrow();
    }
    expect(() => validateHeaderValue('Accept', SKIP_HEADER)).toThrow(/only applies to/);
  });

  it('validateHeaders checks every field', () => {
    expect(() => validateHeaders(new HTTPHeaderDict({ A: '1', B: '2' }))).not.toThrow();
    expect(() =>
      validateHeaders(
        new HTTPHeaderDict([
          ['A', '1'],
          ['B', 'x\ny'],
        ]),
      ),
    ).toThrow(/"B"/);
    expect(() => validateHeaders(HTTPHeaderDict.fromRaw(['Bad Name', 'v']))).toThrow(InvalidHeader);
  });
});
