// Ported from urllib3's test/contrib/test_socks.py (behaviour only), with a scripted SOCKS
// server that checks the negotiation bytes as urllib3's handlers do and answers an empty 200
// itself: it never connects anywhere, so the targets below are only named in SOCKS requests.
// Already covered against real servers (not repeated here): refused connections and
// stalls/timeouts (faults.integration), wrong passwords and SOCKS4 user-id refusals
// (auth.integration), sourceAddress (reuse.integration), unknown schemes (socks-proxy-url).
import { ConnectTimeoutError, NewConnectionError, ProxySchemeUnknown } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SOCKSProxyManager, type SOCKSProxyManagerOptions } from '../src/index.ts';
import { rejection } from './helpers/rejection.ts';
import {
  acceptTls,
  EMPTY_OK,
  type ExactReader,
  negotiateSocks4,
  negotiateSocks5,
  type ScriptedServer,
  type Socks4Request,
  type Socks5Request,
  startScriptedServer,
} from './helpers/scripted-socks.ts';

// A loopback address the scripted server does not listen on: a request that bypassed the
// proxy would fail on this host rather than leave it.
const TARGET_IP = '127.16.17.18';

let certs: TestCertificates;
const cleanups: Array<() => unknown> = [];
beforeAll(async () => {
  certs = await generateTestCertificates();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scripted(handle: (reader: ExactReader) => Promise<void>): Promise<ScriptedServer> {
  const server = await startScriptedServer(handle);
  cleanups.push(() => server[Symbol.asyncDispose]());
  return server;
}

function manager(url: string, options: SOCKSProxyManagerOptions = {}): SOCKSProxyManager {
  const m = new SOCKSProxyManager(url, { caCerts: certs.ca.certFile, ...options });
  cleanups.push(() => m.clear());
  return m;
}

/** A server that grants one SOCKS5 CONNECT, reads the request head and answers EMPTY_OK. */
async function socks5Server(
  options: Parameters<typeof negotiateSocks5>[1] = {},
): Promise<{ server: ScriptedServer; seen: Socks5Request[]; heads: string[] }> {
  const seen: Socks5Request[] = [];
  const heads: string[] = [];
  const server = await scripted(async (reader) => {
    const request = await negotiateSocks5(reader, options);
    if (request === null) return;
    seen.push(request);
    heads.push(await reader.head());
    reader.socket.end(EMPTY_OK);
  });
  return { server, seen, heads };
}

async function socks4Server(
  options: Parameters<typeof negotiateSocks4>[1] = {},
): Promise<{ server: ScriptedServer; seen: Socks4Request[]; heads: string[] }> {
  const seen: Socks4Request[] = [];
  const heads: string[] = [];
  const server = await scripted(async (reader) => {
    const request = await negotiateSocks4(reader, options);
    if (request === null) return;
    seen.push(request);
    heads.push(await reader.head());
    reader.socket.end(EMPTY_OK);
  });
  return { server, seen, heads };
}

function expectEmptyOk(r: { status: number; data: Buffer; headers: { get(n: string): unknown } }) {
  expect(r.status).toBe(200);
  expect(r.data).toEqual(Buffer.alloc(0));
  expect(r.headers.get('Server')).toBe('SocksTestServer');
}

describe('urllib3 test_socks: SOCKSProxyManager', () => {
  it('a proxy URL that is not socks: ProxySchemeUnknown, "Unable to determine SOCKS version"', () => {
    expect(() => new SOCKSProxyManager('http://example.org')).toThrow(ProxySchemeUnknown);
    expect(() => new SOCKSProxyManager('http://example.org')).toThrow(
      /Unable to determine SOCKS version/,
    );
  });
});

describe('urllib3 test_socks: SOCKS5', () => {
  it('a basic request: no authentication offered, CONNECT to the IP literal and port 80', async () => {
    const { server, seen } = await socks5Server();
    const r = await manager(server.url('socks5')).request('GET', `http://${TARGET_IP}`);
    expectEmptyOk(r);
    expect(seen[0]).toMatchObject({
      methods: [0],
      command: 1,
      addressType: 'ipv4',
      address: TARGET_IP,
      port: 80,
    });
    expect(server.errors).toEqual([]);
  });

  it('socks5 resolves names locally: localhost goes as an address', async () => {
    const { server, seen } = await socks5Server();
    expectEmptyOk(await manager(server.url('socks5')).request('GET', 'http://localhost'));
    expect(seen[0]!.addressType).toMatch(/^ipv[46]$/);
    expect(['127.0.0.1', '0:0:0:0:0:0:0:1']).toContain(seen[0]!.address);
    expect(seen[0]!.port).toBe(80);
  });

  it('socks5h sends the name, and the request line and Host header name the target', async () => {
    const { server, seen, heads } = await socks5Server();
    expect((await manager(server.url('socks5h')).request('GET', 'http://example.com')).status).toBe(
      200,
    );
    expect(seen[0]).toMatchObject({ addressType: 'domain', address: 'example.com', port: 80 });
    expect(heads[0]!.startsWith('GET / HTTP/1.1\r\n')).toBe(true);
    expect(heads[0]).toMatch(/\r\nHost: example\.com\r\n/);
  });

  it('a refused CONNECT (reply 1) is NewConnectionError', async () => {
    const { server } = await socks5Server({ grant: false });
    const error = await rejection(
      manager(server.url('socks5h')).request('GET', 'http://example.com', { retries: false }),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
  });

  it('username/password options are offered as method 2 and sent in the RFC 1929 subnegotiation', async () => {
    const { server, seen } = await socks5Server({
      password: { username: 'user', password: 'pass' },
    });
    const r = await manager(server.url('socks5'), { username: 'user', password: 'pass' }).request(
      'GET',
      `http://${TARGET_IP}`,
    );
    expectEmptyOk(r);
    expect(seen[0]!.methods).toContain(2);
    expect(seen[0]!.credentials).toEqual({ username: 'user', password: 'pass' });
    expect(seen[0]).toMatchObject({ address: TARGET_IP, port: 80 });
  });

  it('credentials in the proxy URL are used when no options are given', async () => {
    const { server, seen } = await socks5Server({
      password: { username: 'user', password: 'pass' },
    });
    expectEmptyOk(
      await manager(server.url('socks5', 'user:pass')).request('GET', `http://${TARGET_IP}`),
    );
    expect(seen[0]!.credentials).toEqual({ username: 'user', password: 'pass' });
  });

  it('a proxy that accepts but never negotiates: ConnectTimeoutError', async () => {
    const server = await scripted(() => new Promise<void>(() => {}));
    const error = await rejection(
      manager(server.url('socks5h')).request('GET', 'http://example.com', {
        timeout: 100,
        retries: false,
      }),
    );
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toContain('timed out');
  });

  it('a wrong password: NewConnectionError saying SOCKS5 authentication failed', async () => {
    const { server } = await socks5Server({ password: { username: 'user', password: 'pass' } });
    const error = await rejection(
      manager(server.url('socks5h'), { username: 'user', password: 'badpass' }).request(
        'GET',
        'http://example.com',
        { retries: false },
      ),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toContain('SOCKS5 authentication failed');
    expect(error.message).not.toContain('badpass');
  });
});

describe('urllib3 test_socks: SOCKS4', () => {
  it('a basic request: CONNECT to the IP literal and port 80, empty user id', async () => {
    const { server, seen } = await socks4Server();
    expectEmptyOk(await manager(server.url('socks4')).request('GET', `http://${TARGET_IP}`));
    expect(seen[0]).toEqual({
      command: 1,
      userId: '',
      address: TARGET_IP,
      socks4a: false,
      port: 80,
    });
  });

  it('socks4 resolves names locally: localhost goes as 127.0.0.1', async () => {
    const { server, seen } = await socks4Server();
    expectEmptyOk(await manager(server.url('socks4')).request('GET', 'http://localhost'));
    expect(seen[0]).toMatchObject({ address: '127.0.0.1', socks4a: false, port: 80 });
  });

  it('socks4a sends the name, and the request line and Host header name the target', async () => {
    const { server, seen, heads } = await socks4Server();
    expect((await manager(server.url('socks4a')).request('GET', 'http://example.com')).status).toBe(
      200,
    );
    expect(seen[0]).toMatchObject({ address: 'example.com', socks4a: true, port: 80 });
    expect(heads[0]!.startsWith('GET / HTTP/1.1\r\n')).toBe(true);
    expect(heads[0]).toMatch(/\r\nHost: example\.com\r\n/);
  });

  it('a refused CONNECT (reply 91) is NewConnectionError', async () => {
    const { server } = await socks4Server({ grant: false });
    const error = await rejection(
      manager(server.url('socks4a')).request('GET', 'http://example.com', { retries: false }),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
  });

  it('the username option is the SOCKS4 user id', async () => {
    const { server, seen } = await socks4Server({ userId: 'user' });
    const r = await manager(server.url('socks4'), { username: 'user' }).request(
      'GET',
      `http://${TARGET_IP}`,
    );
    expectEmptyOk(r);
    expect(seen[0]).toMatchObject({ userId: 'user', address: TARGET_IP });
  });

  it('another user id (reply 93): NewConnectionError naming different user-ids', async () => {
    const { server } = await socks4Server({ userId: 'user' });
    const error = await rejection(
      manager(server.url('socks4a'), { username: 'baduser' }).request('GET', 'http://example.com', {
        retries: false,
      }),
    );
    expect(error).toBeInstanceOf(NewConnectionError);
    expect(error.message).toContain('different user-ids');
  });
});

describe('urllib3 test_socks: TLS over SOCKS', () => {
  it('an https target: CONNECT to the name and 443, then TLS to the target inside the tunnel', async () => {
    const seen: Socks5Request[] = [];
    const heads: string[] = [];
    const server = await scripted(async (reader) => {
      const request = await negotiateSocks5(reader);
      if (request === null) return;
      seen.push(request);
      const tls = acceptTls(reader, certs.server.key, certs.server.cert);
      heads.push(await tls.head());
      tls.socket.end(EMPTY_OK);
    });
    const r = await manager(server.url('socks5h')).request('GET', 'https://localhost');
    expectEmptyOk(r);
    expect(seen[0]).toMatchObject({ addressType: 'domain', address: 'localhost', port: 443 });
    expect(heads[0]!.startsWith('GET / HTTP/1.1\r\n')).toBe(true);
    expect(heads[0]).toMatch(/\r\nHost: localhost\r\n/);
  });
});
