import { LocationParseError } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

// Issue 9 item 7: at manager level `Location: http://` threw a TypeError before the 3xx was
// drained, so with `maxsize: 1, block: true` every later request failed with EmptyPoolError.

let server: TestServer;
const managers: PoolManager[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const m of managers.splice(0)) m.clear();
  await server.waitForOpenConnections(0, 2000);
  server.resetStats();
});
afterAll(async () => {
  await server.close();
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the request to fail');
}

describe('PoolManager: a redirect whose Location does not parse', () => {
  it.each(['http://', 'http://[::1', 'https://a b/'])(
    'Location %j is a LocationParseError with the slot freed (maxsize 1, block)',
    async (location) => {
      const http = new PoolManager({ maxsize: 1, block: true });
      managers.push(http);
      const url = `${server.url}/redirect-to?url=${encodeURIComponent(location)}&status_code=302`;
      for (const preloadContent of [true, false]) {
        const error = await rejection(
          http.request('GET', url, { preloadContent, poolTimeout: 1000 }),
        );
        expect(error).toBeInstanceOf(LocationParseError);
        expect((error as LocationParseError).location).toBe(location);
      }
      for (let i = 0; i < 3; i++) {
        const r = await http.request('GET', `${server.url}/get`, { poolTimeout: 1000 });
        expect(r.status).toBe(200);
      }
      expect(server.totalConnections).toBe(1);
    },
  );
});
