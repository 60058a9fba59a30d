// Ported from urllib3's test/test_fields.py and test/test_filepost.py: RequestField, its
// header rendering, format_multipart_header_param and encode_multipart_formdata.
// Not ported: the RFC 2231 / html5 header formatters deprecated in urllib3 2.x, and the private
// _render_parts helper (its behaviour shows through renderHeaders). Python's bytes become
// Buffers; tuples become arrays.
import { describe, expect, it } from 'vitest';
import {
  encodeMultipartFormdata,
  type Fields,
  formatMultipartHeaderParam,
  guessContentType,
  RequestField,
} from '../src/index.ts';

describe('urllib3 test_fields: RequestField', () => {
  it.each<[string | null, string[]]>([
    ['image.jpg', ['image/jpeg', 'image/pjpeg']],
    ['notsure', ['application/octet-stream']],
    [null, ['application/octet-stream']],
  ])('guessContentType(%j)', (filename, types) => {
    expect(types).toContain(guessContentType(filename));
  });

  it('renders only the blank line until makeMultipart, except headers it was given', () => {
    expect(new RequestField('somename', 'data').renderHeaders()).toBe('\r\n');
    expect(new RequestField('somename', 'data', { filename: 'somefile.txt' }).renderHeaders()).toBe(
      '\r\n',
    );
    expect(
      new RequestField('somename', 'data', { headers: { 'Content-Length': '4' } }).renderHeaders(),
    ).toBe('Content-Length: 4\r\n\r\n');
  });

  it('makeMultipart sets Content-Disposition, Content-Type and Content-Location in order', () => {
    const field = new RequestField('somename', 'data');
    field.makeMultipart({ contentType: 'image/jpg', contentLocation: '/test' });
    expect(field.renderHeaders()).toBe(
      'Content-Disposition: form-data; name="somename"\r\n' +
        'Content-Type: image/jpg\r\n' +
        'Content-Location: /test\r\n' +
        '\r\n',
    );
  });

  it('makeMultipart keeps an empty filename', () => {
    const field = new RequestField('somename', 'data', { filename: '' });
    field.makeMultipart({ contentType: 'application/octet-stream' });
    expect(field.renderHeaders()).toBe(
      'Content-Disposition: form-data; name="somename"; filename=""\r\n' +
        'Content-Type: application/octet-stream\r\n' +
        '\r\n',
    );
  });

  it("takes the file name as urllib3's positional third argument too", () => {
    const field = new RequestField('somename', 'data', '');
    field.makeMultipart({ contentType: 'application/octet-stream' });
    expect(field.filename).toBe('');
    expect(field.headers['Content-Disposition']).toBe('form-data; name="somename"; filename=""');
    expect(new RequestField('somename', 'data', null).filename).toBeNull();
  });

  it('renders parameters in the order given', () => {
    const field = new RequestField('name', 'data', { filename: 'value' });
    field.makeMultipart();
    expect(field.headers['Content-Disposition']).toBe('form-data; name="name"; filename="value"');
  });

  it.each<[string | Buffer, string]>([
    ['name', 'name'],
    ['n\u00e4me', 'n\u00e4me'],
    [Buffer.from('n\u00e4me'), 'n\u00e4me'],
    ['ski \u26f7.txt', 'ski \u26f7.txt'],
    ['control \x1a\x1b\x1c', 'control \x1a\x1b\x1c'],
    ['backslash \\', 'backslash \\'],
    ['quotes \'"', "quotes '%22"],
    ['newline \n\r', 'newline %0A%0D'],
  ])('formatMultipartHeaderParam("filename", %j)', (value, expected) => {
    expect(formatMultipartHeaderParam('filename', value)).toBe(`filename="${expected}"`);
  });

  describe('formatMultipartHeaderParam (the html5 formatter)', () => {
    it('keeps non-ASCII text as is', () => {
      expect(formatMultipartHeaderParam('filename', 'n\u00e4me')).toBe('filename="n\u00e4me"');
    });

    it('leaves ASCII alone', () => {
      expect(formatMultipartHeaderParam('filename', 'name')).toBe('filename="name"');
    });

    it('percent-encodes the double quote and leaves the backslash', () => {
      expect(formatMultipartHeaderParam('filename', 'hello\\world"')).toBe(
        'filename="hello\\world%22"',
      );
    });

    it('percent-encodes only CR, LF and the double quote among control characters', () => {
      // urllib3 2.x follows the WHATWG multipart/form-data rules: other control characters
      // pass through.
      expect(formatMultipartHeaderParam('filename', 'hello\x1a\x1b\x1c')).toBe(
        'filename="hello\x1a\x1b\x1c"',
      );
      expect(formatMultipartHeaderParam('filename', 'a\r\nb')).toBe('filename="a%0D%0Ab"');
    });
  });

  it('fromTuples keeps a non-ASCII file name as is', () => {
    const field = RequestField.fromTuples('file', ['\u30b9\u30ad\u30fc\u65c5\u884c.txt', 'data']);
    expect(field.headers['Content-Disposition']).toBe(
      'form-data; name="file"; filename="\u30b9\u30ad\u30fc\u65c5\u884c.txt"',
    );
  });

  it('fromTuples keeps a non-ASCII field name as is', () => {
    const field = RequestField.fromTuples('fieldname', ['filen\u00e4me', 'data']);
    expect(field.headers['Content-Disposition']).toBe(
      'form-data; name="fieldname"; filename="filen\u00e4me"',
    );
  });
});

