import { SSLError } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { tlsErrorLocation, toSslError } from '../src/index.ts';

function nodeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('toSslError', () => {
  it('reports chain failures as certificate verify failed, naming host and port', () => {
    const cause = nodeError('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT');
    const error = toSslError(cause, 'localhost', 8443);
    expect(error).toBeInstanceOf(SSLError);
    expect(error.message).toBe(
      'certificate verify failed: self-signed certificate (connecting to localhost:8443)',
    );
    expect(error.cause).toBe(cause);
  });

  it('reports other handshake failures as such', () => {
    const cause = nodeError('socket hang up', 'ECONNRESET');
    expect(toSslError(cause, '::1', 443).message).toBe(
      'TLS handshake failed: socket hang up (connecting to [::1]:443)',
    );
    expect(toSslError('weird', 'h', 1).message).toBe(
      'TLS handshake failed: weird (connecting to h:1)',
    );
  });

  it('adds the location to an SSLError once, keeping its cause', () => {
    const inner = new Error('inner');
    const once = toSslError(new SSLError('Fingerprints did not match', { cause: inner }), 'h', 1);
    expect(once.message).toBe('Fingerprints did not match (connecting to h:1)');
    expect(once.cause).toBe(inner);
    expect(toSslError(once, 'h', 1)).toBe(once);
    expect(tlsErrorLocation('example.com', 443)).toBe(' (connecting to example.com:443)');
  });
});
