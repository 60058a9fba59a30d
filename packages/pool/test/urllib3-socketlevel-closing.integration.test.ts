// Ported from urllib3's test/with_dummyserver/test_socketlevel.py: TestCookies and
// TestSocketClosing (dropped and stale connections, timeouts at each stage, cleanup of the
// pool's slots after a failed read). Raw servers on 127.0.0.1, requests through
// HTTPConnectionPool. The TLS-only cases (test_https_connection_read_timeout, the ssl socket
// close tests) belong to the TLS ports.

import { MaxRetryError, ProtocolError, ReadTimeoutError, Retry, Timeout } from '@urlpool/core';
import { freePort } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import {
  event,
  LONG_TIMEOUT,
  plainResponse,
  poolFor,
  rawServer,
  SHORT_TIMEOUT,
} from './helpers/socketlevel-fixture.ts';

describe('urllib3 test_socketlevel: TestCookies', () => {
  it('two Set-Cookie lines join in get() and stay apart in getlist() (test_multi_setcookie)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.1 200 OK\r\nSet-Cookie: foo=1\r\nSet-Cookie: bar=1\r\n\r\n');
    });
    const r = await poolFor(raw).request('GET', '/', { retries: 0 });
    // urllib3 compares case-insensitively; toJSON keeps the first spelling.
    expect(r.headers.toJSON()).toEqual({ 'Set-Cookie': 'foo=1, bar=1' });
    expect(r.headers.get('set-cookie')).toBe('foo=1, bar=1');
    expect(r.headers.getlist('set-cookie')).toEqual(['foo=1', 'bar=1']);
  });
});

