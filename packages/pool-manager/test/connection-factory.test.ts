import { Retry } from '@urlpool/core';
import { createMemoryTransport } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

describe('connectionFactory: an in-memory connection under a PoolManager', () => {
  it('routes by origin, follows cross-host redirects and retries, with no socket', async () => {
    let failures = 0;
    const transport = createMemoryTransport((request) => {
      if (request.origin === 'a.invalid:80' && request.path === '/start') {
        return { status: 301, headers: { Location: 'http://b.invalid:81/next' } };
      }
      if (request.path === '/next' && failures++ === 0) return { status: 503 };
      return { status: 200, body: `${request.origin}${request.path}` };
    });
    await using http = new PoolManager({
      ...transport.options,
      retries: new Retry({ total: 3, statusForcelist: [503], backoffFactor: 0 }),
    });
    const response = await http.request('GET', 'http://a.invalid/start');
    expect(response.status).toBe(200);
    expect(response.data.toString()).toBe('b.invalid:81/next');
    expect(transport.requests.map((r) => `${r.origin}${r.path}`)).toEqual([
      'a.invalid:80/start',
      'b.invalid:81/next',
      'b.invalid:81/next',
    ]);
    expect(response.retries?.history.map((h) => h.status)).toEqual([301, 503]);
    expect(http.pools.size).toBe(2);
  });
});
