import { describe, expect, it } from 'vitest';
import { LocationParseError, resolveRedirectLocation } from '../src/index.ts';

describe('resolveRedirectLocation', () => {
  it('resolves relative, absolute and scheme-relative references against the request URL', () => {
    const base = 'http://127.0.0.1:8080/a/b?x=1';
    expect(resolveRedirectLocation('/next?a=1', base)).toBe('http://127.0.0.1:8080/next?a=1');
    expect(resolveRedirectLocation('c', base)).toBe('http://127.0.0.1:8080/a/c');
    expect(resolveRedirectLocation('//[::1]:81/z', base)).toBe('http://[::1]:81/z');
    expect(resolveRedirectLocation('https://example.test/', base)).toBe('https://example.test/');
  });

  it.each(['http://', 'http://[::1', 'http://host:99999/', 'https://a b/'])(
    'an unparseable Location %j is a LocationParseError, not a TypeError',
    (location) => {
      let caught: unknown;
      try {
        resolveRedirectLocation(location, 'http://127.0.0.1:8080/start');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(LocationParseError);
      const error = caught as LocationParseError;
      expect(error.code).toBe('URLPOOL_ERR_LOCATION_PARSE');
      expect(error.location).toBe(location);
      expect(error.message).toContain('Location');
      expect(error.cause).toBeInstanceOf(TypeError);
    },
  );
});
