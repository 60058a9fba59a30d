import { describe, expect, it } from 'vitest';
import { encodeRequest, HTTPHeaderDict, InvalidMethodError } from '../src/index.ts';

function text(body: ReturnType<typeof encodeRequest>['body']): string {
  if (body.type !== 'bytes') throw new Error(`bytes expected, got ${body.type}`);
  return typeof body.data === 'string' ? body.data : body.data.toString('utf8');
}

describe('encodeRequest', () => {
  it('uppercases the method and validates it', () => {
    expect(encodeRequest('get', 'http://h/').method).toBe('GET');
    expect(() => encodeRequest('GET X', 'http://h/')).toThrow(InvalidMethodError);
  });

  it('passes a plain request through untouched', () => {
    const r = encodeRequest('GET', 'http://h/p');
    expect(r).toEqual({
      method: 'GET',
      url: 'http://h/p',
      headers: undefined,
      body: { type: 'empty' },
    });
  });

  it.each(['GET', 'HEAD', 'DELETE', 'OPTIONS'])('puts fields in the query for %s', (method) => {
    const r = encodeRequest(method, 'http://h/p', { fields: { q: 'a b', n: 2 } });
    expect(r.url).toBe('http://h/p?q=a+b&n=2');
    expect(r.body.type).toBe('empty');
    expect(r.headers).toBeUndefined();
  });

  it('appends to an existing query with & and keeps the fragment last', () => {
    expect(encodeRequest('GET', 'http://h/p?x=1', { fields: { y: '2' } }).url).toBe(
      'http://h/p?x=1&y=2',
    );
    expect(encodeRequest('GET', 'http://h/p?', { fields: { y: '2' } }).url).toBe('http://h/p?y=2');
    expect(encodeRequest('GET', 'http://h/p?x&', { fields: { y: '2' } }).url).toBe(
      'http://h/p?x&y=2',
    );
    expect(encodeRequest('GET', 'http://h/p#frag', { fields: { y: '2' } }).url).toBe(
      'http://h/p?y=2#frag',
    );
  });

  it('ignores empty fields', () => {
    expect(encodeRequest('GET', 'http://h/', { fields: {} }).url).toBe('http://h/');
    expect(encodeRequest('POST', 'http://h/', { fields: [] }).body.type).toBe('empty');
  });

  it('encodes POST fields as multipart by default', () => {
    const r = encodeRequest('POST', 'http://h/', {
      fields: { k: 'v' },
      multipartBoundary: 'xyz',
    });
    expect(r.headers?.get('content-type')).toBe('multipart/form-data; boundary=xyz');
    expect(text(r.body)).toBe(
      '--xyz\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n--xyz--\r\n',
    );
    expect(r.body.type === 'bytes' && r.body.length).toBe(text(r.body).length);
  });

  it('encodes POST fields as urlencoded when encodeMultipart is false', () => {
    const r = encodeRequest('PUT', 'http://h/', {
      fields: [
        ['a', '1'],
        ['a', '2 3'],
      ],
      encodeMultipart: false,
    });
    expect(r.headers?.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(text(r.body)).toBe('a=1&a=2+3');
  });

  it('serialises json compactly with Content-Type unless set', () => {
    const r = encodeRequest('POST', 'http://h/', { json: { a: [1, 'é'], b: null } });
    expect(text(r.body)).toBe('{"a":[1,"é"],"b":null}');
    expect(r.body.type === 'bytes' && r.body.length).toBe(
      Buffer.byteLength('{"a":[1,"é"],"b":null}'),
    );
    expect(r.headers?.get('content-type')).toBe('application/json');
    const custom = encodeRequest('POST', 'http://h/', {
      json: 1,
      headers: { 'content-type': 'application/vnd.api+json' },
    });
    expect(custom.headers?.getlist('Content-Type')).toEqual(['application/vnd.api+json']);
    expect(text(encodeRequest('POST', 'http://h/', { json: null }).body)).toBe('null');
  });

  it('keeps the given headers and adds Content-Type to a copy', () => {
    const mine = new HTTPHeaderDict({ Authorization: 'x' });
    const r = encodeRequest('POST', 'http://h/', { json: {}, headers: mine });
    expect(r.headers).not.toBe(mine);
    expect(r.headers?.get('authorization')).toBe('x');
    expect(mine.has('content-type')).toBe(false);
    const same = encodeRequest('GET', 'http://h/', { headers: mine });
    expect(same.headers).toBe(mine);
    const record = { A: '1' };
    const fromRecord = encodeRequest('POST', 'http://h/', { json: {}, headers: record });
    expect(record).toEqual({ A: '1' });
    expect(fromRecord.headers?.toJSON()).toEqual({ A: '1', 'Content-Type': 'application/json' });
  });

  it('does not mutate caller field objects', () => {
    const fields = { a: ['f.txt', 'x'] as const };
    const snapshot = JSON.stringify(fields);
    encodeRequest('POST', 'http://h/', { fields });
    expect(JSON.stringify(fields)).toBe(snapshot);
  });

  it('passes bodies through prepareBody', () => {
    const r = encodeRequest('POST', 'http://h/', { body: 'abc' });
    expect(r.body).toEqual({ type: 'bytes', data: 'abc', length: 3 });
    expect(r.headers).toBeUndefined();
  });

  it('throws TypeError for conflicting options', () => {
    expect(() => encodeRequest('POST', 'http://h/', { json: {}, body: 'x' })).toThrow(
      /'body' and 'json'/,
    );
    expect(() => encodeRequest('GET', 'http://h/', { json: {}, fields: { a: '1' } })).toThrow(
      /'fields' and 'json'/,
    );
    expect(() => encodeRequest('POST', 'http://h/', { fields: { a: '1' }, body: 'x' })).toThrow(
      /'fields' and 'body'/,
    );
    expect(() => encodeRequest('POST', 'http://h/', { json: () => 1 })).toThrow(TypeError);
    expect(() => encodeRequest('GET', 'http://h/', { fields: { f: ['a.txt', 'x'] } })).toThrow(
      /multipart/,
    );
  });

  it('allows a body with query fields for GET, as urllib3 does', () => {
    const r = encodeRequest('GET', 'http://h/', { fields: { a: '1' }, body: 'x' });
    expect(r.url).toBe('http://h/?a=1');
    expect(text(r.body)).toBe('x');
  });
});
