import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { type RawServer, serveBytes, serveBytesThenClose, startRawServer } from '../src/index.ts';
import { send } from './http-get.ts';

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
let server: RawServer | undefined;
const clients: Socket[] = [];

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients.length = 0;
  await server?.close();
  server = undefined;
});

/** Opens a client socket and collects everything it receives until `end`. */
function open(port: number): { socket: Socket; received: () => string; ended: Promise<void> } {
  const socket = connect({ host: '127.0.0.1', port });
  clients.push(socket);
  let data = '';
  socket.on('data', (chunk: Buffer) => {
    data += chunk.toString('latin1');
  });
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => data, ended };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('startRawServer', () => {
  test('serveBytes answers each pipelined request on one keep-alive connection', async () => {
    server = await startRawServer(serveBytes(OK));
    const client = open(server.port);
    client.socket.write('GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => client.received() === OK + OK);
    expect(server.requestsSeen).toBe(2);
    expect(server.requests.map((r) => r.toString('latin1').split(' ')[1])).toEqual(['/a', '/b']);
    expect(server.connections).toBe(1);
    expect(client.socket.destroyed).toBe(false);
  });

  test('serveBytes with a function sees the request and its index', async () => {
    server = await startRawServer(
      serveBytes((req, i) => {
        const body = `${i}:${req.toString('latin1').split(' ')[1]}`;
        return `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
      }),
    );
    const res = await send(`${server.url}/path`);
    expect(res.body.toString()).toBe('0:/path');
  });

  test('serveBytesThenClose closes after one answer; node:http can read it', async () => {
    server = await startRawServer(serveBytesThenClose(OK));
    const res = await send(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    const client = open(server.port);
    client.socket.write('GET / HTTP/1.1\r\n\r\n');
    await client.ended;
    expect(client.received()).toBe(OK);
    expect(server.totalConnections).toBe(2);
  });

  test('readRequest waits for a whole chunked body split over writes', async () => {
    const seen: string[] = [];
    server = await startRawServer(async (conn) => {
      seen.push((await conn.readRequest()).toString('latin1'));
      await conn.end(OK);
    });
    const client = open(server.port);
    const head = 'POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n';
    client.socket.write(head + '4\r\nab');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([]);
    client.socket.write('cd\r\n0\r\n\r\n');
    await client.ended;
    expect(seen).toEqual([head + '4\r\nabcd\r\n0\r\n\r\n']);
  });

  test('readRequest rejects with ERR_RAW_CONNECTION_CLOSED when the client leaves early', async () => {
    let failure: unknown;
    const done = new Promise<void>((resolve) => {
      void startRawServer(async (conn) => {
        try {
          await conn.readRequest();
        } catch (error) {
          failure = error;
        }
        resolve();
      }).then((s) => {
        server = s;
        const client = open(s.port);
        client.socket.end('GET / HTTP/1.1\r\n');
      });
    });
    await done;
    expect((failure as { code?: string }).code).toBe('ERR_RAW_CONNECTION_CLOSED');
  });

  test('write sends latin1 bytes exactly; close destroys open connections', async () => {
    server = await startRawServer(async (conn) => {
      await conn.write('\xff\x00\r\n');
    });
    const client = open(server.port);
    await until(() => client.received().length === 4);
    expect(Buffer.from(client.received(), 'latin1')).toEqual(Buffer.from([0xff, 0, 13, 10]));
    await server.close();
    await client.ended;
    expect(server.connections).toBe(0);
    await server.close(); // idempotent
  });

  test('binds ::1', async () => {
    server = await startRawServer(serveBytes(OK), { host: '::1' });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    const res = await send(`${server.url}/`);
    expect(res.body.toString()).toBe('ok');
  });
});
