import { gzipSync } from 'node:zlib';
import { DecodeError } from '@urlpool/core';
import {
  type RawServer,
  serveBytes,
  startRawServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

let server: TestServer;
let pool: HTTPConnectionPool;

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
  pool = new HTTPConnectionPool('127.0.0.1', { port: server.port, maxsize: 2, retries: false });
});
afterAll(async () => {
  pool.close();
  await server.close();
});

describe('content decoding through a pool', () => {
  it('decodes each coding and stacks, and returns raw bytes with decodeContent: false', async () => {
    for (const coding of [
      'gzip',
      'x-gzip',
      'deflate',
      'deflate-raw',
      'br',
      'gzip,br',
      'br,deflate,gzip',
    ]) {
      const r = await pool.request('GET', `/encoding/${coding}?size=30000`, {
        headers: { 'Accept-Encoding': 'gzip, deflate, br' },
      });
      expect(r.data.length, coding).toBe(Number(r.headers.get('x-decoded-length')));
      const raw = await pool.request('GET', `/encoding/${coding}?size=30000`, {
        decodeContent: false,
      });
      expect(raw.data.length, coding).toBeLessThan(30000);
    }
  });

  it('streams a decoded body in chunks of at most 64 KiB', async () => {
    const r = await pool.request('GET', '/encoding/gzip?size=1000000', { preloadContent: false });
    let total = 0;
    for await (const chunk of r.stream(65536)) {
      expect(chunk.length).toBeLessThanOrEqual(65536);
      total += chunk.length;
    }
    expect(total).toBe(1_000_000);
    r.releaseConn();
  });
});

describe('decompression bombs', () => {
  let raw: RawServer;
  const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

  beforeAll(async () => {
    raw = await startRawServer(
      serveBytes(
        Buffer.concat([
          Buffer.from(
            `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${bomb.length}\r\n\r\n`,
          ),
          bomb,
        ]),
      ),
    );
  });
  afterAll(async () => {
    await raw.close();
  });

  it('maxDecodedSize stops a gzip bomb with DecodeError and frees the connection', async () => {
    const bombPool = new HTTPConnectionPool('127.0.0.1', { port: raw.port, retries: false });
    try {
      const error = await bombPool
        .request('GET', '/', { maxDecodedSize: 1024 * 1024 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DecodeError);
      expect((error as Error).message).toContain('1048576');
      expect(bombPool.stats.open).toBe(0);
    } finally {
      bombPool.close();
    }
  });
});
