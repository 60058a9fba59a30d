import { startTestServer, type TestServer } from '@urlpool/test-server';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases } from './behaviour/cases.ts';
import { bundle } from './runtimes/bundle.ts';
import type { CaseResult } from './runtimes/run-case.ts';

// The behaviour cases inside Cloudflare's workerd (the binary miniflare ships), in a worker
// bundled from the package sources without node: modules or nodejs_compat, against the
// loopback test server.
let server: TestServer;
let mf: Miniflare;

beforeAll(async () => {
  server = await startTestServer();
  const worker = await bundle(
    { file: new URL('./runtimes/worker-entry.ts', import.meta.url).pathname },
    'workerd',
  );
  mf = new Miniflare({
    modules: true,
    script: worker.code,
    compatibilityDate: '2025-09-01',
    // No nodejs_compat: the worker must not need Node's APIs.
    compatibilityFlags: [],
  });
  await mf.ready;
}, 60_000);

afterAll(async () => {
  await mf?.dispose();
  await server?.close();
});

describe('FetchManager in workerd', () => {
  for (const name of Object.keys(cases)) {
    it(name, async () => {
      const url = `http://worker.test/run?case=${encodeURIComponent(name)}&base=${encodeURIComponent(server.url)}`;
      const res = await mf.dispatchFetch(url);
      const result = (await res.json()) as CaseResult;
      if (!result.ok) throw new Error(`${result.name}: ${result.message}\n${result.stack}`);
      expect(result.ok).toBe(true);
    });
  }
});
