import { createHash, X509Certificate } from 'node:crypto';
import { createServer as createNetServer, type Socket } from 'node:net';
import { createTcpConnector } from '@urlpool/connection';
import { ConnectTimeoutError, MaxRetryError, SSLError, Timeout } from '@urlpool/core';
import { startTestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionFromUrl, HTTPConnectionPool, HTTPSConnectionPool } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';
import {
  rejectionOf,
  startTlsFactsServer,
  type TlsFacts,
  type TlsFactsServer,
} from './https-fixtures.ts';

const fx = usePoolFixture({ tls: true, settleMs: 2000 });
const makePool = fx.httpsPool;
let facts: TlsFactsServer;

beforeAll(async () => {
  facts = await startTlsFactsServer({ key: fx.certs.server.key, cert: fx.certs.server.cert });
});
afterEach(async () => {
  // Runs before the fixture's afterEach (hooks unwind): close the pools here first.
  fx.closePools();
  await facts.waitForNoSockets();
});
afterAll(async () => {
  await facts.close();
});

describe('HTTPSConnectionPool basics', () => {
  it('is an HTTPConnectionPool with scheme https and default port 443', () => {
    const pool = new HTTPSConnectionPool('example.com');
    fx.track(pool);
    expect(pool).toBeInstanceOf(HTTPConnectionPool);
    expect(pool.scheme).toBe('https');
    expect(pool.port).toBe(443);
    expect(pool.isSameHost('https://example.com/x')).toBe(true);
    expect(pool.isSameHost('https://example.com:443/x')).toBe(true);
    expect(pool.isSameHost('http://example.com/x')).toBe(false);
    expect(pool.tls.verify).toBe(true);
    expect(String(pool)).toBe("HTTPSConnectionPool(host='example.com', port=443)");
  });

  it('omits the default port from the Host header and keeps other ports', () => {
    const onDefault = new HTTPSConnectionPool('example.com');
    const onOther = new HTTPSConnectionPool('example.com', { port: 8443 });
    fx.track(onDefault);
    fx.track(onOther);
    expect(onDefault.hostHeader).toBe('example.com');
    expect(onOther.hostHeader).toBe('example.com:8443');
  });

  it('verifies the server with caCerts and reuses the connection', async () => {
    const pool = makePool();
    const first = await pool.request('GET', '/get');
    const second = await pool.request('GET', '/get?x=1');
    expect(first.status).toBe(200);
    expect(first.url).toBe(`https://localhost:${fx.server.port}/get`);
    expect(second.json<{ args: unknown }>().args).toEqual({ x: '1' });
    expect(fx.server.totalConnections).toBe(1);
    expect(fx.server.requests[0]?.headers.host).toBe(`localhost:${fx.server.port}`);
  });

  it('accepts caCertDir and caCertData (PEM and DER) as well', async () => {
    for (const options of [
      { caCerts: undefined, caCertDir: fx.certs.ca.certDir },
      { caCerts: undefined, caCertData: fx.certs.ca.cert },
      { caCerts: undefined, caCertData: fx.certs.ca.certDer },
    ]) {
      const r = await makePool(options).request('GET', '/get');
      expect(r.status).toBe(200);
    }
  });

  it('rejects unknown options and wrong TLS option types before connecting', () => {
    expect(() => new HTTPSConnectionPool('localhost', { nope: 1 } as never)).toThrow(
      /Unknown connection pool option "nope"/,
    );
    expect(() => new HTTPSConnectionPool('localhost', { certReqs: 'maybe' } as never)).toThrow(
      TypeError,
    );
  });

  it('throws SSLError naming the file when caCerts cannot be read', () => {
    const error = (() => {
      try {
        new HTTPSConnectionPool('localhost', { caCerts: '/nonexistent/ca.pem' });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain('/nonexistent/ca.pem');
  });

  it('runs TLS over a given connector (the transport under TLS, e.g. a proxy tunnel)', async () => {
    const tcp = createTcpConnector();
    const asked: string[] = [];
    const pool = makePool({
      connector: (request) => {
        asked.push(`${request.host}:${request.port}`);
        return tcp(request);
      },
    });
    const r = await pool.request('GET', '/get');
    expect(r.status).toBe(200);
    expect(asked).toEqual([`localhost:${fx.server.port}`]);
    expect(fx.server.requests).toHaveLength(1); // spoke HTTP inside TLS: the HTTPS server parsed it
  });

  it('connectionFromUrl makes HTTPS pools for https:// URLs', async () => {
    const pool = connectionFromUrl(`https://localhost:${fx.server.port}/`, {
      caCerts: fx.certs.ca.certFile,
    });
    fx.track(pool);
    expect(pool).toBeInstanceOf(HTTPSConnectionPool);
    expect(pool.port).toBe(fx.server.port);
    expect((await pool.request('GET', '/get')).status).toBe(200);
    const defaulted = connectionFromUrl('https://example.com');
    fx.track(defaulted);
    expect(defaulted.port).toBe(443);
  });
});

describe('certificate verification failures', () => {
  it('throws the typed SSLError (retries: false) and leaks no socket or pool slot', async () => {
    const pool = makePool({ caCerts: undefined }); // Node's bundled roots do not know our CA
    const error = await rejectionOf(pool.request('GET', '/get', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain('certificate verify failed');
    expect(error.message).toContain(`localhost:${fx.server.port}`);
    expect(error.cause).toBeInstanceOf(Error);
    expect(pool.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
    await fx.server.waitForOpenConnections(0, 2000);
    expect(fx.server.requests).toHaveLength(0);
  });

  it('wraps the SSLError in MaxRetryError after the default retries', async () => {
    const pool = makePool({ caCerts: undefined });
    const error = await rejectionOf(pool.request('GET', '/get'));
    expect(error).toBeInstanceOf(MaxRetryError);
    expect((error as MaxRetryError).reason).toBeInstanceOf(SSLError);
    expect(pool.numConnections).toBe(4); // the first attempt and 3 retries
    expect(pool.stats.open).toBe(0);
  });

  it('frees the slot of a blocking pool after a failed handshake (no poolTimeout wait)', async () => {
    // maxsize 1 + block: a leaked slot would make the second request wait forever.
    const pool = makePool({
      caCerts: fx.certs.ca.certFile,
      assertHostname: 'wrong.example',
      maxsize: 1,
      block: true,
    });
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(
        pool.request('GET', '/get', { retries: false, poolTimeout: 2000 }),
      );
      expect(error).toBeInstanceOf(SSLError);
    }
    expect(pool.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
  });

  it('rejects a self-signed certificate that the CA bundle does not contain', async () => {
    const selfSigned = await startTestServer({
      tls: { key: fx.certs.selfSigned.key, cert: fx.certs.selfSigned.cert },
    });
    try {
      const pool = makePool({}, 'localhost', selfSigned.port);
      const error = await rejectionOf(pool.request('GET', '/get', { retries: false }));
      expect(error).toBeInstanceOf(SSLError);
      expect(error.message).toContain('certificate verify failed');
    } finally {
      fx.closePools();
      await selfSigned.close();
    }
  });

  it("fails with `doesn't match` when the certificate is for another name", async () => {
    const other = await startTestServer({
      tls: { key: fx.certs.otherServer.key, cert: fx.certs.otherServer.cert },
    });
    try {
      const pool = makePool({}, 'localhost', other.port);
      const error = await rejectionOf(pool.request('GET', '/get', { retries: false }));
      expect(error).toBeInstanceOf(SSLError);
      expect(error.message).toContain("doesn't match");
      // The same server passes when we assert the name its certificate carries.
      const named = makePool({ assertHostname: 'other.example' }, 'localhost', other.port);
      expect((await named.request('GET', '/get')).status).toBe(200);
    } finally {
      fx.closePools();
      await other.close();
    }
  });
});

describe('SNI, assertHostname and the Host header', () => {
  it('sends the pool host as SNI and in the Host header', async () => {
    const pool = makePool({}, 'localhost', facts.port);
    const seen = (await pool.request('GET', '/')).json<TlsFacts>();
    expect(seen.servername).toBe('localhost');
    expect(seen.host).toBe(`localhost:${facts.port}`);
    expect(seen.alpn).toBe('http/1.1');
  });

  it('sends no SNI for an IP host (RFC 6066) and verifies the IP SAN', async () => {
    const pool = makePool({}, '127.0.0.1', facts.port);
    const seen = (await pool.request('GET', '/')).json<TlsFacts>();
    expect(seen.servername).toBe(false);
    expect(seen.host).toBe(`127.0.0.1:${facts.port}`);
  });

  it('connects by IP with serverHostname as SNI; Host stays the pool host unless set', async () => {
    const pool = makePool(
      { serverHostname: 'localhost', assertHostname: 'localhost' },
      '127.0.0.1',
      facts.port,
    );
    const plain = (await pool.request('GET', '/')).json<TlsFacts>();
    expect(plain.servername).toBe('localhost');
    expect(plain.host).toBe(`127.0.0.1:${facts.port}`);
    const custom = await pool.urlopen('GET', '/', {
      headers: { Host: 'localhost' },
      assertSameHost: false,
    });
    const seen = custom.json<TlsFacts>();
    expect(seen.servername).toBe('localhost');
    expect(seen.host).toBe('localhost');
  });

  it('checks the serverHostname against the certificate', async () => {
    const pool = makePool({ serverHostname: 'other.example' }, '127.0.0.1', facts.port);
    const error = await rejectionOf(pool.request('GET', '/', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain("doesn't match");
    expect(error.message).toContain('other.example');
  });

  it('assertHostname: false skips the name check but keeps chain verification', async () => {
    const other = await startTestServer({
      tls: { key: fx.certs.otherServer.key, cert: fx.certs.otherServer.cert },
    });
    try {
      const pool = makePool({ assertHostname: false }, 'localhost', other.port);
      expect((await pool.request('GET', '/get')).status).toBe(200);
      const untrusted = makePool(
        { assertHostname: false, caCerts: undefined },
        'localhost',
        other.port,
      );
      expect(
        await rejectionOf(untrusted.request('GET', '/get', { retries: false })),
      ).toBeInstanceOf(SSLError);
    } finally {
      fx.closePools();
      await other.close();
    }
  });
});

describe('assertFingerprint', () => {
  const fingerprint = (algorithm: string): string =>
    createHash(algorithm).update(new X509Certificate(fx.certs.selfSigned.cert).raw).digest('hex');

  it('accepts a matching sha256 pin (with colons) even with CERT_NONE and no CA', async () => {
    const selfSigned = await startTestServer({
      tls: { key: fx.certs.selfSigned.key, cert: fx.certs.selfSigned.cert },
    });
    try {
      const pin = fingerprint('sha256').match(/../g)!.join(':').toUpperCase();
      const pool = makePool(
        { caCerts: undefined, certReqs: 'CERT_NONE', assertFingerprint: pin },
        '127.0.0.1',
        selfSigned.port,
      );
      expect((await pool.request('GET', '/get')).status).toBe(200);
      const sha1 = makePool(
        { caCerts: undefined, certReqs: 'CERT_NONE', assertFingerprint: fingerprint('sha1') },
        '127.0.0.1',
        selfSigned.port,
      );
      expect((await sha1.request('GET', '/get')).status).toBe(200);
    } finally {
      fx.closePools();
      await selfSigned.close();
    }
  });

  it('rejects a mismatching pin with Fingerprints did not match', async () => {
    const pool = makePool({ assertFingerprint: 'ab'.repeat(32) });
    const error = await rejectionOf(pool.request('GET', '/get', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain('Fingerprints did not match');
    expect(error.message).toContain('ab'.repeat(32));
    expect(pool.stats.open).toBe(0);
  });
});

describe('TLS sessions', () => {
  it("a second connection of the pool resumes the first one's session", async () => {
    const pool = makePool({}, 'localhost', facts.port);
    const first = (await pool.request('GET', '/close')).json<TlsFacts>();
    const second = (await pool.request('GET', '/')).json<TlsFacts>();
    expect(first.reused).toBe(false);
    expect(second.socketId).not.toBe(first.socketId);
    expect(second.reused).toBe(true);
    expect(pool.numConnections).toBe(2);
  });

  it('pools do not share sessions', async () => {
    await makePool({}, 'localhost', facts.port).request('GET', '/close');
    const other = (
      await makePool({}, 'localhost', facts.port).request('GET', '/')
    ).json<TlsFacts>();
    expect(other.reused).toBe(false);
  });

  it('TLS 1.2 sessions resume too', async () => {
    const pool = makePool({ sslMaximumVersion: 'TLSv1.2' }, 'localhost', facts.port);
    const first = (await pool.request('GET', '/close')).json<TlsFacts>();
    const second = (await pool.request('GET', '/')).json<TlsFacts>();
    expect(first.protocol).toBe('TLSv1.2');
    expect(second.reused).toBe(true);
  });
});

describe('handshake that never completes', () => {
  async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
    const sockets = new Set<Socket>();
    const silent = createNetServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    return {
      port: (silent.address() as { port: number }).port,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          silent.close(() => resolve());
        }),
    };
  }

  it('the connect timeout covers the TLS handshake and frees the slot', async () => {
    const silent = await silentServer();
    try {
      const pool = makePool({ maxsize: 1, block: true }, '127.0.0.1', silent.port);
      const error = await rejectionOf(
        pool.request('GET', '/', { retries: false, timeout: new Timeout({ connect: 150 }) }),
      );
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(error.message).toContain('TLS handshake');
      expect(pool.stats).toEqual({ open: 0, idle: 0, active: 0, queued: 0 });
    } finally {
      await silent.close();
    }
  });

  it('an abort signal stops the handshake', async () => {
    const silent = await silentServer();
    try {
      const pool = makePool({}, '127.0.0.1', silent.port);
      const controller = new AbortController();
      const pending = pool.request('GET', '/', { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await rejectionOf(pending);
      expect(error.name).toBe('AbortError');
      expect(pool.stats.open).toBe(0);
    } finally {
      await silent.close();
    }
  });
});
