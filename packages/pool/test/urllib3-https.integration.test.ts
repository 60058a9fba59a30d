// Ported from urllib3's test/with_dummyserver/test_https.py: certificate verification (caCerts,
// caCertDir, sslContext, bad and missing CAs), CERT_NONE and InsecureRequestWarning, host-name
// checks (dotted FQDN, IP SANs, a certificate without SAN), fingerprint pins, client
// certificates (intermediate chains, encrypted keys), TLS version bounds, ciphers and
// SSLKEYLOGFILE, against servers pinned to TLS 1.2 and to TLS 1.3 as urllib3's TestHTTPS_TLSv1_2
// and TestHTTPS_TLSv1_3. Requests go through pool's HTTPSConnectionPool. Already tested
// elsewhere, so not repeated here: SNI and serverHostname, assertHostname, Node's bundled roots,
// handshake timeouts and aborts (pool/test/https-pool.integration.test.ts), ALPN and
// SSLKEYLOGFILE contents (pool/test/https-pool-tls-options.integration.test.ts), once-per-host
// warnings (pool/test/https-warnings.integration.test.ts). Skipped, no equivalent: TLSv1/1.1
// (refused by Node's OpenSSL security level), ssl_version deprecation, SystemTimeWarning,
// hostname_checks_common_name, tunnels through _tunnel, tarpit hosts (no network).
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext, type TLSSocket } from 'node:tls';
import { createTcpConnector } from '@urlpool/connection';
import {
  type Connector,
  ConnectTimeoutError,
  MaxRetryError,
  ProtocolError,
  SSLError,
  Timeout,
} from '@urlpool/core';
import {
  generateTestCertificates,
  serverTls,
  startRawServer,
  startTestServer,
  type TestCertificates,
  type TestServer,
} from '@urlpool/test-server';
import type { TlsVersion } from '@urlpool/tls-config';
import { type HTTPWarning, InsecureRequestWarning, onWarning } from '@urlpool/warnings';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HTTPSConnectionPool, type HTTPSConnectionPoolOptions } from '../src/index.ts';

let certs: TestCertificates;
let extra: {
  dir: string;
  intermediateChain: string; // client cert + intermediate CA
  clientOnly: string; // client cert without the intermediate
  clientKey: string;
  noSan: { cert: string; key: string };
};
const pools: HTTPSConnectionPool[] = [];
const warnings: HTTPWarning[] = [];
let stopListening: () => void;

function openssl(cwd: string, args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

/** Issues `name`.pem from `name`.key, signed by `ca`, with `exts` (openssl syntax). */
function issue(dir: string, name: string, subject: string, ca: string, exts: string[]): void {
  openssl(dir, [
    'genpkey',
    '-algorithm',
    'EC',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-out',
    `${name}.key`,
  ]);
  openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
  writeFileSync(join(dir, `${name}.ext`), `${exts.join('\n')}\n`);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  ]);
}

beforeAll(async () => {
  certs = await generateTestCertificates();
  const dir = mkdtempSync(join(tmpdir(), 'urlpool-urllib3-https-'));
  copyFileSync(certs.ca.certFile, join(dir, 'root.pem'));
  copyFileSync(certs.ca.keyFile, join(dir, 'root.key'));
  // urllib3's client chain: root CA -> intermediate CA -> client certificate.
  issue(dir, 'inter', '/CN=urlpool intermediate CA', 'root', [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  issue(dir, 'client', '/OU=Testing cert/CN=example.com', 'inter', [
    'basicConstraints=critical,CA:FALSE',
    'extendedKeyUsage=clientAuth',
  ]);
  // A server certificate for localhost that carries the name only as its common name.
  issue(dir, 'nosan', '/CN=localhost', 'root', [
    'basicConstraints=critical,CA:FALSE',
    'extendedKeyUsage=serverAuth',
  ]);
  const read = (f: string): string => readFileSync(join(dir, f), 'latin1');
  writeFileSync(join(dir, 'client-chain.pem'), read('client.pem') + read('inter.pem'));
  extra = {
    dir,
    intermediateChain: join(dir, 'client-chain.pem'),
    clientOnly: join(dir, 'client.pem'),
    clientKey: join(dir, 'client.key'),
    noSan: { cert: read('nosan.pem'), key: read('nosan.key') },
  };
  stopListening = onWarning((w) => warnings.push(w));
});
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
  warnings.length = 0;
});
afterAll(() => {
  stopListening();
  rmSync(extra.dir, { recursive: true, force: true });
});

