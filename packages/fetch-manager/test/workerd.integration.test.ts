import { bundle, startWorkerd, type Workerd } from '@urlpool/runtime-harness';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from './behaviour/cases.ts';
import { refusedUrl } from './runtimes/refused-url.ts';
import type { CaseResult } from './runtimes/run-case.ts';

// The behaviour cases inside Cloudflare's workerd (the binary miniflare ships), in a worker
// bundled from the package sources with no node: modules and no nodejs_compat, against the
// loopback test server.
let server: TestServer;
let worker: Workerd;
let refused: string;

beforeAll(async () => {
  server = await startTestServer();
  refused = await refusedUrl();
  const script = await bundle(
    { file: new URL('./runtimes/worker-entry.ts', import.meta.url).pathname },
    'workerd',
  );
  worker = await startWorkerd(script.code);
}, 60_000);

afterAll(async () => {
  await worker?.close();
  await server?.close();
});

describe('FetchManager in workerd', () => {
  for (const name of Object.keys(cases)) {
    it(name, async () => {
      const query = new URLSearchParams({ case: name, base: server.url, refused }).toString();
      const res = await worker.fetch(`http://worker.test/run?${query}`);
      const result = (await res.json()) as CaseResult;
      if (!result.ok) throw new Error(`${result.name}: ${result.message}\n${result.stack}`);
      expect(result.ok).toBe(true);
    });
  }
});
