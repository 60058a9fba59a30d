import {
  ConnectTimeoutError,
  DecodeError,
  IncompleteRead,
  MaxRetryError,
  NameResolutionError,
  NewConnectionError,
  ProxyError,
  ReadTimeoutError,
  ResponseError,
  SSLError,
} from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../src/classify-error.ts';

describe('classifyError', () => {
  it('unwraps MaxRetryError to its reason', () => {
    const reason = new NameResolutionError('x.invalid', null, new Error('ENOTFOUND'));
    const wrapped = new MaxRetryError(null, 'http://x.invalid/', reason);
    expect(classifyError(wrapped)).toMatchObject({ exitCode: 6, message: reason.message });
  });

  it('maps each class to curl’s code, subclasses before their bases', () => {
    expect(classifyError(new NewConnectionError(null, 'refused')).exitCode).toBe(7);
    expect(classifyError(new ConnectTimeoutError('slow')).exitCode).toBe(28);
    expect(classifyError(new ReadTimeoutError(null, 'http://h/', 'Read timed out.')).exitCode).toBe(
      28,
    );
    expect(classifyError(new IncompleteRead(10, 20)).exitCode).toBe(18);
    expect(classifyError(new ResponseError('too many redirects')).exitCode).toBe(47);
    expect(
      classifyError(
        new DecodeError('Received response with content-encoding: gzip, but failed to decode it.'),
      ).exitCode,
    ).toBe(61);
  });

  it('tells TLS failures apart: untrusted (60), pin (90), client key (58), CA file (77), handshake (35)', () => {
    expect(
      classifyError(new SSLError('certificate verify failed: self-signed certificate')).exitCode,
    ).toBe(60);
    expect(
      classifyError(new SSLError('Fingerprints did not match. Expected "aa", got "bb"')).exitCode,
    ).toBe(90);
    expect(
      classifyError(new SSLError('Client private key is encrypted, password is required')).exitCode,
    ).toBe(58);
    expect(
      classifyError(new SSLError("caCerts '/x' holds no PEM or DER certificate")).exitCode,
    ).toBe(77);
    expect(classifyError(new SSLError('TLS handshake failed: wrong version number')).exitCode).toBe(
      35,
    );
  });

  it('proxy failures: unresolved proxy (5), unreachable (7), refused (97)', () => {
    const unresolved = new ProxyError('Unable to connect to proxy', {
      cause: new NameResolutionError('proxy.invalid', null, new Error('ENOTFOUND')),
    });
    expect(classifyError(unresolved).exitCode).toBe(5);
    const refused = new ProxyError('Unable to connect to proxy', {
      cause: new NewConnectionError(null, 'ECONNREFUSED'),
    });
    expect(classifyError(refused).exitCode).toBe(7);
    const denied = new ProxyError('Tunnel connection failed: 407 Proxy Authentication Required');
    expect(classifyError(denied)).toMatchObject({
      exitCode: 97,
      hint: expect.stringMatching(/credentials/),
    });
  });

  it('with a proxy: its unresolvable name is 5, not 6; the origin’s stays 6', () => {
    const proxyName = new NameResolutionError('socks.invalid', null, new Error('ENOTFOUND'));
    expect(classifyError(proxyName, { proxyHost: 'socks.invalid' }).exitCode).toBe(5);
    const originName = new NameResolutionError('origin.invalid', null, new Error('ENOTFOUND'));
    expect(classifyError(originName, { proxyHost: 'socks.invalid' }).exitCode).toBe(6);
    const unreachable = new NewConnectionError(
      null,
      'Failed to establish a new connection to h:80: cannot reach the SOCKS5 proxy 127.0.0.1:1 (ECONNREFUSED)',
    );
    expect(classifyError(unreachable, { proxyHost: '127.0.0.1' })).toMatchObject({
      exitCode: 7,
      hint: expect.stringMatching(/--proxy/),
    });
    const refused = new NewConnectionError(
      null,
      'Failed to establish a new connection to h:80 through the SOCKS5 proxy 127.0.0.1:1080: authentication failed',
    );
    expect(classifyError(refused, { proxyHost: '127.0.0.1' }).exitCode).toBe(97);
  });
});
