import { createHash, X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { createSecureContext } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { resolveTlsOptions, type TlsOptions } from '@urlpool/tls-config';
import {
  disableWarnings,
  type HTTPWarning,
  InsecureRequestWarning,
  onWarning,
} from '@urlpool/warnings';
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
let caServer: TestTlsServer; // localhost/127.0.0.1/::1 cert from the CA; other.example via SNI
let selfSignedServer: TestTlsServer;
let otherNameServer: TestTlsServer; // always presents the other.example cert

beforeAll(async () => {
  certs = await generateTestCertificates();
  const otherContext = createSecureContext({
    cert: certs.otherServer.cert,
    key: certs.otherServer.key,
  });
  caServer = await startTlsServer({
    cert: certs.server.cert,
    key: certs.server.key,
    SNICallback: (name, cb) => cb(null, name === 'other.example' ? otherContext : undefined),
  });
  selfSignedServer = await startTlsServer({
    cert: certs.selfSigned.cert,
    key: certs.selfSigned.key,
  });
  otherNameServer = await startTlsServer({
    cert: certs.otherServer.cert,
    key: certs.otherServer.key,
  });
});
afterAll(async () => {
  await Promise.all([caServer.close(), selfSignedServer.close(), otherNameServer.close()]);
});

const warnings: HTTPWarning[] = [];
const cleanups: Array<() => void> = [];
beforeAll(() => {
  cleanups.push(onWarning((w) => warnings.push(w)));
});
afterEach(() => {
  warnings.length = 0;
});
afterAll(() => {
  for (const c of cleanups) c();
});

function connector(options: TlsOptions) {
  return createTlsConnector(resolveTlsOptions(options), createTcpConnector());
}

async function connect(options: TlsOptions, host: string, port: number): Promise<TLSSocket> {
  return (await connector(options)(connectRequest(host, port))).socket as TLSSocket;
}

function pin(algorithm: string, pem: string): string {
  return createHash(algorithm).update(new X509Certificate(pem).raw).digest('hex');
}

describe('certificate verification', () => {
  it('connects to a server whose chain verifies against caCerts, with ALPN http/1.1', async () => {
    const socket = await connect({ caCerts: certs.ca.certFile }, 'localhost', caServer.port);
    expect(socket.authorized).toBe(true);
    expect(socket.alpnProtocol).toBe('http/1.1');
    expect(await readGreetingAndClose(socket)).toBe('hello');
    expect(warnings).toEqual([]);
  });

  it('resolves the negotiated ALPN protocol beside the socket', async () => {
    const connected = await connector({ caCerts: certs.ca.certFile })(
      connectRequest('localhost', caServer.port),
    );
    expect(connected.alpnProtocol).toBe('http/1.1');
    connected.socket.destroy();
  });

  it.each([
    ['caCertDir', () => ({ caCertDir: certs.ca.certDir })],
    ['caCertData PEM', () => ({ caCertData: certs.ca.cert })],
    ['caCertData DER', () => ({ caCertData: certs.ca.certDer })],
  ])('verifies with %s', async (_name, options) => {
    const socket = await connect(options(), '127.0.0.1', caServer.port);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('rejects a self-signed certificate: certificate verify failed, naming the host', async () => {
    const error = await rejectionOf(
      connect({ caCerts: certs.ca.certFile }, 'localhost', selfSignedServer.port),
    );
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toMatch(/^certificate verify failed: self[- ]signed certificate/);
    expect(error.message).toContain(`localhost:${selfSignedServer.port}`);
    expect((error.cause as NodeJS.ErrnoException).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });

  it("rejects the private CA's certificate with Node's bundled roots", async () => {
    const error = await rejectionOf(connect({}, 'localhost', caServer.port));
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain('certificate verify failed: unable to verify the first');
  });

  it('connects without verification for CERT_NONE and warns once per host', async () => {
    for (let i = 0; i < 3; i++) {
      const socket = await connect({ certReqs: 'CERT_NONE' }, '127.0.0.1', selfSignedServer.port);
      expect(socket.authorized).toBe(false);
      socket.destroy();
    }
    const socket = await connect({ certReqs: 'CERT_NONE' }, 'localhost', selfSignedServer.port);
    socket.destroy();
    expect(warnings.map((w) => w.message.match(/host '([^']+)'/)?.[1])).toEqual([
      '127.0.0.1',
      'localhost',
    ]);
    expect(warnings[0]).toBeInstanceOf(InsecureRequestWarning);
  });

  it('emits no InsecureRequestWarning while the category is disabled', async () => {
    const undo = disableWarnings(InsecureRequestWarning);
    try {
      const socket = await connect(
        { certReqs: 'CERT_NONE' },
        '::ffff:127.0.0.1',
        selfSignedServer.port,
      );
      socket.destroy();
      expect(warnings).toEqual([]);
    } finally {
      undo();
    }
  });
});

describe('SNI and host names', () => {
  it('sends the host as SNI, and none for an IP literal', async () => {
    const before = caServer.log.servernames.length;
    // The server greets after its side of the handshake, so reading the greeting orders events.
    await readGreetingAndClose(
      await connect({ caCerts: certs.ca.certFile }, 'localhost', caServer.port),
    );
    await readGreetingAndClose(
      await connect({ caCerts: certs.ca.certFile }, '127.0.0.1', caServer.port),
    );
    expect(caServer.log.servernames.slice(before)).toEqual(['localhost', false]);
  });

  it('sends serverHostname as SNI and verifies that name', async () => {
    const before = caServer.log.servernames.length;
    const socket = await connect(
      { caCerts: certs.ca.certFile, serverHostname: 'other.example' },
      '127.0.0.1',
      caServer.port,
    );
    expect(socket.getPeerCertificate().subject.CN).toBe('other.example');
    await readGreetingAndClose(socket);
    expect(caServer.log.servernames.slice(before)).toEqual(['other.example']);
  });

  it('verifies an IPv6 literal against the IP SAN, sending no SNI', async () => {
    const v6 = await startTlsServer({ cert: certs.server.cert, key: certs.server.key }, '::1');
    try {
      // ConnectRequest.host carries IPv6 literals without brackets.
      const socket = await connect({ caCerts: certs.ca.certFile }, '::1', v6.port);
      expect(socket.authorized).toBe(true);
      await readGreetingAndClose(socket);
      expect(v6.log.servernames).toEqual([false]);
    } finally {
      await v6.close();
    }
  });

  it('sends no SNI for an IP serverHostname but verifies it', async () => {
    const before = caServer.log.servernames.length;
    const socket = await connect(
      { caCerts: certs.ca.certFile, serverHostname: '127.0.0.1' },
      'localhost',
      caServer.port,
    );
    await readGreetingAndClose(socket);
    expect(caServer.log.servernames.slice(before)).toEqual([false]);
  });

  it("rejects a certificate for another name: hostname doesn't match", async () => {
    const error = await rejectionOf(
      connect({ caCerts: certs.ca.certFile }, 'localhost', otherNameServer.port),
    );
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toContain("hostname 'localhost' doesn't match");
    expect(error.message).toContain('DNS:other.example');
    expect(error.message).toContain(`localhost:${otherNameServer.port}`);
  });

  it('accepts it when assertHostname names the certificate, or is false', async () => {
    const a = await connect(
      { caCerts: certs.ca.certFile, assertHostname: 'other.example' },
      'localhost',
      otherNameServer.port,
    );
    a.destroy();
    const b = await connect(
      { caCerts: certs.ca.certFile, assertHostname: false },
      'localhost',
      otherNameServer.port,
    );
    b.destroy();
    const error = await rejectionOf(
      connect(
        { caCerts: certs.ca.certFile, assertHostname: 'third.example' },
        'localhost',
        otherNameServer.port,
      ),
    );
    expect(error.message).toContain("hostname 'third.example' doesn't match");
  });

  it('still verifies the chain when assertHostname is false', async () => {
    const error = await rejectionOf(
      connect(
        { caCerts: certs.ca.certFile, assertHostname: false },
        'localhost',
        selfSignedServer.port,
      ),
    );
    expect(error.message).toContain('certificate verify failed');
  });
});

describe('fingerprint pinning', () => {
  it.each(['md5', 'sha1', 'sha256'])(
    'accepts a matching %s pin with CERT_NONE, without warning',
    async (algorithm) => {
      const socket = await connect(
        { certReqs: 'CERT_NONE', assertFingerprint: pin(algorithm, certs.selfSigned.cert) },
        'localhost',
        selfSignedServer.port,
      );
      expect(await readGreetingAndClose(socket)).toBe('hello');
      expect(warnings).toEqual([]);
    },
  );

  it.each(['md5', 'sha1', 'sha256'])(
    'rejects a %s pin of another certificate',
    async (algorithm) => {
      const expected = pin(algorithm, certs.server.cert);
      const error = await rejectionOf(
        connect(
          { certReqs: 'CERT_NONE', assertFingerprint: expected },
          'localhost',
          selfSignedServer.port,
        ),
      );
      expect(error).toBeInstanceOf(SSLError);
      expect(error.message).toContain(
        `Fingerprints did not match. Expected "${expected}", got "${pin(algorithm, certs.selfSigned.cert)}"`,
      );
      expect(error.message).toContain(`localhost:${selfSignedServer.port}`);
    },
  );

  it('overrides the name check when the pin matches', async () => {
    const socket = await connect(
      { caCerts: certs.ca.certFile, assertFingerprint: pin('sha256', certs.otherServer.cert) },
      'localhost',
      otherNameServer.port,
    );
    socket.destroy();
  });

  it('does not override chain verification under CERT_REQUIRED', async () => {
    const error = await rejectionOf(
      connect(
        { caCerts: certs.ca.certFile, assertFingerprint: pin('sha256', certs.selfSigned.cert) },
        'localhost',
        selfSignedServer.port,
      ),
    );
    expect(error.message).toContain('certificate verify failed');
  });
});