describe('urllib3 test_filepost: encodeMultipartFormdata', () => {
  const BOUNDARY = '!! test boundary !!';
  const b = (s: string) => Buffer.from(s, 'latin1');

  it('visits object fields and pair lists in order (iter_fields)', () => {
    const names = (fields: Fields) =>
      [
        ...encodeMultipartFormdata(fields, BOUNDARY)
          .body.toString()
          .matchAll(/name="(\w+)"/g),
      ].map((m) => m[1]);
    expect(names({ a: 'b' })).toEqual(['a']);
    expect(names({ a: 'b', c: 'd' })).toEqual(['a', 'c']);
    expect(names([['a', 'b']])).toEqual(['a']);
    expect(
      names([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toEqual(['a', 'c']);
  });

  it.each<[string, Fields]>([
    ['an object', { k: 'v', k2: 'v2' }],
    [
      'a list of pairs',
      [
        ['k', 'v'],
        ['k2', 'v2'],
      ],
    ],
  ])('takes %s', (_, fields) => {
    const { body } = encodeMultipartFormdata(fields, BOUNDARY);
    expect(body.toString().split(BOUNDARY).length - 1).toBe(3);
  });

  it.each<[string, Fields]>([
    [
      'strings',
      [
        ['k', 'v'],
        ['k2', 'v2'],
      ],
    ],
    [
      'Buffers',
      [
        ['k', Buffer.from('v')],
        ['k2', Buffer.from('v2')],
      ],
    ],
    [
      'a Buffer and a string',
      [
        ['k', Buffer.from('v')],
        ['k2', 'v2'],
      ],
    ],
  ])('encodes fields given as %s', (_, fields) => {
    const { body, contentType } = encodeMultipartFormdata(fields, BOUNDARY);
    expect(body).toEqual(
      b(
        `--${BOUNDARY}\r\n` +
          'Content-Disposition: form-data; name="k"\r\n' +
          '\r\n' +
          'v\r\n' +
          `--${BOUNDARY}\r\n` +
          'Content-Disposition: form-data; name="k2"\r\n' +
          '\r\n' +
          'v2\r\n' +
          `--${BOUNDARY}--\r\n`,
      ),
    );
    expect(contentType).toBe(`multipart/form-data; boundary=${BOUNDARY}`);
  });

  it.each<[string, Fields, string, string]>([
    [
      'a file name',
      [['k', ['somename', Buffer.from('v')]]],
      'somename',
      'application/octet-stream',
    ],
    ['a .txt file name', [['k', ['somefile.txt', Buffer.from('v')]]], 'somefile.txt', 'text/plain'],
    [
      'an explicit type',
      [['k', ['somefile.txt', Buffer.from('v'), 'image/jpeg']]],
      'somefile.txt',
      'image/jpeg',
    ],
  ])('encodes a file tuple with %s', (_, fields, filename, type) => {
    const { body, contentType } = encodeMultipartFormdata(fields, BOUNDARY);
    expect(body).toEqual(
      b(
        `--${BOUNDARY}\r\n` +
          `Content-Disposition: form-data; name="k"; filename="${filename}"\r\n` +
          `Content-Type: ${type}\r\n` +
          '\r\n' +
          'v\r\n' +
          `--${BOUNDARY}--\r\n`,
      ),
    );
    expect(contentType).toBe(`multipart/form-data; boundary=${BOUNDARY}`);
  });

  it('encodes a RequestField with only the headers it was given', () => {
    const field = new RequestField('k', Buffer.from('v'), {
      filename: 'somefile.txt',
      headers: { 'Content-Type': 'image/jpeg' },
    });
    const { body } = encodeMultipartFormdata([field], BOUNDARY);
    expect(body).toEqual(
      b(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\n\r\nv\r\n--${BOUNDARY}--\r\n`),
    );
  });
});