function pool(host: string, port: number, options: HTTPSConnectionPoolOptions = {}) {
  const p = new HTTPSConnectionPool(host, { port, ...options });
  pools.push(p);
  return p;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

/** The reason of a MaxRetryError (retries: 0), checked to be an SSLError with a cause. */
async function sslFailure(promise: Promise<unknown>): Promise<SSLError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(MaxRetryError);
  const reason = (error as MaxRetryError).reason;
  expect(reason).toBeInstanceOf(SSLError);
  return reason as SSLError;
}

function fingerprint(pem: string, algorithm: 'md5' | 'sha1' | 'sha256'): string {
  const der = new X509Certificate(pem).raw;
  const hex = createHash(algorithm).update(der).digest('hex').toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** What {@link startFactsServer} answers: the TLS connection the request came on. */
interface Facts {
  readonly protocol: string | null;
  readonly cipher: string;
  readonly servername: string | false;
}

interface FactsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** An HTTPS server answering every request with {@link Facts} about its TLS connection. */
async function startFactsServer(options: Parameters<typeof createServer>[0]): Promise<FactsServer> {
  const server: Server = createServer(options, (req, res) => {
    const socket = req.socket as TLSSocket & { servername: string | false };
    const facts: Facts = {
      protocol: socket.getProtocol(),
      cipher: socket.getCipher().name,
      servername: socket.servername,
    };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(facts));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(['TLSv1.2', 'TLSv1.3'] as const)('TestHTTPS against a %s server', (version) => {
  let server: TestServer;
  let mtls: TestServer;
  let otherName: TestServer;
  let facts: FactsServer;
  const pinned = { minVersion: version, maxVersion: version };

  beforeAll(async () => {
    facts = await startFactsServer({ ...serverTls(certs), ...pinned });
    [server, mtls, otherName] = await Promise.all([
      startTestServer({ tls: { ...serverTls(certs), extra: pinned } }),
      startTestServer({
        tls: { ...serverTls(certs), ca: certs.ca.cert, requestCert: true, extra: pinned },
      }),
      startTestServer({
        tls: { key: certs.otherServer.key, cert: certs.otherServer.cert, extra: pinned },
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server.close(), mtls.close(), otherName.close(), facts.close()]);
  });

  const verified = (host = 'localhost', port = (): number => server.port) =>
    pool(host, port(), { caCerts: certs.ca.certFile, sslMinimumVersion: version });

  it('test_simple / test_verified: a verified request succeeds without warnings', async () => {
    const response = await verified().request('GET', '/get');
    expect(response.status).toBe(200);
    expect(warnings).toEqual([]);
  });

  it('test_dotted_fqdn: a trailing dot is dropped for SNI and the name check', async () => {
    // Not every resolver knows `localhost.`, so the TCP connection goes to 127.0.0.1 directly.
    const tcp = createTcpConnector();
    const connector: Connector = (request) => tcp({ ...request, host: '127.0.0.1' });
    for (const options of [{}, { serverHostname: 'localhost.' }]) {
      const host = 'serverHostname' in options ? '127.0.0.1' : 'localhost.';
      const p = pool(host, facts.port, {
        caCerts: certs.ca.certFile,
        sslMinimumVersion: version,
        connector,
        ...options,
      });
      const body = (await (await p.request('GET', '/')).json()) as Facts;
      expect(body.servername).toBe('localhost');
      expect(body.protocol).toBe(version);
    }
  });

  it('test_client_intermediate: a client chain with its intermediate CA is accepted', async () => {
    const p = pool('localhost', mtls.port, {
      caCerts: certs.ca.certFile,
      certFile: extra.intermediateChain,
      keyFile: extra.clientKey,
      sslMinimumVersion: version,
    });
    const body = (await (await p.request('GET', '/anything')).json()) as {
      clientCert: { subject: string };
    };
    expect(body.clientCert.subject).toContain('OU=Testing cert');
  });

  it('test_client_no_intermediate: a client certificate without its intermediate fails', async () => {
    const p = pool('localhost', mtls.port, {
      caCerts: certs.ca.certFile,
      certFile: extra.clientOnly,
      keyFile: extra.clientKey,
      sslMinimumVersion: version,
    });
    const error = await rejection(p.request('GET', '/anything', { retries: false }));
    // As urllib3 (SSLError or ProtocolError): TLS 1.2 fails the handshake; TLS 1.3 reports the
    // server's alert after it, or only the connection's end when the close wins the race.
    expect(error instanceof SSLError || error instanceof ProtocolError).toBe(true);
  });

  it('test_client_key_password: an encrypted key with its password works', async () => {
    const p = pool('localhost', mtls.port, {
      caCerts: certs.ca.certFile,
      certFile: certs.client.certFile,
      keyFile: certs.client.encryptedKeyFile,
      keyPassword: certs.client.keyPassword,
      sslMinimumVersion: version,
    });
    const body = (await (await p.request('GET', '/anything')).json()) as {
      clientCert: { subject: string };
    };
    expect(body.clientCert.subject).toContain('CN=urlpool test client');
  });

  it('test_client_encrypted_key_requires_password, and a wrong password: SSLError', () => {
    // urllib3 fails on the first request; urlpool reads the key when the pool is made.
    const make = (keyPassword?: string) => () =>
      new HTTPSConnectionPool('localhost', {
        port: mtls.port,
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        ...(keyPassword === undefined ? {} : { keyPassword }),
      });
    expect(make()).toThrow(SSLError);
    expect(make()).toThrow('password is required');
    expect(make('wrong password')).toThrow(SSLError);
    expect(make('wrong password')).toThrow(certs.client.encryptedKeyFile);
  });

  it('test_verified_with_context: an sslContext holding the CA verifies, no warning', async () => {
    const sslContext = createSecureContext({ ca: certs.ca.cert, minVersion: version });
    const response = await pool('localhost', server.port, { sslContext }).request('GET', '/get');
    expect(response.status).toBe(200);
    expect(warnings).toEqual([]);
  });

  it('test_context_combines_with_ca_certs: refused, the context must hold the CA', () => {
    // urllib3 loads ca_certs into the given SSLContext; a Node SecureContext cannot be extended
    // through its public API, so urlpool asks for the CA inside the context instead.
    const sslContext = createSecureContext({ minVersion: version });
    expect(() =>
      pool('localhost', server.port, { sslContext, caCerts: certs.ca.certFile }),
    ).toThrow(/sslContext cannot be combined with caCerts/);
  });

  it('test_ca_dir_verified: a caCertDir with the CA under its hash name verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urlpool-ca-dir-'));
    try {
      copyFileSync(certs.ca.certFile, join(dir, '81deb5f7.0'));
      const p = pool('localhost', server.port, { caCertDir: dir, sslMinimumVersion: version });
      expect((await p.request('GET', '/get')).status).toBe(200);
      expect(warnings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("test_invalid_common_name: an IP the certificate does not name: doesn't match", async () => {
    const reason = await sslFailure(
      verified('127.0.0.1', () => otherName.port).request('GET', '/get', { retries: 0 }),
    );
    expect(reason.message).toContain("doesn't match");
    expect(reason.message).toContain(`127.0.0.1:${otherName.port}`);
    expect(reason.cause).toBeInstanceOf(Error);
  });

  it('test_verified_with_bad_ca_certs: certificate verify failed, the Node error as cause', async () => {
    const requestsBefore = server.requests.length;
    const p = pool('localhost', server.port, {
      caCerts: certs.selfSigned.certFile,
      sslMinimumVersion: version,
    });
    const reason = await sslFailure(p.request('GET', '/get', { retries: 0 }));
    expect(reason.message).toContain('certificate verify failed');
    expect((reason.cause as NodeJS.ErrnoException).code).toMatch(/^[A-Z_]+$/);
    expect(server.requests).toHaveLength(requestsBefore);
  });

  it('test_assert_fingerprint_md5 / sha1 / sha256: upper case with colons', async () => {
    for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
      const p = pool('localhost', server.port, {
        caCerts: certs.ca.certFile,
        assertFingerprint: fingerprint(certs.server.cert, algorithm),
        sslMinimumVersion: version,
      });
      expect((await p.request('GET', '/get')).status).toBe(200);
    }
    expect(warnings).toEqual([]);
  });

  it('test_assert_invalid_fingerprint: mismatch and invalid lengths', async () => {
    const p = pool('localhost', server.port, {
      caCerts: certs.ca.certFile,
      assertFingerprint: 'AA:AA:AA:AA:AA:AAAA:AA:AAAA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA',
    });
    const reason = await sslFailure(p.request('GET', '/get', { retries: 0 }));
    const expected = 'a'.repeat(40);
    const got = fingerprint(certs.server.cert, 'sha1').replaceAll(':', '').toLowerCase();
    expect(reason.message).toMatch(
      new RegExp(`^Fingerprints did not match\\. Expected "${expected}", got "${got}"`),
    );
    // urllib3 checks the length on the request; urlpool when the pool is made.
    for (const bad of ['AA:A', 'AA']) {
      const make = () => new HTTPSConnectionPool('localhost', { assertFingerprint: bad });
      expect(make).toThrow(SSLError);
      expect(make).toThrow('Fingerprint of invalid length:');
    }
  });

  it('test_verify_none_and_bad_fingerprint: a wrong pin fails even with CERT_NONE', async () => {
    const p = pool('127.0.0.1', server.port, {
      certReqs: 'CERT_NONE',
      caCerts: certs.selfSigned.certFile,
      assertFingerprint: 'AA:AA:AA:AA:AA:AAAA:AA:AAAA:AA:AA:AA:AA:AA:AA:AA:AA:AA:AA',
    });
    const reason = await sslFailure(p.request('GET', '/get', { retries: 0 }));
    expect(reason.message).toContain('Fingerprints did not match');
  });

  it('test_verify_none_and_good_fingerprint: a matching pin passes with CERT_NONE, no warning', async () => {
    const p = pool('127.0.0.1', server.port, {
      certReqs: 'CERT_NONE',
      caCerts: certs.selfSigned.certFile,
      assertFingerprint: fingerprint(certs.server.cert, 'sha1'),
      sslMinimumVersion: version,
    });
    expect((await p.request('GET', '/get')).status).toBe(200);
    expect(warnings).toEqual([]);
  });

  it('test_good_fingerprint_and_hostname_mismatch: the pin replaces the name check', async () => {
    const p = pool('127.0.0.1', otherName.port, {
      caCerts: certs.ca.certFile,
      assertFingerprint: fingerprint(certs.otherServer.cert, 'sha1'),
      sslMinimumVersion: version,
    });
    expect((await p.request('GET', '/get')).status).toBe(200);
  });

  it('test_tls_version_maximum_and_minimum / test_tls_protocol_name_of_socket', async () => {
    // A server that speaks both versions: the client's bounds pick the one negotiated.
    const both = await startFactsServer({ ...serverTls(certs), minVersion: 'TLSv1.2' });
    const ranges: Array<[TlsVersion | undefined, TlsVersion | undefined]> = [
      [version, version],
      [undefined, version],
    ];
    if (version === 'TLSv1.3') ranges.push(['TLSv1.2', 'TLSv1.3'], [undefined, undefined]);
    try {
      for (const [sslMinimumVersion, sslMaximumVersion] of ranges) {
        const p = pool('localhost', both.port, {
          caCerts: certs.ca.certFile,
          ...(sslMinimumVersion === undefined ? {} : { sslMinimumVersion }),
          ...(sslMaximumVersion === undefined ? {} : { sslMaximumVersion }),
        });
        const body = (await (await p.request('GET', '/')).json()) as Facts;
        expect(body.protocol).toBe(version);
      }
    } finally {
      for (const p of pools.splice(0)) p.close();
      await both.close();
    }
  });
});

describe('TestHTTPS, once per process', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ tls: serverTls(certs) });
  });
  afterAll(() => server.close());

  it('test_ssl_unverified_with_ca_certs: CERT_NONE ignores a bad CA and warns', async () => {
    const p = pool('localhost', server.port, {
      certReqs: 'CERT_NONE',
      caCerts: certs.selfSigned.certFile,
    });
    expect((await p.request('GET', '/get')).status).toBe(200);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBeInstanceOf(InsecureRequestWarning);
  });

  it('test_sslkeylogfile_empty: an empty SSLKEYLOGFILE is ignored', async () => {
    const saved = process.env.SSLKEYLOGFILE;
    process.env.SSLKEYLOGFILE = '';
    try {
      const p = pool('localhost', server.port, { caCerts: certs.ca.certFile });
      expect((await p.request('GET', '/get')).status).toBe(200);
    } finally {
      if (saved === undefined) delete process.env.SSLKEYLOGFILE;
      else process.env.SSLKEYLOGFILE = saved;
    }
  });

  it('ciphers: the cipher list limits what TLS 1.2 negotiates; a bad list is an SSLError', async () => {
    const facts = await startFactsServer({ ...serverTls(certs), maxVersion: 'TLSv1.2' });
    try {
      for (const cipher of ['ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-CHACHA20-POLY1305']) {
        const p = pool('localhost', facts.port, { caCerts: certs.ca.certFile, ciphers: cipher });
        const body = (await (await p.request('GET', '/')).json()) as Facts;
        expect(body.cipher).toBe(cipher);
      }
    } finally {
      for (const p of pools.splice(0)) p.close();
      await facts.close();
    }
    expect(() => new HTTPSConnectionPool('localhost', { ciphers: 'NOT-A-CIPHER' })).toThrow(
      SSLError,
    );
  });
});

