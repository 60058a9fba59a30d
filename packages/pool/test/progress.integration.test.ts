import { createHash } from 'node:crypto';
import { type Progress, Retry } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

let server: TestServer;
let pool: HTTPConnectionPool;

beforeAll(async () => {
  server = await startTestServer();
  pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, maxsize: 2 });
});

afterAll(async () => {
  pool.close();
  await server.close();
});

/** The echoed request headers, names lower-cased (the server keeps the client's casing). */
function echoedHeaders(echo: { headers: Record<string, string> }): Record<string, string> {
  return Object.fromEntries(Object.entries(echo.headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** A listener that records every call, and checks `loaded` only grows. */
function recorder(): { calls: Progress[]; listener: (progress: Progress) => void } {
  const calls: Progress[] = [];
  return {
    calls,
    listener: (progress) => {
      const last = calls.at(-1);
      if (last !== undefined) expect(progress.loaded).toBeGreaterThan(last.loaded);
      calls.push({ ...progress });
    },
  };
}

describe('onUploadProgress', () => {
  it('reports a 1 MiB Buffer as the socket takes it, ending at the body length', async () => {
    const body = Buffer.alloc(1 << 20, 0x61);
    const { calls, listener } = recorder();
    const r = await pool.request('PUT', '/drain', { body, onUploadProgress: listener });
    expect(r.json()).toEqual({
      bytes: body.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    });
    expect(calls.length).toBeGreaterThanOrEqual(16); // 64 KiB slices
    expect(calls.every((call) => call.total === body.length)).toBe(true);
    expect(calls.at(-1)).toEqual({ loaded: body.length, total: body.length });
  });

  it('keeps Content-Length framing and the bytes of a string body', async () => {
    const body = 'é'.repeat(100_000); // 200,000 UTF-8 bytes
    const { calls, listener } = recorder();
    const r = await pool.request('POST', '/anything', { body, onUploadProgress: listener });
    const echo = r.json<{ headers: Record<string, string>; data: string }>();
    expect(echoedHeaders(echo)['content-length']).toBe('200000');
    expect(echoedHeaders(echo)['transfer-encoding']).toBeUndefined();
    expect(echo.data).toBe(body);
    expect(calls.at(-1)).toEqual({ loaded: 200_000, total: 200_000 });
  });

  it('reports a stream of unknown length with total null', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 5; i++) yield Buffer.alloc(10_000, 0x30 + i);
    }
    const { calls, listener } = recorder();
    const r = await pool.request('POST', '/anything', {
      body: chunks(),
      onUploadProgress: listener,
    });
    const echo = r.json<{ headers: Record<string, string>; bodyLength: number }>();
    expect(echoedHeaders(echo)['transfer-encoding']).toBe('chunked');
    expect(echo.bodyLength).toBe(50_000);
    expect(calls.map((call) => call.loaded)).toEqual([10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(calls.every((call) => call.total === null)).toBe(true);
  });

  it('starts again at 0 when a retry sends the body again', async () => {
    const body = Buffer.alloc(200_000, 0x62);
    const loaded: number[] = [];
    const r = await pool.request('PUT', `/retry?key=progress-upload&failures=1&status=503`, {
      body,
      retries: new Retry({ total: 2, statusForcelist: [503], backoffFactor: 0 }),
      onUploadProgress: (progress) => loaded.push(progress.loaded),
    });
    expect(r.status).toBe(200);
    const restarts = loaded.filter((value, i) => i > 0 && value < loaded[i - 1]!);
    expect(restarts).toHaveLength(1);
    expect(loaded.filter((value) => value === body.length)).toHaveLength(2);
  });

  it('fails the request with the error a listener throws', async () => {
    const boom = new Error('listener says no');
    const error = await rejection(
      pool.request('PUT', '/drain', {
        body: Buffer.alloc(300_000),
        retries: false,
        onUploadProgress: () => {
          throw boom;
        },
      }),
    );
    expect(error).toBe(boom);
  });
});

describe('onDownloadProgress', () => {
  it('reports a preloaded 1 MiB body against its Content-Length', async () => {
    const { calls, listener } = recorder();
    const r = await pool.request('GET', '/bytes/1048576?seed=3', { onDownloadProgress: listener });
    expect(r.data.length).toBe(1 << 20);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((call) => call.total === 1 << 20)).toBe(true);
    expect(calls.at(-1)).toEqual({ loaded: 1 << 20, total: 1 << 20 });
  });

  it('reports a chunked body with total null', async () => {
    const { calls, listener } = recorder();
    const r = await pool.request('GET', '/stream-bytes/200000?chunk_size=10000', {
      onDownloadProgress: listener,
    });
    expect(r.data.length).toBe(200_000);
    expect(calls.at(-1)).toEqual({ loaded: 200_000, total: null });
  });

  it('counts bytes as sent for an encoded body, not decoded ones', async () => {
    const { calls, listener } = recorder();
    const r = await pool.request('GET', '/encoding/gzip?size=500000', {
      onDownloadProgress: listener,
    });
    const wire = Number(r.headers.get('content-length'));
    expect(r.data.length).toBe(500_000);
    expect(wire).toBeLessThan(500_000);
    expect(calls.at(-1)).toEqual({ loaded: wire, total: wire });
  });

  it('reports while a streamed body is read', async () => {
    const seen: number[] = [];
    const r = await pool.request('GET', '/large?size=2m&chunk=64k', {
      preloadContent: false,
      onDownloadProgress: ({ loaded }) => seen.push(loaded),
    });
    let read = 0;
    for await (const chunk of r.stream(65_536)) {
      read += chunk.length;
      // What was handed out was received first.
      expect(seen.at(-1)).toBeGreaterThanOrEqual(read);
    }
    r.releaseConn();
    expect(read).toBe(2 << 20);
    expect(seen.at(-1)).toBe(2 << 20);
  });
});
