import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { startTestServer, type TestServer } from '@urlpool/test-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSConnectionPool, type HTTPSConnectionPoolOptions } from '../src/index.ts';
import { usePoolFixture } from './helpers/pool-fixture.ts';
import {
  rejectionOf,
  startTlsFactsServer,
  type TlsFacts,
  type TlsFactsServer,
} from './https-fixtures.ts';

// The fixture's own server goes unused: each test starts the TLS server it needs.
const fx = usePoolFixture({ tls: true });
let facts: TlsFactsServer;
const servers: TestServer[] = [];

function makePool(port: number, options: HTTPSConnectionPoolOptions = {}): HTTPSConnectionPool {
  return fx.httpsPool(options, 'localhost', port);
}

async function httpsServer(
  tls: Omit<NonNullable<Parameters<typeof startTestServer>[0]>['tls'], 'key' | 'cert'> = {},
): Promise<TestServer> {
  const server = await startTestServer({
    tls: { key: fx.certs.server.key, cert: fx.certs.server.cert, ...tls },
  });
  servers.push(server);
  return server;
}

beforeAll(async () => {
  facts = await startTlsFactsServer({ key: fx.certs.server.key, cert: fx.certs.server.cert });
});
afterEach(async () => {
  // Runs before the fixture's afterEach (hooks unwind): close the pools here first.
  fx.closePools();
  await facts.waitForNoSockets();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await facts.close();
});

