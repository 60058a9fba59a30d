import type { Socket } from 'node:net';
import { connectTcp } from '@urlpool/connection';
import { type ConnectRequest, DecodeError } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';

// Issue 9 item 14: maxDecodedSize did not bound an identity body: 300 MB chunked with a 10 MB
// cap was read (and buffered) whole, adding 600 MB of RSS. The cap is on what a response
// yields, encoded or not.

const MB = 1024 * 1024;
const CAP = 10 * MB;

let server: TestServer;
let pool: HTTPConnectionPool;
const sockets: Socket[] = [];

/** The TCP connector, keeping each socket so the test can see how much was read. */
async function countingConnector(request: ConnectRequest) {
  const connected = await connectTcp(request);
  sockets.push(connected.socket as Socket);
  return connected;
}

beforeAll(async () => {
  server = await startTestServer({ recordRequests: false });
  pool = new HTTPConnectionPool('127.0.0.1', {
    port: server.port,
    retries: false,
    connector: countingConnector,
  });
});
afterEach(() => {
  sockets.length = 0;
});
afterAll(async () => {
  pool.close();
  await server.close();
});

describe('maxDecodedSize bounds identity bodies too', () => {
  it('300 MB chunked with a 10 MB cap stops at the cap with DecodeError, read no further', async () => {
    const rssBefore = process.memoryUsage().rss;
    const error = await rejection(
      pool.request('GET', '/large?size=300m&chunked=1', { maxDecodedSize: CAP }),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toContain(`maxDecodedSize (${CAP} bytes)`);
    expect(sockets).toHaveLength(1);
    // What the socket read before it closed: the cap plus the reader's buffered look-ahead.
    expect(sockets[0]!.bytesRead).toBeLessThan(CAP + 2 * MB);
    expect(sockets[0]!.destroyed).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(120 * MB);
    expect(pool.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
  });

  it('a streamed Content-Length body yields at most the cap, then DecodeError', async () => {
    const r = await pool.request('GET', '/large?size=300m', {
      preloadContent: false,
      maxDecodedSize: CAP,
    });
    let yielded = 0;
    const error = await rejection(
      (async () => {
        for await (const chunk of r.stream()) yielded += chunk.length;
      })(),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect(yielded).toBeLessThanOrEqual(CAP);
    expect(yielded).toBeGreaterThan(CAP - 256 * 1024);
    expect(sockets[0]!.bytesRead).toBeLessThan(CAP + 2 * MB);
    expect(pool.stats.open).toBe(0);
  });

  it('a body within the cap is unaffected and the connection is reused', async () => {
    const r = await pool.request('GET', '/large?size=1m&chunked=1', { maxDecodedSize: MB });
    expect(r.data.length).toBe(MB);
    expect(pool.stats).toEqual({ open: 1, idle: 1, active: 0, queued: 0 });
  });
});
