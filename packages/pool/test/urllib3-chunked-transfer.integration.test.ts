// Ported from urllib3's test/with_dummyserver/test_chunked_transfer.py (behaviour only), the
// "chunked uploads" part of the with_dummyserver suite: the bytes a pool writes for
// `chunked: true` bodies, read back by a raw loopback server.
import { Retry } from '@urlpool/core';
import { type RawServer, startRawServer } from '@urlpool/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { HTTPConnectionPool } from '../src/index.ts';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A raw server answering every request with an empty 200 (or `answers[i]`) and closing. */
async function rawServer(answers: string[] = []): Promise<RawServer> {
  let index = 0;
  const server = await startRawServer(async (conn) => {
    try {
      await conn.readRequest(5000);
    } catch {
      return;
    }
    const answer =
      answers[index++] ??
      'HTTP/1.1 200 OK\r\nContent-type: text/plain\r\nContent-Length: 0\r\n\r\n';
    await conn.end(answer);
  });
  cleanups.push(() => server[Symbol.asyncDispose]());
  return server;
}

function poolFor(server: RawServer, options = {}): HTTPConnectionPool {
  const pool = new HTTPConnectionPool('127.0.0.1', {
    port: server.port,
    retries: false,
    ...options,
  });
  cleanups.push(() => pool.close());
  return pool;
}

function split(request: Buffer): { head: string[]; body: string } {
  const text = request.toString('latin1');
  const end = text.indexOf('\r\n\r\n');
  return { head: text.slice(0, end).split('\r\n'), body: text.slice(end + 4) };
}

describe('urllib3 test_chunked_transfer', () => {
  it('each non-empty chunk is one chunk on the wire; empty ones are skipped', async () => {
    const server = await rawServer();
    const chunks = ['foo', 'bar', '', 'bazzzzzzzzzzzzzzzzzzzzzz'];
    await poolFor(server).urlopen('GET', '/', {
      body: chunks.map((c) => Buffer.from(c)),
      headers: { DNT: '1' },
      chunked: true,
    });
    const { head, body } = split(server.requests[0]!);
    expect(head).toContain('Transfer-Encoding: chunked');
    const lines = body.split('\r\n');
    chunks
      .filter((c) => c !== '')
      .forEach((chunk, i) => {
        expect(lines[i * 2]).toBe(chunk.length.toString(16));
        expect(lines[i * 2 + 1]).toBe(chunk);
      });
    expect(body.endsWith('\r\n0\r\n\r\n')).toBe(true);
  });

  it.each([
    ['a byte string', Buffer.from('thisshouldbeonechunk\r\nasdf')],
    ['a string', 'thisshouldbeonechunk\r\näöüß'],
  ])('%s body is one chunk of its byte length', async (_n, data) => {
    const server = await rawServer();
    await poolFor(server).urlopen('GET', '/', { body: data, chunked: true });
    const request = server.requests[0]!;
    const { head } = split(request);
    expect(head).toContain('Transfer-Encoding: chunked');
    const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
    const bodyStart = request.indexOf('\r\n\r\n') + 4;
    const body = request.subarray(bodyStart);
    const sizeLine = body.subarray(0, body.indexOf('\r\n')).toString('latin1');
    expect(Number.parseInt(sizeLine, 16)).toBe(bytes.length);
    expect(body.includes(Buffer.concat([Buffer.from('\r\n'), bytes, Buffer.from('\r\n')]))).toBe(
      true,
    );
    expect(body.subarray(-7).toString('latin1')).toBe('\r\n0\r\n\r\n');
  });

  it.each([
    ['no body', undefined],
    ['an empty string', ''],
    ['an empty iterable', []],
  ])('%s with chunked: true is just the last chunk', async (_n, data) => {
    const server = await rawServer();
    await poolFor(server).urlopen('GET', '/', {
      ...(data === undefined ? {} : { body: data }),
      chunked: true,
    });
    const { head, body } = split(server.requests[0]!);
    expect(head).toContain('Transfer-Encoding: chunked');
    expect(body).toBe('0\r\n\r\n');
  });

  it.each([
    ['a Host header given', { Host: 'test.org' }],
    ['the default Host header', undefined],
  ])('one Host header with %s', async (_n, headers) => {
    const server = await rawServer();
    await poolFor(server).urlopen('GET', '/', {
      body: ['foo', 'bar'].map((c) => Buffer.from(c)),
      chunked: true,
      ...(headers === undefined ? {} : { headers }),
    });
    const hosts = split(server.requests[0]!)
      .head.slice(1)
      .filter((line) => line.toLowerCase().startsWith('host:'));
    expect(hosts).toHaveLength(1);
    if (headers !== undefined) expect(hosts[0]).toBe('Host: test.org');
  });

  it('chunked framing is kept on a status retry', async () => {
    const server = await rawServer([
      'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n',
    ]);
    const r = await poolFor(server).urlopen('GET', '/', {
      chunked: true,
      preloadContent: false,
      retries: new Retry({ total: 1, raiseOnStatus: false, statusForcelist: [404] }),
    });
    expect(r.status).toBe(404);
    await r.drainConn();
    const chunked = server.requests.filter((q) =>
      split(q).head.includes('Transfer-Encoding: chunked'),
    );
    expect(chunked).toHaveLength(2);
  });

  it('chunked framing is kept on a redirect', async () => {
    const server = await rawServer([
      'HTTP/1.1 301 Moved Permanently\r\nLocation: /redirect\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n',
    ]);
    const r = await poolFor(server).urlopen('GET', '/', {
      chunked: true,
      preloadContent: false,
      retries: new Retry({ redirect: 1 }),
    });
    expect(r.status).toBe(200);
    await r.drainConn();
    expect(server.requests.map((q) => split(q).head[0])).toEqual([
      'GET / HTTP/1.1',
      'GET /redirect HTTP/1.1',
    ]);
    const chunked = server.requests.filter((q) =>
      split(q).head.includes('Transfer-Encoding: chunked'),
    );
    expect(chunked).toHaveLength(2);
  });
});
