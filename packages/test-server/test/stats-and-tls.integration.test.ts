import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import { generateTestCertificates, startTestServer, type TestServer } from '../src/index.ts';
import { send } from './http-get.ts';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.length = 0;
  await Promise.all(servers.map((s) => s.close()));
  servers.length = 0;
});

async function start(...args: Parameters<typeof startTestServer>): Promise<TestServer> {
  const server = await startTestServer(...args);
  servers.push(server);
  return server;
}

function openRaw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
    sockets.push(socket);
    socket.on('error', reject);
  });
}

describe('connection stats', () => {
  test('open, max and total connections are exact', async () => {
    const server = await start();
    const a = await openRaw(server.port);
    const b = await openRaw(server.port);
    const c = await openRaw(server.port);
    await server.waitForOpenConnections(3);
    expect(server.openConnections).toBe(3);
    expect(server.maxOpenConnections).toBe(3);
    expect(server.totalConnections).toBe(3);
    a.destroy();
    b.destroy();
    await server.waitForOpenConnections(1);
    expect(server.maxOpenConnections).toBe(3);
    server.resetStats();
    expect(server.maxOpenConnections).toBe(1);
    expect(server.totalConnections).toBe(0);
    c.destroy();
    await server.waitForOpenConnections(0);
    expect(server.maxOpenConnections).toBe(1);
  });

  test('keep-alive requests share a socket id; a pool of 2 never exceeds 2 sockets', async () => {
    const server = await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    try {
      const get = (): Promise<void> =>
        new Promise((resolve, reject) => {
          request(`${server.url}/delay/20`, { agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          })
            .on('error', reject)
            .end();
        });
      await Promise.all(Array.from({ length: 6 }, get));
      expect(server.requests).toHaveLength(6);
      expect(server.maxOpenConnections).toBe(2);
      expect(server.totalConnections).toBe(2);
      expect(new Set(server.requests.map((r) => r.socketId)).size).toBe(2);
    } finally {
      agent.destroy();
    }
    await server.waitForOpenConnections(0);
  });

  test('close() is idempotent and leaves no open connections', async () => {
    const server = await start();
    await openRaw(server.port);
    await server.waitForOpenConnections(1);
    const first = server.close();
    expect(server.close()).toBe(first);
    await first;
    expect(server.openConnections).toBe(0);
  });

  test('binds ::1 with a bracketed url', async () => {
    const server = await start({ host: '::1' });
    expect(server.url).toBe(`http://[::1]:${server.port}`);
    expect((await send(`${server.url}/get`)).json().origin).toBe('::1');
  });
});

describe('HTTPS', () => {
  test('serves the same routes over TLS', async () => {
    const certs = await generateTestCertificates();
    const server = await start({ tls: { key: certs.server.key, cert: certs.server.cert } });
    expect(server.url).toBe(`https://127.0.0.1:${server.port}`);
    expect(server.scheme).toBe('https');
    const res = await send(`${server.url}/get?x=1`, { ca: certs.ca.cert });
    expect(res.json().args).toEqual({ x: '1' });
    expect(server.totalConnections).toBe(1);
    expect(server.requests[0]!.socketId).toBe(1);
  });

  test('mutual TLS: client certificate required and reported by /anything', async () => {
    const certs = await generateTestCertificates();
    const server = await start({
      tls: {
        key: certs.server.key,
        cert: certs.server.cert,
        ca: certs.ca.cert,
        requestCert: true,
      },
    });
    await expect(send(`${server.url}/get`, { ca: certs.ca.cert })).rejects.toThrow();
    const res = await send(`${server.url}/anything`, {
      ca: certs.ca.cert,
      cert: certs.client.cert,
      key: certs.client.key,
    });
    expect(res.status).toBe(200);
    expect(res.json().clientCert.subject).toMatch(/CN=/);
  });
});

describe('recordRequests: false', () => {
  test('keeps requests empty but still counts connections', async () => {
    const server = await start({ recordRequests: false });
    await send(`${server.url}/get`);
    expect(server.requests).toEqual([]);
    expect(server.totalConnections).toBe(1);
  });
});
