import { describe, expect, it } from 'vitest';
import {
  assignErrorPool,
  ConnectTimeoutError,
  HTTPError,
  isTimeoutError,
  LocationParseError,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  PoolError,
  ProxySchemeUnknown,
  ReadTimeoutError,
  RequestError,
  TimeoutError,
  URLSchemeUnknown,
} from '../src/index.ts';

describe('error tree', () => {
  it('follows urllib3 inheritance', () => {
    const readTimeout = new ReadTimeoutError(null, '/x', 'Read timed out. (read timeout=100)');
    expect(readTimeout).toBeInstanceOf(RequestError);
    expect(readTimeout).toBeInstanceOf(PoolError);
    expect(readTimeout).not.toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(readTimeout)).toBe(true);
    const resolution = new NameResolutionError('nx.invalid', null, new Error('ENOTFOUND'));
    expect(resolution).toBeInstanceOf(NewConnectionError);
    expect(resolution).toBeInstanceOf(ConnectTimeoutError);
    expect(resolution).toBeInstanceOf(HTTPError);
    expect(resolution.cause).toBeInstanceOf(Error);
    expect(new ProxySchemeUnknown('ftp')).toBeInstanceOf(URLSchemeUnknown);
    expect(new ProxySchemeUnknown('ftp')).toBeInstanceOf(LocationParseError);
    expect(new RequestError(null, '/', 'x')).not.toBeInstanceOf(MaxRetryError);
  });

  it('has stable names and codes, and hides the pool from enumeration', () => {
    const pool = { secret: 'heavy' };
    const error = new MaxRetryError(pool, 'http://h/x', new Error('boom'));
    expect(error.name).toBe('MaxRetryError');
    expect(error.code).toBe('URLPOOL_ERR_MAX_RETRY');
    expect(error.pool).toBe(pool);
    expect(Object.keys(error)).not.toContain('pool');
    expect(error.message).toContain(
      'Max retries exceeded with url: http://h/x (Caused by Error: boom)',
    );
    expect(error.cause).toBe(error.reason);
  });

  it('recognises an instance branded by another copy of the class', () => {
    // Simulate a second installed copy: an object whose prototype carries the same brand.
    const foreign = Object.create(null) as Record<symbol, unknown>;
    foreign[Symbol.for('urlpool.error.TimeoutError')] = true;
    expect(foreign instanceof TimeoutError).toBe(true);
    expect(foreign instanceof ConnectTimeoutError).toBe(false);
  });
});

describe('assignErrorPool', () => {
  const pool = { toString: () => "HTTPConnectionPool(host='h', port=80)" };

  it('names a pool learnt later in pool, message and stack, once', () => {
    const error = new ReadTimeoutError(null, '/x', 'Read timed out.');
    assignErrorPool(error, pool);
    assignErrorPool(error, { toString: () => 'other' });
    expect(error.pool).toBe(pool);
    expect(error.message).toBe("HTTPConnectionPool(host='h', port=80): Read timed out.");
    expect(String(error.stack).split('\n')[0]).toBe(`ReadTimeoutError: ${error.message}`);
    expect(Object.keys(error)).not.toContain('pool');
  });

  it('leaves the message of a pool that does not name itself alone', () => {
    const error = new ReadTimeoutError(null, '/x', 'Read timed out.');
    assignErrorPool(error, {});
    expect(error.message).toBe('Read timed out.');
  });
});
