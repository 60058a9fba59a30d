import { describe, expect, it } from 'vitest';
import {
  chooseBoundary,
  encodeMultipartFormdata,
  formatMultipartHeaderParam,
  guessContentType,
  RequestField,
  urlencode,
} from '../src/index.ts';

const B = 'boundary';

function bytes(...lines: string[]): Buffer {
  return Buffer.from(lines.join(''), 'utf8');
}

describe('encodeMultipartFormdata', () => {
  it('encodes plain fields exactly', () => {
    const { body, contentType } = encodeMultipartFormdata({ k: 'v', k2: Buffer.from('v2') }, B);
    expect(contentType).toBe('multipart/form-data; boundary=boundary');
    expect(
      body.equals(
        bytes(
          '--boundary\r\n',
          'Content-Disposition: form-data; name="k"\r\n',
          '\r\n',
          'v\r\n',
          '--boundary\r\n',
          'Content-Disposition: form-data; name="k2"\r\n',
          '\r\n',
          'v2\r\n',
          '--boundary--\r\n',
        ),
      ),
    ).toBe(true);
  });

  it('encodes a file tuple with a guessed, default or explicit media type', () => {
    const { body } = encodeMultipartFormdata(
      [
        ['a', ['somename', Buffer.from('v')]],
        ['b', ['somefile.txt', 'v']],
        ['c', ['somefile.txt', 'v', 'image/jpeg']],
      ],
      B,
    );
    expect(body.toString('utf8')).toBe(
      '--boundary\r\n' +
        'Content-Disposition: form-data; name="a"; filename="somename"\r\n' +
        'Content-Type: application/octet-stream\r\n\r\nv\r\n' +
        '--boundary\r\n' +
        'Content-Disposition: form-data; name="b"; filename="somefile.txt"\r\n' +
        'Content-Type: text/plain\r\n\r\nv\r\n' +
        '--boundary\r\n' +
        'Content-Disposition: form-data; name="c"; filename="somefile.txt"\r\n' +
        'Content-Type: image/jpeg\r\n\r\nv\r\n' +
        '--boundary--\r\n',
    );
  });

  it('keeps repeated names, binary data and UTF-8 text byte-exact', () => {
    const binary = Buffer.from([0, 255, 13, 10, 128]);
    const { body } = encodeMultipartFormdata(
      [
        ['k', 'caf\u00e9'],
        ['k', binary],
        ['n', 42],
      ],
      B,
    );
    const expected = Buffer.concat([
      bytes('--boundary\r\nContent-Disposition: form-data; name="k"\r\n\r\ncaf\u00e9\r\n'),
      bytes('--boundary\r\nContent-Disposition: form-data; name="k"\r\n\r\n'),
      binary,
      bytes('\r\n--boundary\r\nContent-Disposition: form-data; name="n"\r\n\r\n42\r\n'),
      bytes('--boundary--\r\n'),
    ]);
    expect(body.equals(expected)).toBe(true);
  });

  it('renders RequestField headers in urllib3 order', () => {
    const field = new RequestField('k', Buffer.from('v'), {
      filename: 'somefile.txt',
      headers: { 'Content-Type': 'image/jpeg' },
    });
    expect(encodeMultipartFormdata([field], B).body.toString()).toBe(
      '--boundary\r\nContent-Type: image/jpeg\r\n\r\nv\r\n--boundary--\r\n',
    );
    const custom = new RequestField('f', 'x', { filename: 'a.png', headers: { 'X-Extra': 'e' } });
    custom.makeMultipart({ contentType: 'image/png', contentLocation: '/loc' });
    expect(custom.renderHeaders()).toBe(
      'Content-Disposition: form-data; name="f"; filename="a.png"\r\n' +
        'Content-Type: image/png\r\n' +
        'Content-Location: /loc\r\n' +
        'X-Extra: e\r\n\r\n',
    );
    expect(new RequestField('e', '').renderHeaders()).toBe('\r\n');
  });

  it('escapes CR, LF and quotes in names and file names', () => {
    expect(formatMultipartHeaderParam('filename', 'a"b\r\nc')).toBe('filename="a%22b%0D%0Ac"');
    const { body } = encodeMultipartFormdata({ 'x"\r\ny': ['evil"\n.txt', 'v'] }, B);
    const head = body.toString().split('\r\n\r\n')[0]!;
    expect(head).toBe(
      '--boundary\r\nContent-Disposition: form-data; name="x%22%0D%0Ay"; filename="evil%22%0A.txt"\r\n' +
        'Content-Type: text/plain',
    );
  });

  it('chooses a random 32-hex boundary by default', () => {
    const a = chooseBoundary();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(chooseBoundary()).not.toBe(a);
    const { body, contentType } = encodeMultipartFormdata({ k: 'v' });
    const boundary = contentType.split('boundary=')[1]!;
    expect(boundary).toMatch(/^[0-9a-f]{32}$/);
    expect(body.toString().endsWith(`--${boundary}--\r\n`)).toBe(true);
  });

  it.each(['', 'a\r\nb', 'a\rb', 'a\nb', 'quo"te', 'nul\0', 'snow\u2603', 42])(
    'rejects boundary %j',
    (boundary) => {
      expect(() => encodeMultipartFormdata({ k: 'v' }, boundary as string)).toThrow(
        /Invalid multipart boundary/,
      );
    },
  );

  it.each(['!! test boundary !!', 'x'.repeat(71), 'ends with space ', 'semi;colon', 'tab\there'])(
    'accepts boundary %j as urllib3 does',
    (boundary) => {
      const { body, contentType } = encodeMultipartFormdata({ k: 'v' }, boundary);
      expect(contentType).toBe(`multipart/form-data; boundary=${boundary}`);
      expect(body.toString('latin1')).toBe(
        `--${boundary}\r\nContent-Disposition: form-data; name="k"\r\n\r\nv\r\n--${boundary}--\r\n`,
      );
    },
  );

  it('rejects bad values with a TypeError naming the field', () => {
    expect(() => encodeMultipartFormdata({ k: {} as unknown as string }, B)).toThrow(/Field "k"/);
    expect(() =>
      encodeMultipartFormdata({ k: ['a', 'b', 'c', 'd'] as unknown as [string, string] }, B),
    ).toThrow(/length 4/);
    expect(() => encodeMultipartFormdata([['k'] as unknown as [string, string]], B)).toThrow(
      TypeError,
    );
  });

  it('encodes an empty field list as the closing delimiter only', () => {
    expect(encodeMultipartFormdata([], B).body.toString()).toBe('--boundary--\r\n');
  });
});

describe('guessContentType', () => {
  it.each([
    ['a.txt', 'text/plain'],
    ['A.JPG', 'image/jpeg'],
    ['x.tar.gz', 'application/gzip'],
    ['noext', 'application/octet-stream'],
    ['weird.constructor', 'application/octet-stream'],
    ['', 'application/octet-stream'],
  ])('%s -> %s', (name, type) => {
    expect(guessContentType(name)).toBe(type);
  });
});

describe('urlencode', () => {
  it('uses quote_plus rules', () => {
    expect(urlencode({ q: 'a b&c=d', n: 1 })).toBe('q=a+b%26c%3Dd&n=1');
    expect(urlencode([['k', "!*'()~._-"]])).toBe('k=%21%2A%27%28%29~._-');
    expect(
      urlencode([
        ['k', '\u00e9'],
        ['k', Buffer.from([0xff, 0x20])],
      ]),
    ).toBe('k=%C3%A9&k=%FF+');
    expect(urlencode(new Map([['a b', 'c']]))).toBe('a+b=c');
  });

  it('rejects files', () => {
    expect(() => urlencode({ f: ['a.txt', 'x'] })).toThrow(/multipart/);
  });
});
