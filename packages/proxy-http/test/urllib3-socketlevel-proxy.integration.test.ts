// Ported from the TestProxyManager class of urllib3's test/with_dummyserver/test_socketlevel.py
// (behaviour only): the exact head of a forwarded request, proxy headers, a retry after the
// proxy dropped the connection, a new CONNECT after the origin closed the tunnel, and CONNECT
// answers that are not 2xx or end early. Raw loopback servers play the proxy; they never
// connect anywhere, so the targets below are only named in requests.

import { TLSSocket } from 'node:tls';
import { MaxRetryError, ProxyError, VERSION } from '@urlpool/core';
import {
  generateTestCertificates,
  startRawServer,
  type TestCertificates,
} from '@urlpool/test-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxyManager, type ProxyManagerOptions } from '../src/index.ts';
import { rejection } from './support/rejection.ts';

let certs: TestCertificates;
const cleanups: Array<() => unknown> = [];
beforeAll(async () => {
  certs = await generateTestCertificates();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function raw(handler: Parameters<typeof startRawServer>[0]) {
  const server = await startRawServer(handler);
  cleanups.push(() => server[Symbol.asyncDispose]());
  return server;
}

function manager(url: string, options: ProxyManagerOptions = {}): ProxyManager {
  const m = new ProxyManager(url, { caCerts: certs.ca.certFile, ...options });
  cleanups.push(() => m.clear());
  return m;
}

/** Answers with the request head it received as a text/plain body, then closes. */
function echoHead(text: string): string {
  const body = Buffer.from(text, 'latin1');
  return `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${text}`;
}

describe('urllib3 test_socketlevel TestProxyManager', () => {
  it('a forwarded GET is exactly: absolute target, Host, Accept-Encoding, Accept, User-Agent', async () => {
    const server = await raw(async (conn) => {
      const request = (await conn.readRequest()).toString('latin1');
      await conn.end(echoHead(request));
    });
    const r = await manager(server.url).request('GET', 'http://google.com/');
    expect(r.status).toBe(200);
    expect(r.data.toString('latin1').split('\r\n').sort()).toEqual(
      [
        'GET http://google.com/ HTTP/1.1',
        'Host: google.com',
        'Accept-Encoding: identity',
        'Accept: */*',
        `User-Agent: urlpool/${VERSION}`,
        '',
        '',
      ].sort(),
    );
  });

  it('proxy headers are in the forwarded head', async () => {
    const server = await raw(async (conn) => {
      const request = (await conn.readRequest()).toString('latin1');
      await conn.end(echoHead(request));
    });
    const m = manager(server.url, { proxyHeaders: { 'For-The-Proxy': 'YEAH!' } });
    const pool = m.connectionFromUrl('http://www.google.com/');
    const r = await pool.urlopen('GET', 'http://www.google.com/', { assertSameHost: false });
    expect(r.status).toBe(200);
    expect(r.data.toString('latin1')).toContain('For-The-Proxy: YEAH!\r\n');
  });

  it('a proxy connection closed before the answer is retried; without retries it is an error', async () => {
    let accepted = 0;
    const server = await raw(async (conn) => {
      accepted++;
      if (accepted === 1) {
        conn.destroy();
        return;
      }
      try {
        const request = (await conn.readRequest()).toString('latin1');
        await conn.end(echoHead(request));
      } catch {
        // the client gave up
      }
    });
    const m = manager(server.url);
    const r = await m.urlopen('GET', 'http://www.google.com', { retries: 1 });
    expect(r.status).toBe(200);
    await server[Symbol.asyncDispose]();
    const error = await rejection(m.urlopen('GET', 'http://www.google.com', { retries: false }));
    expect(error).toBeInstanceOf(ProxyError);
  });

  it('an origin that closes the tunnel (Connection: close) gets a new CONNECT for the next request', async () => {
    const connects: string[] = [];
    const server = await raw(async (conn) => {
      const head = (await conn.readRequest()).toString('latin1');
      connects.push(head.split('\r\n')[0]!);
      if (!head.startsWith('CONNECT ')) {
        await conn.end('HTTP/1.1 405 Method not allowed\r\nAllow: CONNECT\r\n\r\n');
        return;
      }
      await conn.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const tls = new TLSSocket(conn.socket, {
        isServer: true,
        key: certs.server.key,
        cert: certs.server.cert,
      });
      await new Promise<void>((resolve) => {
        let text = '';
        tls.on('data', (chunk: Buffer) => {
          text += chunk.toString('latin1');
          if (text.includes('\r\n\r\n')) resolve();
        });
      });
      tls.end(
        'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nHi',
      );
    });
    const m = manager(server.url);
    const url = 'https://localhost';
    const pool = m.connectionFromUrl(url);
    expect((await pool.urlopen('GET', url, { retries: 0 })).status).toBe(200);
    expect((await pool.urlopen('GET', url, { retries: 0 })).status).toBe(200);
    expect(connects).toEqual(['CONNECT localhost:443 HTTP/1.1', 'CONNECT localhost:443 HTTP/1.1']);
  });

  it('a CONNECT answered 501: MaxRetryError whose ProxyError names the status', async () => {
    const server = await raw(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.0 501 Not Implemented\r\nConnection: close\r\n\r\n');
    });
    const error = await rejection(
      manager(server.url).request('GET', 'https://example.com', { retries: 0 }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
    const reason = (error as MaxRetryError).reason!;
    expect(reason.constructor).toBe(ProxyError);
    // api.md: the ProxyError names the status (urllib3 wraps the same text in
    // "Unable to connect to proxy").
    expect(reason.message).toContain('Tunnel connection failed: 501 Not Implemented');
  });

  it('a CONNECT answer cut after the status line is an error, not a hang', async () => {
    const server = await raw(async (conn) => {
      await conn.readRequest();
      await conn.end('HTTP/1.0 200 OK\r\n');
    });
    const error = await rejection(
      manager(server.url).request('GET', 'https://example.com', { retries: 0 }),
    );
    expect(error).toBeInstanceOf(MaxRetryError);
  });

  it('TLS to an https:// proxy offers ALPN http/1.1 and not h2', async () => {
    let hello: Buffer | undefined;
    const server = await raw(async (conn) => {
      hello = await new Promise<Buffer>((resolve) => conn.socket.once('data', resolve));
      conn.destroy();
    });
    const error = await rejection(
      manager(`https://127.0.0.1:${server.port}`).request('GET', 'https://localhost/', {
        retries: false,
      }),
    );
    expect(error).toBeInstanceOf(ProxyError);
    expect(hello).toBeDefined();
    // ALPN protocol names are length-prefixed (RFC 7301 §3.1): 0x08 "http/1.1", 0x02 "h2".
    expect(hello!.includes(Buffer.from('\x08http/1.1', 'latin1'))).toBe(true);
    expect(hello!.includes(Buffer.from('\x02h2', 'latin1'))).toBe(false);
  });
});
