import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { SSLError, TLS_OPTION_NAMES } from '@urlpool/core';
import { generateTestCertificates, type TestCertificates } from '@urlpool/test-server';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustedCas, resolveTlsOptions } from '../src/index.ts';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await generateTestCertificates();
});

const savedKeyLog = process.env.SSLKEYLOGFILE;
afterEach(() => {
  if (savedKeyLog === undefined) delete process.env.SSLKEYLOGFILE;
  else process.env.SSLKEYLOGFILE = savedKeyLog;
});

function sslErrorOf(fn: () => unknown): SSLError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SSLError);
    return error as SSLError;
  }
  throw new Error('expected an SSLError');
}

describe('resolveTlsOptions defaults', () => {
  it('verifies, offers http/1.1, starts at TLSv1.2 and uses bundled roots', () => {
    delete process.env.SSLKEYLOGFILE;
    const tls = resolveTlsOptions();
    expect(tls.verify).toBe(true);
    expect(tls.minVersion).toBe('TLSv1.2');
    expect(tls.maxVersion).toBeUndefined();
    expect(tls.alpnProtocols).toEqual(['http/1.1']);
    expect(tls.fingerprint).toBeUndefined();
    expect(tls.keyLogFile).toBeUndefined();
    expect(tls.connectOptions.rejectUnauthorized).toBe(true);
    expect(tls.connectOptions.ALPNProtocols).toEqual(['http/1.1']);
    expect(tls.connectOptions.secureContext).toBe(tls.secureContext);
    expect(loadTrustedCas({})).toBeUndefined();
    expect(Object.isFrozen(tls)).toBe(true);
  });

  it('turns CERT_NONE into rejectUnauthorized false and lowercases serverHostname', () => {
    const tls = resolveTlsOptions({ certReqs: 'CERT_NONE', serverHostname: 'Example.COM' });
    expect(tls.verify).toBe(false);
    expect(tls.connectOptions.rejectUnauthorized).toBe(false);
    expect(tls.serverHostname).toBe('example.com');
  });

  it('offers no ALPN for an empty list', () => {
    const tls = resolveTlsOptions({ alpnProtocols: [] });
    expect(tls.connectOptions.ALPNProtocols).toBeUndefined();
  });

  it('picks up SSLKEYLOGFILE when resolving', () => {
    process.env.SSLKEYLOGFILE = '/tmp/urlpool-keys.log';
    expect(resolveTlsOptions().keyLogFile).toBe('/tmp/urlpool-keys.log');
    process.env.SSLKEYLOGFILE = '';
    expect(resolveTlsOptions().keyLogFile).toBeUndefined();
  });
});

describe('resolveTlsOptions validation', () => {
  it('rejects unknown option names, listing the known ones', () => {
    expect(() => resolveTlsOptions({ ca_certs: '/x' } as never)).toThrow(
      /Unknown TLS option 'ca_certs'. Known options: certReqs, caCerts/,
    );
    expect(TLS_OPTION_NAMES).toContain('assertFingerprint');
  });

  it.each([
    [{ certReqs: 'required' }, /certReqs must be/],
    [{ caCerts: 42 }, /caCerts must be a non-empty string/],
    [{ caCerts: '' }, /caCerts must be a non-empty string/],
    [{ sslMinimumVersion: 'TLSv1.4' }, /sslMinimumVersion must be one of/],
    [{ assertHostname: true }, /assertHostname must be a string or false/],
    [{ alpnProtocols: 'h2' }, /alpnProtocols must be an array/],
    [{ alpnProtocols: [''] }, /alpnProtocols entries/],
    [{ caCertData: 5 }, /caCertData must be/],
    [{ useSystemCa: 'yes' }, /useSystemCa must be a boolean/],
    [{ sslContext: {} }, /sslContext must be a tls.SecureContext/],
    [{ keyFile: '/k.pem' }, /keyFile needs certFile/],
    [{ keyPassword: 'pw' }, /keyPassword needs certFile/],
    [{ sslMinimumVersion: 'TLSv1.3', sslMaximumVersion: 'TLSv1.2' }, /is above/],
  ])('rejects %j with a TypeError', (options, message) => {
    expect(() => resolveTlsOptions(options as never)).toThrow(TypeError);
    expect(() => resolveTlsOptions(options as never)).toThrow(message);
  });

  it('uses a given sslContext as is and refuses options it already holds', () => {
    const context = createSecureContext({});
    const tls = resolveTlsOptions({ sslContext: context, assertHostname: false });
    expect(tls.secureContext).toBe(context);
    expect(tls.minVersion).toBeUndefined();
    expect(() => resolveTlsOptions({ sslContext: context, caCerts: certs.ca.certFile })).toThrow(
      /sslContext cannot be combined with caCerts/,
    );
  });
});