describe('client certificates (mutual TLS)', () => {
  let mtls: TestServer;
  beforeAll(async () => {
    mtls = await httpsServer({ ca: fx.certs.ca.cert, requestCert: true });
  });

  it.each([
    [
      'certFile + keyFile',
      () => ({ certFile: fx.certs.client.certFile, keyFile: fx.certs.client.keyFile }),
    ],
    [
      'an encrypted key with keyPassword',
      () => ({
        certFile: fx.certs.client.certFile,
        keyFile: fx.certs.client.encryptedKeyFile,
        keyPassword: fx.certs.client.keyPassword,
      }),
    ],
  ])('presents the client certificate with %s', async (_name, options) => {
    const pool = makePool(mtls.port, options());
    const r = await pool.request('GET', '/anything');
    const echoed = r.json<{ clientCert: { subject: string } | null }>();
    expect(echoed.clientCert?.subject).toContain('CN=urlpool test client');
  });

  it('throws at construction when the key is encrypted and no password is given', () => {
    const attempt = () =>
      new HTTPSConnectionPool('localhost', {
        certFile: fx.certs.client.certFile,
        keyFile: fx.certs.client.encryptedKeyFile,
      });
    expect(attempt).toThrow(SSLError);
    expect(attempt).toThrow('Client private key is encrypted, password is required');
  });

  it('TLS 1.3: the server alert "certificate required" is an SSLError and the connection is dropped', async () => {
    // TLS 1.3 clients finish the handshake before the server checks their certificate, so the
    // alert arrives on the first read; it is still an SSLError, as in urllib3.
    const pool = makePool(mtls.port);
    const error = await rejectionOf(pool.request('GET', '/anything', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect((error.cause as { code?: string } | undefined)?.code).toBe(
      'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED',
    );
    expect(pool.stats.open).toBe(0);
    await mtls.waitForOpenConnections(0);
  });

  it('TLS 1.2: fails the handshake with SSLError without a client certificate', async () => {
    const pool = makePool(mtls.port, { sslMaximumVersion: 'TLSv1.2' });
    const error = await rejectionOf(pool.request('GET', '/anything', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(pool.stats.open).toBe(0);
    await mtls.waitForOpenConnections(0);
  });
});

describe('TLS versions, ciphers and ALPN', () => {
  it('negotiates TLS 1.3 by default and TLS 1.2 when that is the maximum', async () => {
    const modern = (await makePool(facts.port).request('GET', '/')).json<TlsFacts>();
    expect(modern.protocol).toBe('TLSv1.3');
    const capped = (
      await makePool(facts.port, { sslMaximumVersion: 'TLSv1.2' }).request('GET', '/')
    ).json<TlsFacts>();
    expect(capped.protocol).toBe('TLSv1.2');
  });

  it('fails with SSLError when the server only speaks versions outside the range', async () => {
    const tls13Only = await httpsServer({ extra: { minVersion: 'TLSv1.3' } });
    const pool = makePool(tls13Only.port, { sslMaximumVersion: 'TLSv1.2' });
    const error = await rejectionOf(pool.request('GET', '/get', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(pool.stats.open).toBe(0);

    const tls12Only = await httpsServer({ extra: { maxVersion: 'TLSv1.2' } });
    const strict = makePool(tls12Only.port, { sslMinimumVersion: 'TLSv1.3' });
    expect(await rejectionOf(strict.request('GET', '/get', { retries: false }))).toBeInstanceOf(
      SSLError,
    );
    // The default minimum (TLS 1.2) still talks to it.
    expect((await makePool(tls12Only.port).request('GET', '/get')).status).toBe(200);
  });

  it.each(['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384'])(
    'uses the given cipher list for TLS 1.2 (%s)',
    async (cipher) => {
      const pool = makePool(facts.port, { sslMaximumVersion: 'TLSv1.2', ciphers: cipher });
      const seen = (await pool.request('GET', '/')).json<TlsFacts>();
      expect(seen.cipher).toBe(cipher);
    },
  );

  it('offers http/1.1 by ALPN unless alpnProtocols is empty', async () => {
    const alpn = await startTlsFactsServer({
      key: fx.certs.server.key,
      cert: fx.certs.server.cert,
      ALPNProtocols: ['h2', 'http/1.1'],
    });
    try {
      const offered = (await makePool(alpn.port).request('GET', '/')).json<TlsFacts>();
      expect(offered.alpn).toBe('http/1.1');
      const none = (
        await makePool(alpn.port, { alpnProtocols: [] }).request('GET', '/')
      ).json<TlsFacts>();
      expect(none.alpn).toBe(false);
    } finally {
      fx.closePools();
      await alpn.close();
    }
  });
});

describe('sslContext', () => {
  it('uses a caller-built SecureContext instead of the CA options', async () => {
    const trusted = createSecureContext({ ca: fx.certs.ca.cert });
    const pool = makePool(facts.port, { caCerts: undefined, sslContext: trusted });
    expect(pool.tls.secureContext).toBe(trusted);
    expect((await pool.request('GET', '/')).status).toBe(200);

    const untrusted = makePool(facts.port, {
      caCerts: undefined,
      sslContext: createSecureContext({}),
    });
    const error = await rejectionOf(untrusted.request('GET', '/', { retries: false }));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain('certificate verify failed');
  });
});

describe('SSLKEYLOGFILE', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'urlpool-keylog-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function withKeyLogFile<T>(file: string | undefined, make: () => T): T {
    const before = process.env.SSLKEYLOGFILE;
    if (file === undefined) delete process.env.SSLKEYLOGFILE;
    else process.env.SSLKEYLOGFILE = file;
    try {
      return make();
    } finally {
      if (before === undefined) delete process.env.SSLKEYLOGFILE;
      else process.env.SSLKEYLOGFILE = before;
    }
  }

  it("appends the session's secrets in NSS key log format for a pool made while it is set", async () => {
    const file = join(dir, 'keys.log');
    const pool = withKeyLogFile(file, () => makePool(facts.port));
    facts.keylog.length = 0;
    await pool.request('GET', '/');
    const lines = readFileSync(file, 'latin1').trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5); // TLS 1.3: handshake + traffic secrets
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/);
    }
    // The very secrets the server used for this session: Wireshark can decrypt it.
    expect(new Set(lines)).toEqual(new Set(facts.keylog));
  });

  it('writes nothing for a pool made while it is unset', async () => {
    const file = join(dir, 'never.log');
    const pool = withKeyLogFile(undefined, () => makePool(facts.port));
    process.env.SSLKEYLOGFILE = file;
    try {
      await pool.request('GET', '/');
    } finally {
      delete process.env.SSLKEYLOGFILE;
    }
    expect(() => readFileSync(file)).toThrow();
  });
});
