import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { gzipSync } from 'node:zlib';
import { connectTcp } from '@urlpool/connection';
import type {
  ConnectionConnectedMessage,
  RequestEndMessage,
  RequestErrorMessage,
  RequestHeadersMessage,
} from '@urlpool/core';
import {
  type RawHandler,
  serveBytes,
  serveBytesThenClose,
  startRawServer,
  startTestServer,
  type TestServer,
} from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';
import { closedPort } from './helpers/pool-fixture.ts';

const NAMES = [
  'urlpool:request:create',
  'urlpool:request:headers',
  'urlpool:request:end',
  'urlpool:request:error',
  'urlpool:connection:connect',
  'urlpool:connection:connected',
  'urlpool:connection:error',
] as const;

let server: TestServer;
const events: { name: string; message: Record<string, unknown> }[] = [];
const listeners = NAMES.map((name) => {
  const listener = (message: unknown): void => {
    events.push({
      name: name.slice('urlpool:'.length),
      message: message as Record<string, unknown>,
    });
  };
  return [name, listener] as const;
});

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  for (const [name, listener] of listeners) unsubscribe(name, listener);
  events.length = 0;
});

function watch(): void {
  for (const [name, listener] of listeners) subscribe(name, listener);
}

describe('request lifecycle on diagnostics_channel', () => {
  it('create → connect → connected → headers → end, with per-phase timings', async () => {
    watch();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    const response = await pool.request('GET', '/get');
    expect(response.status).toBe(200);
    expect(events.map((e) => e.name)).toEqual([
      'request:create',
      'connection:connect',
      'connection:connected',
      'request:headers',
      'request:end',
    ]);
    const [create, connect, connected, headers, end] = events.map((e) => e.message);
    expect(create).toMatchObject({
      pool,
      request: { method: 'GET', path: '/get', port: server.port },
    });
    expect(connect).toMatchObject({ scheme: 'http', host: '127.0.0.1', port: server.port, pool });
    const c = connected as unknown as ConnectionConnectedMessage;
    expect(c.alpnProtocol).toBeNull();
    expect(c.timings.connect).toBeGreaterThanOrEqual(0);
    expect(c.timings.total).toBeGreaterThanOrEqual(c.timings.connect!);
    const h = headers as unknown as RequestHeadersMessage;
    expect(h.response).toBe(response);
    expect(h.timings.queued).toBeGreaterThanOrEqual(0);
    expect(h.timings.connect).toBeGreaterThanOrEqual(0);
    expect(h.timings.firstByte).toBeGreaterThanOrEqual(0);
    expect(h.timings.body).toBeUndefined();
    const e = end as unknown as RequestEndMessage;
    expect(e.complete).toBe(true);
    expect(e.timings.body).toBeGreaterThanOrEqual(0);
    expect(e.timings.total).toBeGreaterThanOrEqual(h.timings.total);

    // A reused connection: no connect events, no connect timings.
    events.length = 0;
    await pool.request('GET', '/get');
    expect(events.map((x) => x.name)).toEqual(['request:create', 'request:headers', 'request:end']);
    expect(
      (events[1]!.message as unknown as RequestHeadersMessage).timings.connect,
    ).toBeUndefined();
  });

  it('a body released early ends with complete: false', async () => {
    watch();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    const response = await pool.request('GET', '/bytes/200000', { preloadContent: false });
    response.releaseConn();
    const end = events.find((e) => e.name === 'request:end')!
      .message as unknown as RequestEndMessage;
    expect(end.complete).toBe(false);
  });

  it('a decoded body publishes one end, after decoding, and its connection is reused', async () => {
    watch();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    for (const preloadContent of [false, true]) {
      const r = await pool.request('GET', '/encoding/gzip,br?size=200000', { preloadContent });
      let n = r.data.length;
      if (!preloadContent) for await (const chunk of r.stream(4096)) n += chunk.length;
      expect(n).toBe(200000);
    }
    const ends = events.filter((e) => e.name === 'request:end');
    expect(ends).toHaveLength(2);
    for (const end of ends)
      expect((end.message as unknown as RequestEndMessage).complete).toBe(true);
    expect(events.filter((e) => e.name === 'request:error')).toEqual([]);
    expect(events.filter((e) => e.name === 'connection:connect')).toHaveLength(1);
  });

  it('publishes connection:error and request:error for a refused connection', async () => {
    watch();
    const port = await closedPort();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port, retries: false });
    const failure = await pool.request('GET', '/').catch((error: Error) => error);
    expect(events.map((e) => e.name)).toEqual([
      'request:create',
      'connection:connect',
      'connection:error',
      'request:error',
    ]);
    const error = events[3]!.message as unknown as RequestErrorMessage;
    expect(error.error.name).toBe('NewConnectionError');
    expect(failure).toBe(error.error);
    expect(error.timings.total).toBeGreaterThanOrEqual(0);
  });

  it('every retried attempt is its own create … error', async () => {
    watch();
    const port = await closedPort();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port, retries: 2 });
    await pool.request('GET', '/').catch(() => undefined);
    expect(events.filter((e) => e.name === 'request:create')).toHaveLength(3);
    expect(events.filter((e) => e.name === 'request:error')).toHaveLength(3);
  });

  describe('a body that fails after the head publishes request:error once, not end', () => {
    async function bodyFailure(
      handler: RawHandler,
      options: { timeout?: number; decode?: boolean } = {},
    ): Promise<{ failure: Error; status: number }> {
      const raw = await startRawServer(handler);
      try {
        await using pool = new HTTPConnectionPool('127.0.0.1', {
          port: raw.port,
          retries: false,
          ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
        });
        watch();
        const response = await pool.request('GET', '/', { preloadContent: false });
        const failure = await response.read().then(
          () => new Error('the body read succeeded'),
          (error: Error) => error,
        );
        return { failure, status: response.status };
      } finally {
        await raw.close();
      }
    }

    function expectOneBodyError(failure: Error, name: string): RequestErrorMessage {
      expect(failure.name).toBe(name);
      expect(events.map((e) => e.name)).toEqual([
        'request:create',
        'connection:connect',
        'connection:connected',
        'request:headers',
        'request:error',
      ]);
      const error = events[4]!.message as unknown as RequestErrorMessage;
      expect(error.error).toBe(failure);
      expect(error.response).toMatchObject({ status: 200 });
      expect(error.timings.firstByte).toBeGreaterThanOrEqual(0);
      expect(error.timings.body).toBeGreaterThanOrEqual(0);
      expect(error.timings.total).toBeGreaterThanOrEqual(error.timings.body!);
      return error;
    }

    it('IncompleteRead: the server closes before Content-Length bytes', async () => {
      const { failure } = await bodyFailure(
        serveBytesThenClose('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort'),
      );
      expectOneBodyError(failure, 'IncompleteRead');
    });

    it('ReadTimeoutError: the body stalls past the read timeout', async () => {
      const { failure } = await bodyFailure(
        serveBytes('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nstart'),
        { timeout: 150 },
      );
      const error = expectOneBodyError(failure, 'ReadTimeoutError');
      expect(error.timings.body).toBeGreaterThanOrEqual(100);
    });

    it('DecodeError: a corrupt gzip body', async () => {
      const corrupt = Buffer.concat([
        gzipSync(Buffer.alloc(64 * 1024, 'a')).subarray(0, 10),
        Buffer.alloc(4096, 0xff),
      ]);
      const { failure } = await bodyFailure(
        serveBytes(
          Buffer.concat([
            Buffer.from(
              `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${corrupt.length + 10}\r\n\r\n`,
            ),
            corrupt,
          ]),
        ),
        { timeout: 2000 },
      );
      expectOneBodyError(failure, 'DecodeError');
    });

    // Decoding failures that only show once the last raw byte arrived (the raw reader has
    // ended and given the connection back; the decoder fails afterwards, at its end of input).
    const gzip = gzipSync(Buffer.alloc(64 * 1024, 'a'));
    const badCrc = Buffer.from(gzip);
    badCrc[badCrc.length - 8]! ^= 0xff;
    const afterRawEnd: [string, Buffer][] = [
      ['a bad gzip CRC', badCrc],
      ['a gzip trailer cut short', gzip.subarray(0, gzip.length - 4)],
      ['a gzip trailer missing', gzip.subarray(0, gzip.length - 8)],
      ['deflate data cut short', gzip.subarray(0, gzip.length - 12)],
    ];
    function gzipResponse(body: Buffer): Buffer {
      return Buffer.concat([
        Buffer.from(
          `HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]);
    }

    it.each(afterRawEnd)(
      'DecodeError after the whole raw body arrived (%s), streamed',
      async (_, body) => {
        const { failure } = await bodyFailure(serveBytes(gzipResponse(body)), { timeout: 2000 });
        expectOneBodyError(failure, 'DecodeError');
      },
    );

    it.each(afterRawEnd)(
      'DecodeError after the whole raw body arrived (%s), preloaded',
      async (_, body) => {
        const raw = await startRawServer(serveBytes(gzipResponse(body)));
        try {
          await using pool = new HTTPConnectionPool('127.0.0.1', {
            port: raw.port,
            retries: false,
          });
          watch();
          const failure = await pool.request('GET', '/').then(
            () => new Error('the preloaded request succeeded'),
            (error: Error) => error,
          );
          expectOneBodyError(failure, 'DecodeError');
        } finally {
          await raw.close();
        }
      },
    );
  });

  it('measures nothing while nobody subscribes', async () => {
    const connected = await connectTcp({
      host: '127.0.0.1',
      port: server.port,
      timeout: 2000,
      signal: undefined,
      sourceAddress: undefined,
      socketOptions: { noDelay: true, keepAlive: false },
    });
    expect(connected.timings).toBeUndefined();
    connected.socket.destroy();
    await using pool = new HTTPConnectionPool('127.0.0.1', { port: server.port });
    await pool.request('GET', '/get');
    expect(events).toEqual([]);
  });
});