describe('test_https_timeout / test_enhanced_timeout: a handshake that never completes', () => {
  it('fails with ConnectTimeoutError from the pool timeout or a shorter request timeout', async () => {
    // A loopback "tarpit": accepts TCP, never answers the ClientHello.
    const silent = await startRawServer(async () => {});
    try {
      const short = pool('localhost', silent.port, {
        caCerts: certs.ca.certFile,
        timeout: new Timeout({ connect: 100 }),
        retries: false,
      });
      const error = await rejection(short.request('GET', '/'));
      expect(error).toBeInstanceOf(ConnectTimeoutError);
      expect(error.message).toContain('TLS handshake');

      const long = pool('localhost', silent.port, {
        caCerts: certs.ca.certFile,
        timeout: new Timeout({ connect: 20_000 }),
        retries: false,
      });
      const started = performance.now();
      const overridden = await rejection(
        long.request('GET', '/', { timeout: new Timeout({ total: null, connect: 100 }) }),
      );
      expect(overridden).toBeInstanceOf(ConnectTimeoutError);
      expect(performance.now() - started).toBeLessThan(5000);
    } finally {
      for (const p of pools.splice(0)) p.close();
      await silent.close();
    }
  });
});

describe('TestHTTPS_Hostname, TestHTTPS_IPV4SAN, TestHTTPS_IPV6SAN', () => {
  it('test_common_name_without_san_fails: a common name alone does not match', async () => {
    const noSan = await startTestServer({ tls: extra.noSan });
    try {
      const p = pool('localhost', noSan.port, { caCerts: certs.ca.certFile });
      const reason = await sslFailure(p.request('GET', '/get', { retries: 0 }));
      expect(reason.message).toContain("doesn't match");
      expect(reason.message).toContain('no appropriate subjectAltName');
    } finally {
      for (const p of pools.splice(0)) p.close();
      await noSan.close();
    }
  });

  it('test_can_validate_ip_san / test_can_validate_ipv6_san: 127.0.0.1, ::1 and [::1]', async () => {
    const v4 = await startTestServer({ tls: serverTls(certs) });
    const v6 = await startTestServer({ host: '::1', tls: serverTls(certs) });
    try {
      const hosts: Array<[string, number]> = [
        ['127.0.0.1', v4.port],
        ['::1', v6.port],
        ['[::1]', v6.port],
      ];
      for (const [host, port] of hosts) {
        const p = pool(host, port, { caCerts: certs.ca.certFile });
        expect((await p.request('GET', '/get')).status).toBe(200);
      }
    } finally {
      for (const p of pools.splice(0)) p.close();
      await Promise.all([v4.close(), v6.close()]);
    }
  });
});
