import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

// Issue 9 item 9: 50 streamed GETs through a PoolManager left 50 sockets open, even after
// clear(), and a blocking manager starved on the second request.

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
});
afterAll(async () => {
  await server.close();
});

describe('PoolManager: streamed responses read to their end', () => {
  it('50 streamed GETs reuse one socket and clear() closes it', async () => {
    const http = new PoolManager({ maxsize: 1, block: true });
    for (let i = 0; i < 50; i++) {
      const r = await http.request('GET', `${server.url}/stream-bytes/4000?chunk_size=1000`, {
        preloadContent: false,
        poolTimeout: 1000,
      });
      let total = 0;
      for await (const chunk of r.stream()) total += chunk.length;
      expect(total).toBe(4000);
    }
    expect(server.totalConnections).toBe(1);
    expect(server.openConnections).toBe(1);
    http.clear();
    await server.waitForOpenConnections(0, 2000);
    expect(server.openConnections).toBe(0);
  });
});
