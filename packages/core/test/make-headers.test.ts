import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_USER_AGENT,
  makeHeaders,
  supportedContentEncodings,
  VERSION,
} from '../src/index.ts';

describe('makeHeaders', () => {
  it('adds nothing by default', () => {
    expect([...makeHeaders()]).toEqual([]);
    expect([...makeHeaders({ keepAlive: false, acceptEncoding: false, userAgent: '' })]).toEqual(
      [],
    );
  });

  it('builds each header like urllib3 make_headers', () => {
    expect(makeHeaders({ keepAlive: true }).get('connection')).toBe('keep-alive');
    expect(makeHeaders({ userAgent: 'batman/1.0' }).get('user-agent')).toBe('batman/1.0');
    expect(makeHeaders({ disableCache: true }).get('cache-control')).toBe('no-cache');
    expect(makeHeaders({ basicAuth: 'foo:bar' }).get('authorization')).toBe(
      `Basic ${Buffer.from('foo:bar').toString('base64')}`,
    );
    expect(makeHeaders({ proxyBasicAuth: 'foo:bar' }).get('proxy-authorization')).toBe(
      'Basic Zm9vOmJhcg==',
    );
  });

  it('encodes Basic credentials as Latin-1', () => {
    expect(makeHeaders({ basicAuth: 'j\u00f6rg:p' }).get('authorization')).toBe(
      `Basic ${Buffer.from([0x6a, 0xf6, 0x72, 0x67, 0x3a, 0x70]).toString('base64')}`,
    );
  });

  it('refuses credentials beyond Latin-1 as urllib3 does, instead of falling back to UTF-8', () => {
    expect(() => makeHeaders({ basicAuth: '\u2603:secret' })).toThrow(TypeError);
    expect(() => makeHeaders({ basicAuth: '\u2603:secret' })).toThrow(
      /basicAuth.*Latin-1 at index 0/,
    );
    expect(() => makeHeaders({ proxyBasicAuth: 'u:p\u20ac' })).toThrow(/proxyBasicAuth.*index 3/);
    // The message never shows the credentials.
    expect(() => makeHeaders({ basicAuth: '\u2603:secret' })).not.toThrow(/secret/);
  });

  it('accepts Accept-Encoding as string, array or true', () => {
    expect(makeHeaders({ acceptEncoding: 'gzip' }).get('accept-encoding')).toBe('gzip');
    expect(makeHeaders({ acceptEncoding: ['gzip', 'br'] }).get('accept-encoding')).toBe('gzip,br');
    expect(makeHeaders({ acceptEncoding: true }).get('accept-encoding')).toBe(
      supportedContentEncodings().join(','),
    );
  });

  it('combines options in one dict', () => {
    const h = makeHeaders({ keepAlive: true, userAgent: 'ua', acceptEncoding: 'gzip' });
    expect(h.toJSON()).toEqual({
      'Accept-Encoding': 'gzip',
      'User-Agent': 'ua',
      Connection: 'keep-alive',
    });
  });
});

describe('supportedContentEncodings', () => {
  it('lists zstd exactly when node:zlib can decode it', () => {
    const hasZstd =
      typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === 'function';
    const list = supportedContentEncodings();
    expect(list.slice(0, 3)).toEqual(['gzip', 'deflate', 'br']);
    expect(list.includes('zstd')).toBe(hasZstd);
    expect(list).toHaveLength(hasZstd ? 4 : 3);
  });

  it('returns a fresh array the caller may change', () => {
    const list = supportedContentEncodings();
    list.push('x');
    expect(supportedContentEncodings()).not.toContain('x');
  });
});

describe('DEFAULT_USER_AGENT', () => {
  it('is urlpool/<VERSION>', () => {
    expect(DEFAULT_USER_AGENT).toBe(`urlpool/${VERSION}`);
  });
});
