import { LocationParseError } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

// Issue 9 item 7: `Location: http://` threw an untyped TypeError from `new URL()`.

let server: TestServer;
const pools: HTTPConnectionPool[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const pool of pools.splice(0)) pool.close();
  await server.waitForOpenConnections(0, 2000);
  server.resetStats();
});
afterAll(async () => {
  await server.close();
});

function redirectTo(location: string, status = 302): string {
  return `/redirect-to?url=${encodeURIComponent(location)}&status_code=${status}`;
}

describe('a redirect whose Location does not parse', () => {
  it.each(['http://', 'http://[::1', 'http://127.0.0.1:99999/x'])(
    'Location %j is a LocationParseError and frees the only slot of a blocking pool',
    async (location) => {
      const pool = new HTTPConnectionPool('127.0.0.1', {
        port: server.port,
        maxsize: 1,
        block: true,
      });
      pools.push(pool);
      for (const preloadContent of [true, false]) {
        const error = await rejection(
          pool.request('GET', redirectTo(location), { preloadContent, poolTimeout: 1000 }),
        );
        expect(error).toBeInstanceOf(LocationParseError);
        expect((error as LocationParseError).location).toBe(location);
        expect(pool.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
      }
      const after = await pool.request('GET', '/get', { poolTimeout: 1000 });
      expect(after.status).toBe(200);
      // The 3xx bodies were drained, so the one connection was reused throughout.
      expect(server.totalConnections).toBe(1);
    },
  );

  it('is returned as is with redirect: false', async () => {
    const pool = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    pools.push(pool);
    const r = await pool.request('GET', redirectTo('http://'), { redirect: false });
    expect(r.status).toBe(302);
    expect(r.getRedirectLocation()).toBe('http://');
  });
});
