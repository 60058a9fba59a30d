import { createHash, X509Certificate } from 'node:crypto';
import { SSLError } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkFingerprint, parseFingerprint, resolveTlsOptions } from '../src/index.ts';

let certs: TestCertificates;
let der: Buffer;
beforeAll(async () => {
  certs = await generateTestCertificates();
  der = new X509Certificate(certs.server.cert).raw;
});

function hexOf(algorithm: string, data: Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

describe('parseFingerprint', () => {
  it('picks the algorithm from the length and accepts colons and upper case', () => {
    const sha256 = new X509Certificate(certs.server.cert).fingerprint256; // AB:CD:... form
    expect(parseFingerprint(sha256)).toMatchObject({
      algorithm: 'sha256',
      hex: sha256.replaceAll(':', '').toLowerCase(),
    });
    expect(parseFingerprint('a'.repeat(40)).algorithm).toBe('sha1');
    expect(parseFingerprint('A'.repeat(32)).algorithm).toBe('md5');
  });

  it('rejects other lengths and non-hex digits with SSLError', () => {
    expect(() => parseFingerprint('abcd')).toThrow(SSLError);
    expect(() => parseFingerprint('abcd')).toThrow(/Fingerprint of invalid length/);
    expect(() => parseFingerprint('z'.repeat(64))).toThrow(SSLError);
    expect(() => resolveTlsOptions({ assertFingerprint: 'ab:cd' })).toThrow(SSLError);
  });
});

describe('checkFingerprint', () => {
  it.each(['md5', 'sha1', 'sha256'])('accepts a matching %s pin', (algorithm) => {
    const hex = hexOf(algorithm, der);
    expect(() => checkFingerprint(der, hex)).not.toThrow();
    const colons = hex.toUpperCase().match(/../g)?.join(':') ?? '';
    expect(() => checkFingerprint(der, colons)).not.toThrow();
  });

  it.each(['md5', 'sha1', 'sha256'])('rejects another certificate for a %s pin', (algorithm) => {
    const expected = hexOf(algorithm, der);
    const other = new X509Certificate(certs.otherServer.cert).raw;
    let error: unknown;
    try {
      checkFingerprint(other, expected);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toBe(
      `Fingerprints did not match. Expected "${expected}", got "${hexOf(algorithm, other)}"`,
    );
  });

  it('agrees with X509Certificate fingerprints', () => {
    const x509 = new X509Certificate(certs.server.cert);
    expect(() => checkFingerprint(der, x509.fingerprint)).not.toThrow();
    expect(() => checkFingerprint(der, x509.fingerprint256)).not.toThrow();
  });
});
