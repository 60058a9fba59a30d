// Ported from urllib3's test/test_ssl.py: what maps to tls-config (IP literal detection for SNI,
// the fingerprint check without a peer certificate). Not ported, no equivalent: SSLContext
// mocks (set_ciphers, load_default_certs, post_handshake_auth; the cipher list and the CA
// choice are tested by handshakes in connection/test/urllib3-https.integration.test.ts and
// resolve-tls-options.test.ts), ssl_version and its deprecation, SSLTransport (TLS in TLS).
import type { TLSSocket } from 'node:tls';
import { SSLError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { isIpLiteral, resolveTlsOptions, verifyTlsPeer } from '../src/index.ts';

describe('test_is_ipaddress', () => {
  it.each([
    '::1',
    '::',
    'FE80::8939:7684:D84b:a5A4%251',
    'FE80::8939:7684:D84b:a5A4%19',
    '[::1]',
    '127.0.0.1',
    '8.8.8.8',
  ])('%s is an IP literal (no SNI is sent)', (addr) => {
    expect(isIpLiteral(addr)).toBe(true);
  });

  it.each(['www.python.org', 'v2.sg.media-imdb.com', 'localhost', 'localhost.'])(
    '%s is a name',
    (addr) => {
      expect(isIpLiteral(addr)).toBe(false);
    },
  );
});

describe('test_assert_fingerprint_raises_exception_on_none_cert', () => {
  it('fails with SSLError naming the host when the peer presented no certificate', () => {
    const tls = resolveTlsOptions({
      certReqs: 'CERT_NONE',
      assertFingerprint: '55:39:BF:70:05:12:43:FA:1F:D1:BF:4E:E8:1B:07:1D',
    });
    // A TLS socket without a peer certificate reports an empty object.
    const socket = { getPeerCertificate: () => ({}) } as unknown as TLSSocket;
    let error: unknown;
    try {
      verifyTlsPeer(tls, socket, 'example.com', 443);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SSLError);
    expect((error as Error).message).toContain('No certificate');
    expect((error as Error).message).toContain('example.com:443');
  });
});
