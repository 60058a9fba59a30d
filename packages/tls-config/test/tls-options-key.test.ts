import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { resolveTlsOptions, tlsOptionsKey } from '../src/index.ts';

describe('tlsOptionsKey', () => {
  it('is equal for equal options regardless of key order', () => {
    expect(tlsOptionsKey({ caCerts: '/a', certReqs: 'CERT_NONE' })).toBe(
      tlsOptionsKey({ certReqs: 'CERT_NONE', caCerts: '/a' }),
    );
    expect(tlsOptionsKey({})).toBe('');
  });

  it('differs when any option differs', () => {
    const keys = new Set([
      tlsOptionsKey({}),
      tlsOptionsKey({ caCerts: '/a' }),
      tlsOptionsKey({ caCerts: '/b' }),
      tlsOptionsKey({ caCertData: 'x' }),
      tlsOptionsKey({ caCertData: Buffer.from('y') }),
      tlsOptionsKey({ assertHostname: false }),
      tlsOptionsKey({ assertHostname: 'false' }),
      tlsOptionsKey({ alpnProtocols: ['h2'] }),
      tlsOptionsKey({ sslContext: createSecureContext({}) }),
      tlsOptionsKey({ sslContext: createSecureContext({}) }),
    ]);
    expect(keys.size).toBe(10);
  });

  it('keeps secrets out and identifies a context by identity', () => {
    const key = tlsOptionsKey({ keyPassword: 'hunter2', caCertData: 'PEM TEXT' });
    expect(key).not.toContain('hunter2');
    expect(key).not.toContain('PEM TEXT');
    const context = createSecureContext({});
    expect(tlsOptionsKey({ sslContext: context })).toBe(tlsOptionsKey({ sslContext: context }));
  });

  it('is carried by resolved options', () => {
    const resolved = resolveTlsOptions({ certReqs: 'CERT_NONE', alpnProtocols: ['http/1.1'] });
    expect(resolved.key).toBe(
      tlsOptionsKey({ certReqs: 'CERT_NONE', alpnProtocols: ['http/1.1'] }),
    );
    expect(tlsOptionsKey(resolved)).toBe(resolved.key);
  });
});
