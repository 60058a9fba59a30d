import { LocationParseError, LocationValueError, URLSchemeUnknown } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';
import { RequestTargets } from '../src/request-targets.ts';

describe('RequestTargets (parsed request URLs, remembered)', () => {
  it('parses an absolute URL into scheme, origin host, port and normalised target', () => {
    const targets = new RequestTargets(4);
    expect(targets.get('HTTP://[::1]/a/../b c?x=1#f')).toEqual({
      scheme: 'http',
      host: '::1',
      port: 80,
      path: '/b%20c?x=1',
    });
    expect(targets.get('https://Example.COM:8443')).toEqual({
      scheme: 'https',
      host: 'example.com',
      port: 8443,
      path: '/',
    });
  });

  it('gives the same frozen target for a URL seen before, and starts over when full', () => {
    const targets = new RequestTargets(2);
    const a = targets.get('http://127.0.0.1:1/a');
    expect(Object.isFrozen(a)).toBe(true);
    expect(targets.get(`http://127.0.0.1:1/${'a'}`)).toBe(a);
    targets.get('http://127.0.0.1:1/b');
    // Full (2): the third URL clears it, so /a is parsed again (an equal, new object).
    targets.get('http://127.0.0.1:1/c');
    const again = targets.get('http://127.0.0.1:1/a');
    expect(again).not.toBe(a);
    expect(again).toEqual(a);
  });

  it('a URL without a host or that does not parse throws every time and is never kept', () => {
    const targets = new RequestTargets(8);
    for (let i = 0; i < 2; i++) {
      expect(() => targets.get('/no-host')).toThrow(LocationValueError);
      expect(() => targets.get('http://127.0.0.1:99999/')).toThrow(LocationParseError);
    }
  });

  it('PoolManager: an unknown scheme is refused on every request, cached or not', async () => {
    const http = new PoolManager();
    for (let i = 0; i < 2; i++) {
      await expect(http.request('GET', 'ftp://127.0.0.1/x')).rejects.toBeInstanceOf(
        URLSchemeUnknown,
      );
    }
  });
});

describe('PoolManager.connectionFromHost: the last origin', () => {
  it('returns the last pool again only while it is open and kept', () => {
    const http = new PoolManager({ numPools: 1 });
    const a = http.connectionFromHost('127.0.0.1', 1111);
    expect(http.connectionFromHost('127.0.0.1', 1111)).toBe(a);
    // Another origin evicts (and closes) it: the next call for the first origin makes a new pool.
    const b = http.connectionFromHost('127.0.0.1', 2222);
    expect(a.isClosed).toBe(true);
    const a2 = http.connectionFromHost('127.0.0.1', 1111);
    expect(a2).not.toBe(a);
    expect(a2.isClosed).toBe(false);
    expect(b.isClosed).toBe(true);
    http.clear();
    const a3 = http.connectionFromHost('127.0.0.1', 1111);
    expect(a3).not.toBe(a2);
    expect(http.pools.size).toBe(1);
    http.clear();
  });

  it('tells apart scheme, port and per-call pool options of the same host', () => {
    const http = new PoolManager({ numPools: 10 });
    const plain = http.connectionFromHost('localhost', 8080, 'http');
    expect(http.connectionFromHost('localhost', 8080, 'https')).not.toBe(plain);
    expect(http.connectionFromHost('localhost', 8081, 'http')).not.toBe(plain);
    expect(http.connectionFromHost('localhost', 8080, 'http', { maxsize: 7 })).not.toBe(plain);
    expect(http.connectionFromHost('localhost', 8080, 'http')).toBe(plain);
    // Touched last, so it is the most recently used.
    expect([...http.pools.values()].at(-1)).toBe(plain);
    http.clear();
  });

  it('a pool removed from `pools` by hand is not handed out again', () => {
    const http = new PoolManager();
    const a = http.connectionFromHost('127.0.0.1', 3333);
    http.pools.clear();
    const b = http.connectionFromHost('127.0.0.1', 3333);
    expect(b).not.toBe(a);
    expect(http.pools.size).toBe(1);
    a.close();
    http.clear();
  });
});
