// Ported from urllib3's test/with_dummyserver/test_connection.py: what maps to urlpool's
// HTTPConnection and a pool's responses. Left out: sys.audit events, http.client's
// ResponseNotReady internals beyond "one request at a time", and the set_tunnel/_tunnel
// cases (CONNECT tunnels are connectors in @urlpool/proxy-http, tested there).
import { EMPTY_BODY, ProtocolError } from '@urlpool/core';
import { serveBytes } from '@urlpool/test-server';
import { describe, expect, it } from 'vitest';
import { HTTPResponse } from '../../response-streams/src/index.ts';
import { openConnection, structuredRequest } from './connection-fixture.ts';
import { poolFor, rawServer } from './socketlevel-fixture.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, world';

describe('urllib3 with_dummyserver test_connection', () => {
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

  it('a second request while the first response is still being read is refused (test_double_getresponse)', async () => {
    const raw = await rawServer(async (conn) => {
      await conn.readRequest();
      await conn.write('HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello');
      await conn.readRequest(300).catch(() => {});
      await conn.write(', world');
    });
    const connection = await openConnection(raw.port);
    try {
      const head = await connection.send(structuredRequest({ authority: `127.0.0.1:${raw.port}` }));
      expect(head.status).toBe(200);
      await expect(
        connection.send(structuredRequest({ authority: `127.0.0.1:${raw.port}` })),
      ).rejects.toBeInstanceOf(ProtocolError);
      for (let c = await head.body.next(); c !== null; c = await head.body.next());
    } finally {
      connection.close();
    }
  });

  it('isConnected is true while open and false once closed (test_connection_state_properties)', async () => {
    const raw = await rawServer(serveBytes(OK));
    const connection = await openConnection(raw.port);
    expect(connection.isConnected).toBe(true);
    const head = await connection.send(
      structuredRequest({ authority: `127.0.0.1:${raw.port}`, body: EMPTY_BODY }),
    );
    expect(head.status).toBe(200);
    for (let c = await head.body.next(); c !== null; c = await head.body.next());
    expect(connection.isConnected).toBe(true);
    connection.close();
    expect(connection.isConnected).toBe(false);
    expect(connection.isDropped).toBe(true);
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
