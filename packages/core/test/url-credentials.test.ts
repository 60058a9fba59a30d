// urllib3 2.x test_url_auth.py (origin userinfo → Authorization), the pure part: how the
// userinfo becomes Basic credentials, and how it meets headers the caller gave.
import { describe, expect, it } from 'vitest';
import {
  basicCredentialsFromUserinfo,
  HTTPHeaderDict,
  InvalidHeader,
  withUrlCredentials,
} from '../src/index.ts';

describe('basicCredentialsFromUserinfo', () => {
  it.each([
    ['user:pass', 'Basic dXNlcjpwYXNz'],
    ['user', 'Basic dXNlcjo='],
    [':', 'Basic Og=='],
    ['user%40example.com:p%3Ass', 'Basic dXNlckBleGFtcGxlLmNvbTpwOnNz'],
    // Percent-decoded to bytes: %FF is the byte 0xFF, not U+00FF as UTF-8.
    ['user:%FF', 'Basic dXNlcjr/'],
    // UTF-8 escapes stay UTF-8 bytes; a literal non-ASCII character is sent as UTF-8 too.
    ['user:%C3%A9', `Basic ${Buffer.from('user:é', 'utf8').toString('base64')}`],
    ['user:é', `Basic ${Buffer.from('user:é', 'utf8').toString('base64')}`],
    ['user:😀', `Basic ${Buffer.from('user:😀', 'utf8').toString('base64')}`],
    // A % that starts no escape is taken as it is.
    ['user:100%', `Basic ${Buffer.from('user:100%', 'utf8').toString('base64')}`],
    ['user:%zz', `Basic ${Buffer.from('user:%zz', 'utf8').toString('base64')}`],
  ])('%s → %s', (userinfo, expected) => {
    expect(basicCredentialsFromUserinfo(userinfo)).toBe(expected);
  });
});

describe('withUrlCredentials', () => {
  it('adds Authorization to a copy; the given headers are left as they were', () => {
    const original = { 'X-Test': 'preserved' };
    const headers = new HTTPHeaderDict(withUrlCredentials(original, 'user:pass'));
    expect(headers.get('authorization')).toBe('Basic dXNlcjpwYXNz');
    expect(headers.get('x-test')).toBe('preserved');
    expect(original).toEqual({ 'X-Test': 'preserved' });
  });

  it('keeps a matching header (any case) and the other repeated headers', () => {
    const given = new HTTPHeaderDict({ aUtHoRiZaTiOn: 'Basic dXNlcjpwYXNz' });
    given.add('X-Test', 'one');
    given.add('X-Test', 'two');
    const headers = new HTTPHeaderDict(withUrlCredentials(given, 'user:pass'));
    expect(headers.getlist('authorization')).toEqual(['Basic dXNlcjpwYXNz']);
    expect(headers.getlist('x-test')).toEqual(['one', 'two']);
    expect(given.getlist('X-Test')).toEqual(['one', 'two']);
  });

  it('a conflicting or a second Authorization is InvalidHeader that names the header, not the secret', () => {
    const conflicting = () => withUrlCredentials({ authorization: 'Bearer token' }, 'user:secret');
    expect(conflicting).toThrow(InvalidHeader);
    expect(conflicting).toThrow(/Authorization/);
    const twice = new HTTPHeaderDict({ Authorization: 'Basic dXNlcjpwYXNz' });
    twice.add('authorization', 'Bearer different');
    expect(() => withUrlCredentials(twice, 'user:pass')).toThrow(InvalidHeader);
    expect(twice.getlist('Authorization')).toEqual(['Basic dXNlcjpwYXNz', 'Bearer different']);
    try {
      conflicting();
    } catch (error) {
      expect((error as Error).message).not.toContain('secret');
    }
  });
});
