import { type AddressInfo, createServer, type Socket } from 'node:net';
import { EMPTY_BODY, type PreparedBody, prepareBody, ReadTimeoutError } from '@urlpool/core';
import { type RawConnection, type RawServer, startRawServer } from '@urlpool/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import type { HTTPConnection } from '../src/index.ts';
import { openConnection, structuredRequest } from './connection-fixture.ts';

const servers: RawServer[] = [];
const connections: HTTPConnection[] = [];

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(handler: (conn: RawConnection) => Promise<void>): Promise<HTTPConnection> {
  const raw = await startRawServer(async (conn) => {
    try {
      await handler(conn);
    } catch {
      // the client closed the connection
    }
  });
  servers.push(raw);
  const connection = await openConnection(raw.port);
  connections.push(connection);
  return connection;
}

function send(
  connection: HTTPConnection,
  readTimeout: number | undefined,
  method = 'GET',
  body: PreparedBody = EMPTY_BODY,
): ReturnType<HTTPConnection['send']> {
  return connection.send(structuredRequest({ method, body, readTimeout }));
}

async function timed<T>(promise: Promise<T>): Promise<[T | Error, number]> {
  const started = performance.now();
  try {
    return [await promise, performance.now() - started];
  } catch (error) {
    return [error as Error, performance.now() - started];
  }
}

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close();
  await Promise.all(servers.splice(0).map((raw) => raw.close()));
});

describe('HTTPConnection read timer', () => {
  it('fires a 100 ms timeout at about 100 ms while waiting for the head', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      await conn.closed;
    });
    const [error, elapsed] = await timed(send(connection, 100));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect((error as Error).message).toContain('Read timed out. (read timeout=100ms)');
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2000);
    expect(connection.isConnected).toBe(false);
  });

  it('restarts on every socket read: a head trickling in faster than the timeout arrives', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n';
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      for (const part of head.match(/.{1,6}/gs)!) {
        await conn.write(part);
        await sleep(40);
      }
      await conn.closed;
    });
    // About 7 parts * 40 ms: longer than the timeout in total, never per wait.
    const response = await send(connection, 150);
    expect(response.status).toBe(200);
  });

  it('bounds each wait for body bytes', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      await conn.closed;
    });
    const response = await send(connection, 150);
    expect((await response.body.next())!.toString()).toBe('abc');
    const [error, elapsed] = await timed(response.body.next());
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(145);
  });

  it('does not run while the consumer is not reading', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nabc');
      await sleep(50);
      await conn.write('def');
      await conn.closed;
    });
    const response = await send(connection, 100);
    await sleep(300);
    const first = await response.body.next();
    const second = await response.body.next();
    expect(Buffer.concat([first!, second ?? Buffer.alloc(0)]).toString()).toBe('abcdef');
  });

  it('a slow request body source is not a read timeout', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest(5000);
      await conn.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      await conn.closed;
    });
    async function* slow(): AsyncGenerator<Uint8Array> {
      for (let i = 0; i < 4; i++) {
        await sleep(80);
        yield Buffer.from(`part${i};`);
      }
    }
    // 4 * 80 ms of waiting for the caller's own source, with a 120 ms read timeout.
    const response = await send(connection, 120, 'POST', prepareBody(slow()));
    expect(response.status).toBe(200);
  });

  it('a server that stops reading a streamed upload gives ReadTimeoutError', async () => {
    // A bare net server that never reads: the socket buffers fill up and 'drain' never comes.
    const accepted: Socket[] = [];
    const deaf = createServer((socket) => {
      accepted.push(socket);
      socket.pause();
    });
    await new Promise<void>((resolve) => deaf.listen(0, '127.0.0.1', resolve));
    const connection = await openConnection((deaf.address() as AddressInfo).port);
    try {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      async function* endless(): AsyncGenerator<Uint8Array> {
        for (let i = 0; i < 100_000; i++) yield chunk;
      }
      const [error, elapsed] = await timed(send(connection, 300, 'POST', prepareBody(endless())));
      expect(error).toBeInstanceOf(ReadTimeoutError);
      expect(elapsed).toBeGreaterThanOrEqual(295);
      expect(elapsed).toBeLessThan(10_000);
    } finally {
      connection.close();
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => deaf.close(() => resolve()));
    }
  });

  it('a large bytes body the server reads slowly is not a read timeout', async () => {
    const size = 16 * 1024 * 1024;
    let received = 0;
    // A bare net server: it takes nothing for 600 ms (the socket buffers fill up), then reads
    // everything and answers.
    const accepted: Socket[] = [];
    const slowReader = createServer((socket) => {
      accepted.push(socket);
      socket.pause();
      socket.on('data', (data: Buffer) => {
        received += data.length;
        if (received > size) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      });
      setTimeout(() => socket.resume(), 600);
    });
    await new Promise<void>((resolve) => slowReader.listen(0, '127.0.0.1', resolve));
    const connection = await openConnection((slowReader.address() as AddressInfo).port);
    try {
      const body = prepareBody(Buffer.alloc(size, 0x62));
      const [response, elapsed] = await timed(send(connection, 200, 'POST', body));
      expect(response).not.toBeInstanceOf(Error);
      expect((response as { status: number }).status).toBe(200);
      expect(received).toBeGreaterThan(size);
      expect(elapsed).toBeGreaterThanOrEqual(550);
    } finally {
      connection.close();
      for (const socket of accepted) socket.destroy();
      await new Promise<void>((resolve) => slowReader.close(() => resolve()));
    }
  });

  it('a timeout of a second or more (coarse shared timer) never fires early', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      await conn.closed;
    });
    const [error, elapsed] = await timed(send(connection, 1000));
    expect(error).toBeInstanceOf(ReadTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(995);
    expect(elapsed).toBeLessThan(5000);
  });

  it('no timeout at all when readTimeout is undefined', async () => {
    const connection = await serve(async (conn) => {
      await conn.readRequest();
      await sleep(300);
      await conn.write('HTTP/1.1 204 No Content\r\n\r\n');
      await conn.closed;
    });
    const response = await send(connection, undefined);
    expect(response.status).toBe(204);
  });
});
