import type { Progress } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PoolManager } from '../src/index.ts';

let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

it('reports a body sent again after a cross-host 307, and the final response body', async () => {
  const http = new PoolManager();
  try {
    const body = Buffer.alloc(200_000, 0x63);
    const uploads: Progress[] = [];
    const downloads: Progress[] = [];
    const to = encodeURIComponent(`${b.url}/drain`);
    const r = await http.request('POST', `${a.url}/redirect-to?url=${to}&status_code=307`, {
      body,
      onUploadProgress: (p) => uploads.push(p),
      onDownloadProgress: (p) => downloads.push(p),
    });
    expect(r.json<{ bytes: number }>().bytes).toBe(body.length);
    // Once to a, once to b, each from 0 to the body length.
    const finished = uploads.filter((p) => p.loaded === body.length);
    expect(finished).toEqual([
      { loaded: body.length, total: body.length },
      { loaded: body.length, total: body.length },
    ]);
    expect(uploads[0]!.loaded).toBeLessThan(body.length);
    // The last report is the final response's whole body.
    expect(downloads.at(-1)).toEqual({ loaded: r.data.length, total: r.data.length });
  } finally {
    http.clear();
  }
});
