import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cases } from './behaviour/cases.ts';
import { refusedUrl } from './runtimes/refused-url.ts';

// The behaviour cases on Node's own global fetch (undici), against the loopback test server.
let server: TestServer;
let refused: string;
beforeAll(async () => {
  server = await startTestServer();
  refused = await refusedUrl();
});
afterAll(async () => {
  await server.close();
});

describe('FetchManager on Node global fetch', () => {
  for (const [name, run] of Object.entries(cases)) {
    it(name, () => run({ base: server.url, refused }));
  }
});
