import { HTTPHeaderDict, Retry, type RetryResponse } from '@urlpool/core';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, HTTPResponse } from '../src/index.ts';
import { makeResponse } from './helpers/make-response.ts';

describe('constructor', () => {
  it('has urllib3-like defaults', () => {
    const r = new HTTPResponse({ status: 204 });
    expect(r.status).toBe(204);
    expect(r.reason).toBe('');
    expect(r.version).toBe(11);
    expect(r.versionString).toBe('HTTP/1.1');
    expect(r.headers).toBeInstanceOf(HTTPHeaderDict);
    expect(r.data.length).toBe(0);
    expect(r.url).toBeNull();
    expect(r.retries).toBeNull();
    expect(r.connection).toBeNull();
    expect(r.lengthRemaining).toBeNull();
    expect(r.closed).toBe(true);
    expect(r.chunked).toBe(false);
    expect(r.decodeContent).toBe(true);
    expect(r.readable()).toBe(true);
    expect(r.isClosed()).toBe(true);
  });

  it('adopts an HTTPHeaderDict and builds one from other inits', () => {
    const dict = new HTTPHeaderDict({ 'Content-Type': 'text/plain' });
    expect(new HTTPResponse({ status: 200, headers: dict }).headers).toBe(dict);
    const fromObject = new HTTPResponse({ status: 200, headers: { 'X-A': '1' } });
    expect(fromObject.headers.get('x-a')).toBe('1');
    const fromPairs = new HTTPResponse({
      status: 200,
      headers: [
        ['Set-Cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    });
    expect(fromPairs.headers.getlist('Set-Cookie')).toEqual(['a=1', 'b=2']);
  });

  it('HTTP/1.0', () => {
    const r = new HTTPResponse({ status: 200, version: 10 });
    expect(r.versionString).toBe('HTTP/1.0');
  });

  it('url falls back to requestUrl', () => {
    expect(new HTTPResponse({ status: 200, requestUrl: 'http://a/x' }).url).toBe('http://a/x');
    expect(new HTTPResponse({ status: 200, requestUrl: 'http://a/x', url: 'http://b/' }).url).toBe(
      'http://b/',
    );
  });

  it.each([
    [{ status: 99 }, /status/],
    [{ status: 200.5 }, /status/],
    [{ status: 200, version: 9 }, /version/],
    [{ status: 200, body: 'x', raw: { next() {} } }, /not both/],
    [{ status: 200, body: 42 }, /a string, a Buffer or a Uint8Array/],
    [{ status: 200, bogus: 1 }, /Unknown HTTPResponse option "bogus"/],
    [{ status: 200, maxDecodedSize: -1 }, /maxDecodedSize/],
  ])('rejects bad options %j', (options, message) => {
    expect(() => new HTTPResponse(options as never)).toThrow(message);
  });

  it('chunked comes from the reader, or from Transfer-Encoding for a ready body', () => {
    expect(makeResponse([], {}, { chunked: true }).r.chunked).toBe(true);
    const r = new HTTPResponse({ status: 200, headers: { 'Transfer-Encoding': 'gzip, Chunked' } });
    expect(r.chunked).toBe(true);
  });

  it('setting retries with a redirect in its history updates url (urllib3)', () => {
    const r = new HTTPResponse({ status: 200, requestUrl: 'http://a/start' });
    const retries = new Retry({
      history: [
        {
          method: 'GET',
          url: 'http://a/start',
          error: null,
          status: 302,
          redirectLocation: 'http://b/end',
        },
      ],
    });
    r.retries = retries;
    expect(r.retries).toBe(retries);
    expect(r.url).toBe('http://b/end');
    r.retries = new Retry();
    expect(r.url).toBe('http://b/end');
  });
});

describe('getRedirectLocation()', () => {
  it.each([301, 302, 303, 307, 308])('%i returns Location, or null without one', (status) => {
    const r = new HTTPResponse({ status, headers: { Location: '/next' } });
    expect(r.getRedirectLocation()).toBe('/next');
    expect(new HTTPResponse({ status }).getRedirectLocation()).toBeNull();
  });

  it.each([200, 300, 304, 305, 404])('%i is not a redirect: false', (status) => {
    const r = new HTTPResponse({ status, headers: { Location: '/next' } });
    expect(r.getRedirectLocation()).toBe(false);
  });
});

describe('json() and text()', () => {
  it('json() parses UTF-8 (with or without BOM)', () => {
    const doc = { a: 'é', n: [1, 2] };
    expect(new HTTPResponse({ status: 200, body: JSON.stringify(doc) }).json()).toEqual(doc);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"x":1}')]);
    expect(new HTTPResponse({ status: 200, body: bom }).json<{ x: number }>().x).toBe(1);
  });

  it('json() throws SyntaxError for non-JSON', () => {
    expect(() => new HTTPResponse({ status: 200, body: 'nope' }).json()).toThrow(SyntaxError);
  });

  it('text() defaults to UTF-8', () => {
    expect(new HTTPResponse({ status: 200, body: 'grüße ✓' }).text()).toBe('grüße ✓');
  });

  it('text() follows the Content-Type charset: latin1 maps every byte (0x80-0xff)', () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x9f, 0xff]);
    const expected = String.fromCharCode(...bytes);
    for (const ct of ['text/plain; charset=ISO-8859-1', 'text/plain;charset="latin1"']) {
      const r = new HTTPResponse({ status: 200, body: bytes, headers: { 'Content-Type': ct } });
      expect(r.text()).toBe(expected);
    }
  });

  it('text() decodes other charsets with TextDecoder', () => {
    const sjis = Buffer.from([0x82, 0xa0]); // あ in Shift_JIS
    const r = new HTTPResponse({
      status: 200,
      body: sjis,
      headers: { 'content-type': 'text/plain; charset=Shift_JIS' },
    });
    expect(r.text()).toBe('あ');
    const utf16 = Buffer.from('hi', 'utf16le');
    expect(new HTTPResponse({ status: 200, body: utf16 }).text('utf-16le')).toBe('hi');
  });

  it('an explicit encoding overrides the header; unknown ones throw RangeError', () => {
    const r = new HTTPResponse({
      status: 200,
      body: Buffer.from([0xe9]),
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
    expect(r.text('latin1')).toBe('é');
    expect(() => r.text('no-such-codec')).toThrow(RangeError);
  });

  it('an unknown charset from the server falls back to UTF-8', () => {
    const r = new HTTPResponse({
      status: 200,
      body: 'ok ✓',
      headers: { 'Content-Type': 'text/plain; charset=x-unknown' },
    });
    expect(r.text()).toBe('ok ✓');
  });

  it('json()/text() work after preload()', async () => {
    const { r } = makeResponse(['{"a"', ':1}']);
    await r.preload();
    expect(r.json()).toEqual({ a: 1 });
    expect(r.text()).toBe('{"a":1}');
  });
});

describe('charsetFromContentType()', () => {
  it.each([
    ['text/html; charset=UTF-8', 'utf-8'],
    ['text/html;charset="iso-8859-1"', 'iso-8859-1'],
    ['text/html; foo=bar; charset = latin1 ; x=y', 'latin1'],
    ['text/html', null],
    ['text/html; charset=', null],
  ])('%s -> %s', (ct, expected) => {
    expect(charsetFromContentType(ct)).toBe(expected);
  });

  it('null in, null out', () => {
    expect(charsetFromContentType(null)).toBeNull();
  });
});

describe('bodiless responses and readInto()', () => {
  it('preload() without a raw reader still auto-releases', async () => {
    let calls = 0;
    const release = { release: () => void calls++ };
    const r = new HTTPResponse({ status: 204, release, autoRelease: true, connection: {} });
    expect(r.connection).not.toBeNull();
    await r.preload();
    await r.preload();
    expect(calls).toBe(1);
    expect(r.connection).toBeNull();
  });

  it('readInto() fills a target and returns the count, 0 at the end', async () => {
    const { r } = makeResponse(['abcdef', 'ghij']);
    const target = new Uint8Array(4);
    const seen: string[] = [];
    for (let n = await r.readInto(target); n > 0; n = await r.readInto(target)) {
      seen.push(Buffer.from(target.subarray(0, n)).toString());
    }
    expect(seen).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('satisfies the RetryResponse shape core expects', () => {
    const r: RetryResponse = new HTTPResponse({ status: 303, headers: { Location: '/x' } });
    expect(r.getRedirectLocation()).toBe('/x');
  });
});