describe('urllib3 test_socketlevel: TestSocketClosing', () => {
  it('a pooled connection the server hung up on is replaced silently (test_recovery_when_server_closes_connection)', async () => {
    const closed = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end(plainResponse(`Response ${conn.id - 1}`));
      closed.set();
    });
    const pool = poolFor(raw);
    const first = await pool.request('GET', '/', { retries: 0 });
    expect(first.status).toBe(200);
    expect(first.data.toString()).toBe('Response 0');
    await closed.wait;
    const second = await pool.request('GET', '/', { retries: 0 });
    expect(second.status).toBe(200);
    expect(second.data.toString()).toBe('Response 1');
  });

  it('a refused connection is MaxRetryError and gives its slot back (test_connection_refused)', async () => {
    const port = await freePort();
    const pool = poolFor({ port }, { maxsize: 3, block: true });
    await expect(
      pool.request('GET', '/', { retries: 0, releaseConn: false }),
    ).rejects.toBeInstanceOf(MaxRetryError);
    expect(pool.stats).toMatchObject({ open: 0, active: 0, queued: 0 });
  });

  it('a server that never answers is ReadTimeoutError and the slot comes back (test_connection_read_timeout)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await timedOut.wait;
      conn.destroy();
    });
    const pool = poolFor(raw, { timeout: SHORT_TIMEOUT, retries: false, maxsize: 3, block: true });
    try {
      await expect(pool.request('GET', '/', { releaseConn: false })).rejects.toBeInstanceOf(
        ReadTimeoutError,
      );
    } finally {
      timedOut.set();
    }
    expect(pool.stats).toMatchObject({ active: 0, queued: 0 });
  });

  it('a read timeout on a POST is not retried (test_read_timeout_dont_retry_method_not_in_allowlist)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest().catch(() => {});
      await timedOut.wait;
      conn.destroy();
    });
    // urllib3 passes retries=True; the default Retry is the same here (api.md has no `true`).
    const pool = poolFor(raw, { timeout: SHORT_TIMEOUT });
    try {
      await expect(pool.request('POST', '/')).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      timedOut.set();
    }
    expect(raw.totalConnections).toBe(1);
  });

  it('a connection dropped without an answer is retried on a new one (test_timeout_errors_cause_retries)', async () => {
    const second = event();
    const raw = await rawServer(async (conn) => {
      if (conn.id === 1) {
        await second.wait;
        conn.destroy();
        return;
      }
      second.set();
      await conn.readRequest();
      await conn.end(plainResponse('Response 2'));
    });
    const pool = poolFor(raw, {
      timeout: new Timeout({ connect: LONG_TIMEOUT, read: SHORT_TIMEOUT }),
    });
    const response = await pool.request('GET', '/', { retries: 1 });
    expect(response.status).toBe(200);
    expect(response.data.toString()).toBe('Response 2');
  });

  it('a body that stalls after the head is ReadTimeoutError on read() (test_delayed_body_read_timeout)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n');
      await timedOut.wait;
      await conn.end('Hi');
    });
    const response = await poolFor(raw).urlopen('GET', '/', {
      retries: 0,
      preloadContent: false,
      timeout: new Timeout({ connect: 1000, read: SHORT_TIMEOUT }),
    });
    try {
      await expect(response.read()).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      timedOut.set();
    }
  });

  it('a stalled body while preloading is ReadTimeoutError from urlopen (test_delayed_body_read_timeout_with_preload)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n');
      await timedOut.wait;
      conn.destroy();
    });
    try {
      await expect(
        poolFor(raw).urlopen('GET', '/', {
          retries: false,
          timeout: new Timeout({ connect: LONG_TIMEOUT, read: SHORT_TIMEOUT }),
        }),
      ).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      timedOut.set();
    }
  });

  it('a body cut short by a close is ProtocolError on read() (test_incomplete_response)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n\r\nRe');
    });
    const response = await poolFor(raw).request('GET', '/', { retries: 0, preloadContent: false });
    await expect(response.read()).rejects.toBeInstanceOf(ProtocolError);
  });

  it('an HTTP/0.5 status line counts as a read error and is retried (test_retry_weird_http_version)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      if (conn.id === 1) {
        const body = 'bad http 0.5 response';
        await conn.end(
          `HTTP/0.5 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
      } else {
        await conn.end(plainResponse('foo'));
      }
    });
    const response = await poolFor(raw).request('GET', '/', { retries: new Retry({ read: 1 }) });
    expect(response.status).toBe(200);
    expect(response.data.toString()).toBe('foo');
  });

  it('a read timeout mid-body gives the slot back (test_connection_cleanup_on_read_timeout)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\n');
      await timedOut.wait;
      conn.destroy();
    });
    const pool = poolFor(raw);
    const response = await pool.urlopen('GET', '/', {
      retries: 0,
      preloadContent: false,
      timeout: SHORT_TIMEOUT,
    });
    try {
      await expect(response.read()).rejects.toBeInstanceOf(ReadTimeoutError);
      expect(pool.stats).toMatchObject({ active: 0, idle: 0 });
    } finally {
      timedOut.set();
    }
  });

  it('a protocol error mid-body gives the slot back (test_connection_cleanup_on_protocol_error_during_read)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\n\r\nRe');
    });
    const pool = poolFor(raw);
    const response = await pool.request('GET', '/', { retries: 0, preloadContent: false });
    await expect(response.read()).rejects.toBeInstanceOf(ProtocolError);
    expect(pool.stats).toMatchObject({ active: 0, idle: 0 });
  });

  it('a chunked body that stalls is ReadTimeoutError and the next request opens a new connection (test_connection_closed_on_read_timeout_preload_false)', async () => {
    const timedOut = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      const head =
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n';
      if (conn.id === 1) {
        await conn.write(`${head}8\r\n12345678\r\n`);
        await timedOut.wait;
        conn.destroy();
      } else {
        await conn.end(`${head}8\r\n12345678\r\n0\r\n\r\n`);
      }
    });
    const pool = poolFor(raw);
    const first = await pool.urlopen('GET', '/', {
      retries: 0,
      preloadContent: false,
      timeout: SHORT_TIMEOUT,
    });
    try {
      await expect(first.read()).rejects.toBeInstanceOf(ReadTimeoutError);
    } finally {
      timedOut.set();
    }
    const second = await pool.urlopen('GET', '/', {
      retries: 0,
      preloadContent: false,
      timeout: LONG_TIMEOUT,
    });
    expect((await second.read()).length).toBe(8);
    expect(raw.totalConnections).toBe(2);
  });

  it('close() on a response closes its socket (test_closing_response_actually_closes_connection)', async () => {
    const sawEof = event();
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n');
      conn.socket.once('end', () => sawEof.set());
      conn.socket.once('close', () => sawEof.set());
    });
    const response = await poolFor(raw).request('GET', '/', { retries: 0, preloadContent: false });
    expect(response.status).toBe(200);
    response.close();
    await sawEof.wait;
  });

  it('releaseConn: false holds the connection after a retry until the body is read (test_release_conn_param_is_respected_after_timeout_retry)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      if (conn.id === 1) {
        conn.destroy();
        return;
      }
      await conn.write(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n0\r\n\r\n',
      );
    });
    const pool = poolFor(raw, { maxsize: 1 });
    const response = await pool.urlopen('GET', '/', {
      retries: 1,
      releaseConn: false,
      preloadContent: false,
      timeout: LONG_TIMEOUT,
    });
    expect(pool.numConnections).toBe(2);
    expect(pool.stats.idle).toBe(0);
    expect(response.connection).not.toBeNull();
    await response.read();
    expect(pool.stats.idle).toBe(1);
    expect(response.connection).toBeNull();
  });
});
