import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { isIpLiteral, normalizeTlsHost, verifyServerIdentity } from '../src/index.ts';

let certs: TestCertificates;
let server: PeerCertificate;
beforeAll(async () => {
  certs = await generateTestCertificates();
  server = new X509Certificate(certs.server.cert).toLegacyObject() as PeerCertificate;
});

describe('verifyServerIdentity', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', '127.0.0.1', '::1', '[::1]'])(
    'accepts %s',
    (name) => {
      expect(() => verifyServerIdentity(name, server)).not.toThrow();
    },
  );

  it.each(['other.example', '127.0.0.2', '::2'])('rejects %s naming it', (name) => {
    let error: unknown;
    try {
      verifyServerIdentity(name, server);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toContain(`hostname '${name}' doesn't match`);
    expect((error as Error).message).toContain('DNS:localhost');
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('host helpers', () => {
  it('strip brackets and IPv6 zone ids', () => {
    expect(normalizeTlsHost('[::1]')).toBe('::1');
    expect(normalizeTlsHost('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeTlsHost('example.com')).toBe('example.com');
    expect(normalizeTlsHost('example.com.')).toBe('example.com'); // urllib3 drops the FQDN dot
    expect(normalizeTlsHost('.')).toBe('.');
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('localhost')).toBe(false);
  });
});
