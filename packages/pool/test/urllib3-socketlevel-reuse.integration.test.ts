// More of urllib3's test/with_dummyserver/test_socketlevel.py themes, on raw servers through
// HTTPConnectionPool: keep-alive reuse after a full read, bodies read to close, chunked
// responses with extensions and trailers, a stale pooled connection, an early answer to an
// upload, and how Host and Content-Length are rendered.
import { Readable } from 'node:stream';
import { serveBytes } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { headOf, poolFor, rawServer } from './helpers/socketlevel-fixture.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';

describe('urllib3 test_socketlevel: connection reuse', () => {
  it('a response read in full gives its connection back for the next request', async () => {
    const raw = await rawServer(serveBytes(OK));
    const pool = poolFor(raw);
    for (let i = 0; i < 3; i++) {
      expect((await pool.request('GET', '/')).data.toString()).toBe('ok');
    }
    expect(raw.totalConnections).toBe(1);
    expect(raw.requestsSeen).toBe(3);
  });

  it('a body without Content-Length is read to the close and the connection is not reused', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close ${conn.id}`);
    });
    const pool = poolFor(raw);
    expect((await pool.request('GET', '/')).data.toString()).toBe('until close 1');
    expect((await pool.request('GET', '/')).data.toString()).toBe('until close 2');
    expect(raw.totalConnections).toBe(2);
  });

  it('chunk extensions and trailers are skipped; the connection stays reusable', async () => {
    const raw = await rawServer(
      serveBytes(
        'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
          '5;name=value\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n',
      ),
    );
    const pool = poolFor(raw);
    const first = await pool.request('GET', '/');
    expect(first.data.toString()).toBe('hello, world');
    expect(first.headers.has('x-trailer')).toBe(false);
    expect((await pool.request('GET', '/')).data.toString()).toBe('hello, world');
    expect(raw.totalConnections).toBe(1);
  });

  it('a pooled connection that the server drops as the next request arrives is replaced (GET)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      if (conn.id === 1) {
        await conn.write(OK);
        // The keep-alive timeout of the server fires just as the second request comes in.
        await conn.readRequest().catch(() => {});
        conn.destroy();
        return;
      }
      await conn.write(OK);
    });
    const pool = poolFor(raw);
    expect((await pool.request('GET', '/')).data.toString()).toBe('ok');
    expect((await pool.request('GET', '/')).data.toString()).toBe('ok');
    expect(raw.totalConnections).toBe(2);
  });

  it('an answer sent before the upload was read is returned (early response during an upload)', async () => {
    const raw = await rawServer(async (conn) => {
      await new Promise((resolve) => conn.socket.once('data', resolve));
      await conn.write(
        'HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbig',
      );
      // Keep reading (and discarding) so the upload can finish, then close.
      conn.socket.resume();
      setTimeout(() => conn.socket.end(), 100);
    });
    const r = await poolFor(raw, { retries: false }).request('PUT', '/', {
      body: Readable.from(
        (function* () {
          for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024, 'u');
        })(),
      ),
    });
    expect(r.status).toBe(413);
    expect(r.data.toString()).toBe('big');
  });
});

describe('urllib3 test_socketlevel: Host and Content-Length rendering', () => {
  /** A keep-alive server answering 200 to each request; its requests are recorded. */
  async function recorder(host?: string) {
    return rawServer(serveBytes(OK), host);
  }

  it('Host carries the port when it is not the scheme default', async () => {
    const raw = await recorder();
    await poolFor(raw).request('GET', '/');
    expect(headOf(raw.requests[0]!)).toContain(`\r\nHost: 127.0.0.1:${raw.port}\r\n`);
  });

  it('an IPv6 Host is bracketed', async () => {
    const raw = await recorder('::1').catch(() => null);
    if (raw === null) return; // no IPv6 loopback here
    await poolFor(raw).request('GET', '/');
    expect(headOf(raw.requests[0]!)).toContain(`\r\nHost: [::1]:${raw.port}\r\n`);
  });

  it('a caller’s Host replaces the default, sent once', async () => {
    const raw = await recorder();
    await poolFor(raw).request('GET', '/', { headers: { host: 'example.test' } });
    const head = headOf(raw.requests[0]!);
    expect(head.match(/^host:/gim)).toHaveLength(1);
    expect(head).toContain('\r\nhost: example.test\r\n');
  });

  it.each([
    ['GET', 'x', 'Content-Length: 1'],
    ['POST', '', 'Content-Length: 0'],
    ['PUT', 'päyload', `Content-Length: ${Buffer.byteLength('päyload')}`],
  ])('%s with body %j sends %s', async (method, body, line) => {
    const raw = await recorder();
    await poolFor(raw).request(method, '/', { body });
    const head = headOf(raw.requests[0]!);
    expect(head).toContain(`\r\n${line}\r\n`);
    expect(head.toLowerCase()).not.toContain('transfer-encoding');
  });

  it('GET and HEAD without a body send no Content-Length', async () => {
    const raw = await recorder();
    const pool = poolFor(raw);
    await pool.request('GET', '/');
    await pool.request('HEAD', '/');
    for (const request of raw.requests) {
      expect(headOf(request).toLowerCase()).not.toContain('content-length');
    }
  });
});
