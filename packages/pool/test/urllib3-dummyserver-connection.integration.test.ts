// Ported from urllib3's test/with_dummyserver/test_connection.py, the pool-level part: a pool's
// responses, releaseConn and reuse after drainConn (the connection-level part is in
// @urlpool/connection's urllib3-dummyserver-connection test).
import { HTTPResponse } from '@urlpool/response-streams';
import { serveBytes } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { poolFor, rawServer } from './helpers/socketlevel-fixture.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, world';

describe('urllib3 with_dummyserver test_connection (pool)', () => {
  it('a pool answers with an HTTPResponse (test_returns_urllib3_HTTPResponse)', async () => {
    const raw = await rawServer(serveBytes(OK));
    const r = await poolFor(raw).urlopen('GET', '/');
    expect(r).toBeInstanceOf(HTTPResponse);
  });

  it('releaseConn() of a fully read response puts its connection back (test_releases_conn)', async () => {
    const raw = await rawServer(serveBytes(OK));
    const pool = poolFor(raw);
    const r = await pool.urlopen('GET', '/', { preloadContent: false, releaseConn: false });
    expect(pool.stats.idle).toBe(0);
    expect((await r.read()).toString()).toBe('hello, world');
    r.releaseConn();
    expect(pool.stats.idle).toBe(1);
  });

  it('after drainConn() the same connection carries the next request (test_response_after_drain_conn)', async () => {
    const raw = await rawServer(serveBytes(OK));
    const pool = poolFor(raw);
    const first = await pool.urlopen('GET', '/', { preloadContent: false });
    expect(first.status).toBe(200);
    await first.drainConn();
    const second = await pool.urlopen('GET', '/', { preloadContent: false });
    expect(second.status).toBe(200);
    expect((await second.read()).toString()).toBe('hello, world');
    expect(raw.totalConnections).toBe(1);
  });
});
