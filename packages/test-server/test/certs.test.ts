import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestCertificates, type TestCertificates } from '../src/certs.ts';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await generateTestCertificates();
});

describe('generateTestCertificates', () => {
  it('caches the result per process', async () => {
    expect(await generateTestCertificates()).toBe(certs);
    expect(existsSync(certs.server.certFile)).toBe(true);
  });

  it('issues the server certificate from the CA for localhost, 127.0.0.1 and ::1', () => {
    const ca = new X509Certificate(certs.ca.cert);
    const server = new X509Certificate(certs.server.cert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('other.example')).toBeUndefined();
  });

  it('issues a second server certificate for other.example only', () => {
    const other = new X509Certificate(certs.otherServer.cert);
    expect(other.checkIssued(new X509Certificate(certs.ca.cert))).toBe(true);
    expect(other.checkHost('other.example')).toBe('other.example');
    expect(other.checkHost('localhost')).toBeUndefined();
    expect(other.checkIP('127.0.0.1')).toBeUndefined();
  });

  it('makes a self-signed certificate outside the CA', () => {
    const self = new X509Certificate(certs.selfSigned.cert);
    expect(self.checkIssued(new X509Certificate(certs.ca.cert))).toBe(false);
    expect(self.checkIssued(self)).toBe(true);
    expect(self.checkHost('localhost')).toBe('localhost');
  });

  it('gives the client key plain and encrypted with the password', () => {
    const client = new X509Certificate(certs.client.cert);
    expect(client.keyUsage).toContain('1.3.6.1.5.5.7.3.2'); // clientAuth
    expect(() => createPrivateKey(certs.client.encryptedKey)).toThrow();
    const decrypted = createPrivateKey({
      key: certs.client.encryptedKey,
      passphrase: certs.client.keyPassword,
    });
    const plain = createPrivateKey(certs.client.key);
    expect(decrypted.export({ format: 'jwk' })).toEqual(plain.export({ format: 'jwk' }));
    expect(client.checkPrivateKey(plain)).toBe(true);
  });

  it('writes the CA as DER and into a directory of its own', () => {
    const der = new X509Certificate(certs.ca.certDer);
    expect(der.fingerprint256).toBe(new X509Certificate(certs.ca.cert).fingerprint256);
    expect(readdirSync(certs.ca.certDir)).toEqual(['urlpool-test-ca.pem']);
  });

  it('writes into a given directory, without caching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'urlpool-certs-test-'));
    try {
      const own = await generateTestCertificates(dir);
      expect(own.dir).toBe(dir);
      expect(own.server.certFile.startsWith(dir)).toBe(true);
      expect(own.ca.cert).not.toBe(certs.ca.cert);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('certificates in a real TLS handshake', () => {
  const server = createServer({}, (socket) => socket.end('ok'));
  let port = 0;
  beforeAll(async () => {
    server.setSecureContext({ cert: certs.server.cert, key: certs.server.key });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  function handshake(ca: string): Promise<TLSSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca, servername: 'localhost' });
      socket.once('secureConnect', () => resolve(socket));
      socket.once('error', (error) => {
        socket.destroy();
        reject(error);
      });
    });
  }

  it('verifies against the test CA', async () => {
    const socket = await handshake(certs.ca.cert);
    expect(socket.authorized).toBe(true);
    socket.destroy();
  });

  it('fails against an unrelated root', async () => {
    await expect(handshake(certs.selfSigned.cert)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });
});
