// Ported from urllib3's test/with_dummyserver/test_connection.py: what maps to urlpool's
// HTTPConnection (the pool-level part is in @urlpool/pool's tests). Left out: sys.audit events,
// http.client's ResponseNotReady internals beyond "one request at a time", and the
// set_tunnel/_tunnel cases (CONNECT tunnels are connectors in @urlpool/proxy-http, tested there).
import { EMPTY_BODY, ProtocolError } from '@urlpool/core';
import { type RawHandler, type RawServer, serveBytes, startRawServer } from '@urlpool/test-server';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, structuredRequest } from './connection-fixture.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\nhello, world';

const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function rawServer(handler: RawHandler): Promise<RawServer> {
  const server = await startRawServer(handler);
  servers.push(server);
  return server;
}

describe('urllib3 with_dummyserver test_connection', () => {
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
});
