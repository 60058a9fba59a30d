import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cases } from './behaviour/cases.ts';

// The behaviour cases on Node's own global fetch (undici), against the loopback test server.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('FetchManager on Node global fetch', () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => run({ base: server.url }));
  }
});
