// Ported from urllib3's test/test_exceptions.py. Pickling has no JavaScript equivalent; what it
// guards (every error can be built from urllib3's arguments and keeps its class and message) is
// checked directly. HeaderParsingError is not part of urlpool's error tree (api.md), and
// NewConnectionError's deprecated `pool` alias of `conn` is not carried over.
import { describe, expect, it } from 'vitest';
import {
  ClosedPoolError,
  ConnectTimeoutError,
  EmptyPoolError,
  HostChangedError,
  HTTPError,
  LocationParseError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  PoolError,
  ProxySchemeUnknown,
  ReadTimeoutError,
  RequestError,
  URLSchemeUnknown,
} from '../src/index.ts';

// Stands in for HTTPConnectionPool('localhost'): errors only use its string form.
const POOL = { toString: () => "HTTPConnectionPool(host='localhost', port=80)" };

describe('urllib3 test_exceptions', () => {
  it.each<[string, () => HTTPError, new (...args: never[]) => HTTPError, string]>([
    ['HTTPError(null)', () => new HTTPError(null as never), HTTPError, 'null'],
    ['HTTPError("foo")', () => new HTTPError('foo'), HTTPError, 'foo'],
    [
      'HTTPError("foo", cause)',
      () => new HTTPError('foo', { cause: new Error('foo') }),
      HTTPError,
      'foo',
    ],
    [
      'MaxRetryError(null, "", null)',
      () => new MaxRetryError(null, '', null),
      MaxRetryError,
      'Max retries exceeded with url:  (Caused by None)',
    ],
    [
      'MaxRetryError(pool, "/", null)',
      () => new MaxRetryError(POOL, '/', null),
      MaxRetryError,
      "HTTPConnectionPool(host='localhost', port=80): Max retries exceeded with url: / (Caused by None)",
    ],
    [
      'LocationParseError("")',
      () => new LocationParseError(''),
      LocationParseError,
      'Failed to parse: ',
    ],
    [
      'LocationParseError("fake location")',
      () => new LocationParseError('fake location'),
      LocationParseError,
      'Failed to parse: fake location',
    ],
    [
      'ConnectTimeoutError(null)',
      () => new ConnectTimeoutError(null as never),
      ConnectTimeoutError,
      'null',
    ],
    [
      'ClosedPoolError(pool, "")',
      () => new ClosedPoolError(POOL, ''),
      ClosedPoolError,
      `${POOL}: `,
    ],
    ['EmptyPoolError(pool, "")', () => new EmptyPoolError(POOL, ''), EmptyPoolError, `${POOL}: `],
    [
      'HostChangedError(pool, "/", 0)',
      () => new HostChangedError(POOL, '/', 0),
      HostChangedError,
      `${POOL}: Tried to open a foreign host with url: /`,
    ],
    [
      'ReadTimeoutError(pool, "/", "")',
      () => new ReadTimeoutError(POOL, '/', ''),
      ReadTimeoutError,
      `${POOL}: `,
    ],
    ['NewConnectionError(conn, "")', () => new NewConnectionError({}, ''), NewConnectionError, ''],
    [
      'NameResolutionError("", conn, reason)',
      () => new NameResolutionError('', {}, new Error('boom')),
      NameResolutionError,
      "Failed to resolve '' (boom)",
    ],
    [
      'NameResolutionError("", conn, null)',
      () => new NameResolutionError('', {}, null),
      NameResolutionError,
      "Failed to resolve '' (None)",
    ],
  ])('%s keeps its class, name and message', (_, make, Class, message) => {
    const error = make();
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(HTTPError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Class.name);
    expect(error.message).toBe(message);
    expect(typeof error.code).toBe('string');
    expect(error.code).toMatch(/^URLPOOL_ERR_/);
  });

  it('pool errors keep their pool, request errors their url', () => {
    const error = new HostChangedError(POOL, '/', 0);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toBeInstanceOf(PoolError);
    expect(error.pool).toBe(POOL);
    expect(error.url).toBe('/');
    expect(error.retries).toBe(0);
    expect(new ReadTimeoutError(POOL, '/', '').url).toBe('/');
    expect(new ClosedPoolError(POOL, '').pool).toBe(POOL);
  });

  it('NewConnectionError keeps the connection it failed on', () => {
    const conn = { host: 'localhost' };
    const error = new NewConnectionError(conn, 'test');
    expect(error.conn).toBe(conn);
    expect(error.message).toBe('test');
  });

  it('MaxRetryError keeps its reason, also as cause', () => {
    const reason = new ConnectTimeoutError('conntimeout');
    const error = new MaxRetryError(POOL, '/', reason);
    expect(error.reason).toBe(reason);
    expect(error.cause).toBe(reason);
    expect(error.message).toContain('(Caused by ConnectTimeoutError: conntimeout)');
  });

  it('ProxySchemeUnknown words a missing scheme as urllib3 does (localhost:3128 counts)', () => {
    for (const scheme of [null, 'localhost']) {
      const error = new ProxySchemeUnknown(scheme);
      expect(error).toBeInstanceOf(URLSchemeUnknown);
      expect(error.message).toBe('Proxy URL had no scheme, should start with http:// or https://');
    }
    expect(new ProxySchemeUnknown('ftp').message).toBe(
      'Proxy URL had unsupported scheme ftp, should use http:// or https://',
    );
    expect(new URLSchemeUnknown('ftp').message).toBe('Not supported URL scheme ftp');
  });
});
