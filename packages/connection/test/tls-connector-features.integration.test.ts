import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { resolveTlsOptions, type TlsOptions } from '@urlpool/tls-config';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTcpConnector } from '../src/tcp-connector.ts';
import { createTlsConnector } from '../src/tls-connector.ts';
import {
  connectRequest,
  readGreetingAndClose,
  rejectionOf,
  startTlsServer,
  type TestTlsServer,
} from './tls-fixtures.ts';

let certs: TestCertificates;
const servers: TestTlsServer[] = [];
beforeAll(async () => {
  certs = await generateTestCertificates();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function server(options: Parameters<typeof startTlsServer>[0]): Promise<TestTlsServer> {
  const s = await startTlsServer({ cert: certs.server.cert, key: certs.server.key, ...options });
  servers.push(s);
  return s;
}

function connector(options: TlsOptions) {
  return createTlsConnector(
    resolveTlsOptions({ caCerts: certs.ca.certFile, ...options }),
    createTcpConnector(),
  );
}

async function connect(options: TlsOptions, port: number): Promise<TLSSocket> {
  return (await connector(options)(connectRequest('localhost', port))).socket as TLSSocket;
}

describe('mutual TLS', () => {
  let mtls: TestTlsServer;
  beforeAll(async () => {
    mtls = await server({ requestCert: true, rejectUnauthorized: true, ca: certs.ca.cert });
  });

  it.each([
    ['a plain key', () => ({ certFile: certs.client.certFile, keyFile: certs.client.keyFile })],
    [
      'an encrypted key and its password',
      () => ({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        keyPassword: certs.client.keyPassword,
      }),
    ],
  ])('presents the client certificate with %s', async (_name, options) => {
    const before = mtls.log.clients.length;
    const socket = await connect(options(), mtls.port);
    expect(await readGreetingAndClose(socket)).toBe('hello');
    expect(mtls.log.clients.slice(before)).toEqual([
      { cn: 'urlpool test client', authorized: true },
    ]);
  });

  it('fails the handshake without a client certificate (TLS 1.2)', async () => {
    const error = await rejectionOf(connect({ sslMaximumVersion: 'TLSv1.2' }, mtls.port));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain(`localhost:${mtls.port}`);
  });
});

describe('TLS version pinning', () => {
  it('negotiates TLS 1.3 by default and TLS 1.2 when that is the maximum', async () => {
    const s = await server({});
    const modern = await connect({}, s.port);
    expect(modern.getProtocol()).toBe('TLSv1.3');
    modern.destroy();
    const pinned = await connect({ sslMaximumVersion: 'TLSv1.2' }, s.port);
    expect(pinned.getProtocol()).toBe('TLSv1.2');
    pinned.destroy();
  });

  it('fails against a server that only speaks a version outside the range', async () => {
    const old = await server({ maxVersion: 'TLSv1.2' });
    const error = await rejectionOf(connect({ sslMinimumVersion: 'TLSv1.3' }, old.port));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toMatch(/^TLS handshake failed: .*(protocol|version)/i);
    const modern = await server({ minVersion: 'TLSv1.3' });
    const error2 = await rejectionOf(connect({ sslMaximumVersion: 'TLSv1.2' }, modern.port));
    expect(error2).toBeInstanceOf(SSLError);
  });
});

describe('SSLKEYLOGFILE', () => {
  const saved = process.env.SSLKEYLOGFILE;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'urlpool-keylog-'));
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.SSLKEYLOGFILE;
    else process.env.SSLKEYLOGFILE = saved;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    'appends the %s secrets the server also derived, in NSS format',
    async (version) => {
      const file = join(dir, `${version}.log`);
      process.env.SSLKEYLOGFILE = file;
      const s = await server({});
      const socket = await connect({ sslMaximumVersion: version }, s.port);
      expect(await readGreetingAndClose(socket)).toBe('hello');
      const lines = readFileSync(file, 'latin1').trim().split('\n');
      const labels = new Set(lines.map((l) => l.split(' ')[0]));
      if (version === 'TLSv1.2') expect(labels).toEqual(new Set(['CLIENT_RANDOM']));
      else expect(labels).toContain('CLIENT_TRAFFIC_SECRET_0');
      for (const line of lines) expect(line).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]+$/);
      // Both ends log the same secrets for the same session: the file matches the server's log.
      expect(lines.sort()).toEqual(s.log.keylog.map((l) => l.trim()).sort());
    },
  );

  it('writes nothing when the variable is unset', async () => {
    delete process.env.SSLKEYLOGFILE;
    const s = await server({});
    const socket = await connect({}, s.port);
    socket.destroy();
    expect(resolveTlsOptions({}).keyLogFile).toBeUndefined();
  });
});

describe('TLS session resumption', () => {
  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    'resumes the last %s session of the same connector',
    async (version) => {
      const s = await server({});
      const connect = connector({ sslMaximumVersion: version });
      const first = (await connect(connectRequest('localhost', s.port))).socket as TLSSocket;
      expect(first.isSessionReused()).toBe(false);
      // Reading lets TLS 1.3 session tickets (sent after the handshake) arrive.
      await readGreetingAndClose(first);
      const second = (await connect(connectRequest('localhost', s.port))).socket as TLSSocket;
      expect(second.isSessionReused()).toBe(true);
      await readGreetingAndClose(second);
      const fresh = (
        await connector({ sslMaximumVersion: version })(connectRequest('localhost', s.port))
      ).socket as TLSSocket;
      expect(fresh.isSessionReused()).toBe(false);
      await readGreetingAndClose(fresh);
    },
  );

  it.each(['TLSv1.2', 'TLSv1.3'] as const)(
    'never resumes a %s session whose checks failed',
    async (version) => {
      const s = await server({ cert: certs.otherServer.cert, key: certs.otherServer.key });
      const connect = connector({ sslMaximumVersion: version });
      for (let attempt = 0; attempt < 3; attempt++) {
        const error = await rejectionOf(connect(connectRequest('localhost', s.port)));
        expect(error.message).toContain("hostname 'localhost' doesn't match");
      }
    },
  );

  it('keeps sessions apart per host name', async () => {
    const s = await server({});
    const connect = connector({});
    const first = (await connect(connectRequest('localhost', s.port))).socket as TLSSocket;
    await readGreetingAndClose(first);
    const byIp = (await connect(connectRequest('127.0.0.1', s.port))).socket as TLSSocket;
    expect(byIp.isSessionReused()).toBe(false);
    await readGreetingAndClose(byIp);
  });
});
