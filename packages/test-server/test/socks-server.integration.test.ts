import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSocksServer, startTestServer, type TestServer } from '../src/index.ts';

let origin: TestServer;
beforeAll(async () => {
  origin = await startTestServer();
});
afterAll(() => origin.close());

/** Opens a client socket, writes `bytes`, and resolves with the first `n` (or more) bytes answered. */
function exchange(
  port: number,
  bytes: Buffer,
  n: number,
): Promise<{ reply: Buffer; socket: Socket }> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.write(bytes);
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      got = Buffer.concat([got, chunk]);
      if (got.length < n) return;
      socket.off('data', onData);
      socket.pause();
      resolve({ reply: got, socket });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

function socks5Connect(ip: number[], port: number): Buffer {
  return Buffer.from([5, 1, 0, 5, 1, 0, 1, ...ip, port >> 8, port & 0xff]);
}

describe('startSocksServer', () => {
  it('grants SOCKS5 CONNECT to loopback and relays bytes', async () => {
    await using socks = await startSocksServer();
    const { reply, socket } = await exchange(
      socks.port,
      socks5Connect([127, 0, 0, 1], origin.port),
      12,
    );
    expect([...reply.subarray(0, 4)]).toEqual([5, 0, 5, 0]);
    socket.write('GET /get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    let text = reply.subarray(12).toString();
    socket.resume();
    for await (const chunk of socket as AsyncIterable<Buffer>) text += chunk.toString();
    expect(text).toMatch(/^HTTP\/1\.1 200 OK/);
    expect(socks.requests).toEqual([
      {
        version: 5,
        addressType: 'ipv4',
        host: '127.0.0.1',
        port: origin.port,
        username: undefined,
        command: 1,
        clientAddress: '127.0.0.1',
      },
    ]);
    expect(socks.tunnels).toBe(1);
  });

  it('forwards to loopback only: any other address is "not allowed by ruleset" without connecting', async () => {
    await using socks = await startSocksServer();
    // 192.0.2.1 (TEST-NET-1) would hang a real connect attempt; the refusal comes at once.
    const { reply, socket } = await exchange(socks.port, socks5Connect([192, 0, 2, 1], 80), 4);
    socket.destroy();
    expect([...reply.subarray(0, 4)]).toEqual([5, 0, 5, 2]);
    expect(socks.tunnels).toBe(0);
    const four = await exchange(socks.port, Buffer.from([4, 1, 0, 80, 192, 0, 2, 1, 0]), 2);
    four.socket.destroy();
    expect([...four.reply.subarray(0, 2)]).toEqual([0, 91]);
  });

  it('reads SOCKS4a host names and SOCKS5 user/password', async () => {
    await using socks = await startSocksServer({ auth: { username: 'u', password: 'p' } });
    const p = origin.port;
    const four = await exchange(
      socks.port,
      Buffer.concat([
        Buffer.from([4, 1, p >> 8, p & 0xff, 0, 0, 0, 1]),
        Buffer.from('u\0localhost\0'),
      ]),
      8,
    );
    four.socket.destroy();
    expect(four.reply[1]).toBe(90);
    expect(socks.requests[0]).toMatchObject({
      version: 4,
      addressType: 'socks4a',
      host: 'localhost',
      username: 'u',
    });
    const bad = await exchange(socks.port, Buffer.from([5, 1, 2, 1, 1, 117, 1, 120]), 4);
    bad.socket.destroy();
    expect([...bad.reply.subarray(0, 4)]).toEqual([5, 2, 1, 1]);
  });
});