describe('trusted CAs', () => {
  it('reads caCerts, caCertDir and caCertData (PEM and DER)', () => {
    const pem = new X509Certificate(certs.ca.cert).toString();
    expect(loadTrustedCas({ caCerts: certs.ca.certFile })).toEqual([pem.trim()]);
    expect(loadTrustedCas({ caCertDir: certs.ca.certDir })).toEqual([pem.trim()]);
    expect(loadTrustedCas({ caCertData: certs.ca.cert })).toEqual([pem.trim()]);
    const fromDer = loadTrustedCas({ caCertData: certs.ca.certDer });
    expect(fromDer).toHaveLength(1);
    expect(new X509Certificate(fromDer?.[0] ?? '').fingerprint256).toBe(
      new X509Certificate(certs.ca.cert).fingerprint256,
    );
    expect(
      loadTrustedCas({ caCerts: certs.ca.certFile, caCertData: certs.selfSigned.cert }),
    ).toHaveLength(2);
  });

  it('names a missing caCerts path', () => {
    const error = sslErrorOf(() => resolveTlsOptions({ caCerts: '/nonexistent/ca.pem' }));
    expect(error.message).toContain("caCerts '/nonexistent/ca.pem'");
    expect(error.message).toContain('ENOENT');
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('names a missing caCertDir path and rejects a directory without certificates', () => {
    const missing = sslErrorOf(() => resolveTlsOptions({ caCertDir: '/nonexistent/certs' }));
    expect(missing.message).toContain("caCertDir '/nonexistent/certs'");
    const empty = mkdtempSync(join(tmpdir(), 'urlpool-empty-'));
    try {
      const error = sslErrorOf(() => resolveTlsOptions({ caCertDir: empty }));
      expect(error.message).toContain(`caCertDir '${empty}' holds no PEM certificate`);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('rejects a caCerts file or caCertData without certificates', () => {
    expect(sslErrorOf(() => resolveTlsOptions({ caCerts: certs.ca.keyFile })).message).toContain(
      `caCerts '${certs.ca.keyFile}' holds no PEM or DER certificate`,
    );
    expect(sslErrorOf(() => resolveTlsOptions({ caCertData: 'not a cert' })).message).toContain(
      'caCertData holds no PEM certificate',
    );
  });

  it('reads the system store for useSystemCa', () => {
    const cas = loadTrustedCas({ useSystemCa: true }) ?? [];
    expect(cas.length).toBeGreaterThan(10);
    for (const pem of cas.slice(0, 5)) expect(new X509Certificate(pem).ca).toBe(true);
  });
});

describe('client certificates', () => {
  it('loads a plain key and an encrypted key with its password', () => {
    expect(() =>
      resolveTlsOptions({ certFile: certs.client.certFile, keyFile: certs.client.keyFile }),
    ).not.toThrow();
    expect(() =>
      resolveTlsOptions({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        keyPassword: certs.client.keyPassword,
      }),
    ).not.toThrow();
  });

  it('asks for the password of an encrypted key', () => {
    const error = sslErrorOf(() =>
      resolveTlsOptions({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
      }),
    );
    expect(error.message).toBe('Client private key is encrypted, password is required');
  });

  it('reports a wrong password naming the key file', () => {
    const error = sslErrorOf(() =>
      resolveTlsOptions({
        certFile: certs.client.certFile,
        keyFile: certs.client.encryptedKeyFile,
        keyPassword: 'wrong',
      }),
    );
    expect(error.message).toContain(`'${certs.client.encryptedKeyFile}'`);
    expect(error.message).toContain('keyPassword');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('needs a key in certFile when keyFile is absent, and a matching key', () => {
    expect(sslErrorOf(() => resolveTlsOptions({ certFile: certs.client.certFile })).message).toBe(
      `certFile '${certs.client.certFile}' holds no private key; pass keyFile as well`,
    );
    const mismatch = sslErrorOf(() =>
      resolveTlsOptions({ certFile: certs.client.certFile, keyFile: certs.server.keyFile }),
    );
    expect(mismatch.message).toContain('Could not build the TLS context');
    expect(mismatch.message).toContain(certs.client.certFile);
  });

  it('names a missing certFile', () => {
    expect(sslErrorOf(() => resolveTlsOptions({ certFile: '/nope/client.pem' })).message).toContain(
      "certFile '/nope/client.pem'",
    );
  });
});
